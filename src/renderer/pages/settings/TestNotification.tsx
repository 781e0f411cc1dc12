/** "Send a test notification": the system shows a sample, or we say why it cannot. */
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNotice } from '../../components/ErrorNotice';

export function TestNotificationButton() {
  const send = useMutation({ mutationFn: () => api.app.testNotification() });
  return (
    <div className="button-row">
      <button type="button" className="button" onClick={() => send.mutate()} disabled={send.isPending}>
        Send a test notification
      </button>
      {send.data && (
        <span role="status">
          {send.data.shown
            ? 'Sent. If nothing appeared, check that your system allows notifications from volsnap.'
            : send.data.reason}
        </span>
      )}
      {send.isError && <ErrorNotice error={send.error} what="send a test notification" />}
    </div>
  );
}
