/**
 * Collects activity for a short window and shows what the policy decides, so a
 * burst (ten rules failing after a token was revoked) becomes one notification.
 */
import type { ActivityEntry, Settings } from '../../../shared/domain';
import { noticesFor, type Notice } from './notification-policy';

export interface NotifierOptions {
  show(notice: Notice): void;
  policy(): Settings['notifications'];
  /** How long to wait for more events after the first one. */
  windowMs?: number;
}

export class Notifier {
  private batch: ActivityEntry[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly options: NotifierOptions) {}

  add(entry: ActivityEntry): void {
    this.batch.push(entry);
    this.timer ??= setTimeout(() => this.flush(), this.options.windowMs ?? 2_000);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const batch = this.batch;
    this.batch = [];
    if (batch.length) for (const notice of noticesFor(batch, this.options.policy())) this.options.show(notice);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.batch = [];
  }
}
