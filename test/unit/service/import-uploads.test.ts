/**
 * Rules files held in main between the parts of an upload: in order only,
 * complete before planning, forgotten after an idle hour, and at most a few at once.
 */
import { describe, expect, it } from 'vitest';
import { ImportUploads } from '../../../src/main/service/import-uploads';
import { AppError } from '../../../src/shared/errors';
import { ManualClock } from '../../support/manual-clock';

const refusal = (fn: () => unknown): AppError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('import uploads', () => {
  it('joins the parts in order and refuses a part out of order or beyond the announced size', () => {
    const uploads = new ImportUploads(new ManualClock('2026-11-30T06:00:00Z'));
    const id = uploads.open(6);
    expect(uploads.append(id, 0, 'abc')).toBe(3);
    expect(refusal(() => uploads.text(id)).message).toBe(
      "Only 3 of the file's 6 characters arrived; choose the file again.",
    );
    expect(uploads.append(id, 3, 'def')).toBe(6);
    expect(uploads.text(id)).toBe('abcdef');
    expect(uploads.text(id)).toBe('abcdef');

    const other = uploads.open(4);
    expect(refusal(() => uploads.append(other, 2, 'ab')).message).toContain('arrived out of order');
    // A refused upload is gone: the sender starts again.
    expect(refusal(() => uploads.append(other, 0, 'ab')).code).toBe('not_found');
    const tooLong = uploads.open(2);
    expect(refusal(() => uploads.append(tooLong, 0, 'abc')).code).toBe('invalid_input');
  });

  it('forgets an upload idle for an hour, and the oldest beyond four at once', () => {
    const clock = new ManualClock('2026-11-30T06:00:00Z');
    const uploads = new ImportUploads(clock);
    const idle = uploads.open(1);
    uploads.append(idle, 0, 'a');
    clock.advance(61 * 60_000);
    uploads.open(1);
    expect(refusal(() => uploads.text(idle)).message).toContain('Choose the file again');

    const ids = [1, 2, 3, 4, 5].map(() => uploads.open(1));
    expect(refusal(() => uploads.append(ids[0]!, 0, 'a')).code).toBe('not_found');
    expect(uploads.append(ids[4]!, 0, 'a')).toBe(1);
  });
});
