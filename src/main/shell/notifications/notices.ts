/**
 * Shows notices as OS notifications. Each notification is kept referenced until
 * it closes: otherwise it may be garbage-collected and its click lost.
 */
import { Notification } from 'electron';
import { createLogger } from '../../ports/log';
import { cleanText, type Notice } from './notification-policy';

const log = createLogger('notify');
const alive = new Set<Notification>();

export function showNotice(notice: Notice, openAt: (path: string) => void, icon?: string): void {
  if (!Notification.isSupported()) {
    log.info(`Notifications are not supported here; would have shown: ${notice.title}`);
    return;
  }
  const notification = new Notification({
    title: notice.title,
    body: notice.body,
    urgency: notice.urgency,
    ...(icon ? { icon } : {}),
  });
  alive.add(notification);
  notification.on('click', () => openAt(notice.path));
  notification.on('close', () => alive.delete(notification));
  notification.on('failed', (_event, error) => {
    alive.delete(notification);
    log.warn(`A notification could not be shown: ${error}`);
  });
  notification.show();
}

/** The Settings page's sample notification; says why when the system has no notifications. */
export function showTestNotice(openAt: (path: string) => void): { shown: boolean; reason: string | null } {
  if (!Notification.isSupported())
    return {
      shown: false,
      reason:
        'This system does not offer notifications to volsnap. Check that a notification service runs and that volsnap is allowed to notify.',
    };
  showNotice(
    {
      title: 'volsnap test notification',
      body: 'Alerts about failed snapshots look like this.',
      path: '/settings',
      urgency: 'normal',
    },
    openAt,
  );
  return { shown: true, reason: null };
}

/** For failures of the shell's own actions (tray clicks), which have no window to show them. */
export function problemNotice(title: string, error: unknown): Notice {
  const message = error instanceof Error ? error.message : String(error);
  return { title, body: cleanText(message), path: '/', urgency: 'normal' };
}
