/**
 * Notification as a record: every shown notification is kept (title, body,
 * urgency) and a test can click or close one, which emits the events volsnap
 * listens to. Electron hands them to the OS (libnotify, Notification Center,
 * Windows toasts), which may drop or group them; the stand-in cannot prove
 * that a notification really appears on a desktop.
 */
import { EventEmitter } from 'node:events';

export interface NotificationOptions {
  title?: string;
  body?: string;
  urgency?: string;
  icon?: unknown;
  silent?: boolean;
}

const shown: StandinNotification[] = [];

export class StandinNotification extends EventEmitter {
  static isSupported(): boolean {
    return true;
  }

  /** Every notification shown since start, oldest first. */
  static shown(): StandinNotification[] {
    return shown;
  }

  readonly title: string;
  readonly body: string;
  readonly urgency: string;
  closed = false;

  constructor(options: NotificationOptions = {}) {
    super();
    this.title = options.title ?? '';
    this.body = options.body ?? '';
    this.urgency = options.urgency ?? 'normal';
  }

  show(): void {
    shown.push(this);
    this.emit('show', {});
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close', {});
  }

  /** What a user's click does: 'click' on this notification. */
  click(): void {
    this.emit('click', {});
  }
}
