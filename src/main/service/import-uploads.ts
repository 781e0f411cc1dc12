/**
 * Rules files on their way in, held in main between `rules:importOpen`,
 * `rules:importAppend` and `rules:importPlan`: a file of thousands of rules is
 * larger than one call may carry, so it arrives in parts. Few uploads are
 * kept at once and none for long, so an abandoned one cannot fill memory.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors';
import type { Clock } from '../ports/clock';

/** At most this many uploads at once; opening another forgets the oldest. */
const maxOpenUploads = 4;
/** An upload untouched this long is forgotten (the preview dialog was left open, or the window closed). */
const idleLimitMs = 60 * 60 * 1000;

interface Upload {
  chars: number;
  parts: string[];
  received: number;
  touchedAt: number;
}

const gone = () =>
  new AppError('not_found', 'volsnap no longer has this file (it was kept for an hour). Choose the file again.');

export class ImportUploads {
  private readonly uploads = new Map<string, Upload>();

  constructor(private readonly clock: Clock) {}

  /** Starts an upload of `chars` characters. */
  open(chars: number): string {
    this.forgetIdle();
    while (this.uploads.size >= maxOpenUploads) this.uploads.delete(this.uploads.keys().next().value!);
    const id = randomUUID();
    this.uploads.set(id, { chars, parts: [], received: 0, touchedAt: this.clock.now().getTime() });
    return id;
  }

  /** Adds the next part; a part out of order or past the announced size is refused (the sender starts again). */
  append(id: string, offset: number, text: string): number {
    const upload = this.uploads.get(id);
    if (!upload) throw gone();
    if (offset !== upload.received || upload.received + text.length > upload.chars) {
      this.uploads.delete(id);
      throw new AppError(
        'invalid_input',
        `The file arrived out of order (part at ${offset}, expected ${upload.received}); choose the file again.`,
      );
    }
    upload.parts.push(text);
    upload.received += text.length;
    upload.touchedAt = this.clock.now().getTime();
    return upload.received;
  }

  /** The whole text of a complete upload (kept for the apply that may follow a preview). */
  text(id: string): string {
    const upload = this.uploads.get(id);
    if (!upload) throw gone();
    if (upload.received !== upload.chars)
      throw new AppError(
        'invalid_input',
        `Only ${upload.received} of the file's ${upload.chars} characters arrived; choose the file again.`,
      );
    upload.touchedAt = this.clock.now().getTime();
    if (upload.parts.length > 1) upload.parts = [upload.parts.join('')];
    return upload.parts[0] ?? '';
  }

  /** Forgets an upload once it has been applied. */
  close(id: string): void {
    this.uploads.delete(id);
  }

  private forgetIdle(): void {
    const now = this.clock.now().getTime();
    for (const [id, upload] of this.uploads) if (now - upload.touchedAt > idleLimitMs) this.uploads.delete(id);
  }
}
