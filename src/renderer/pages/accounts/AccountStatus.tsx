/**
 * The account's one status from main (accounts:health): a badge, our words,
 * the fix, and the provider's own words on demand. Nothing is derived here.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { AccountHealth } from '../../../shared/account-health';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LinkedText } from '../../components/LinkedText';
import { Badge, Spinner } from '../../components/Status';
import { plural } from '../../lib/format';

const tone: Record<AccountHealth['severity'], string> = { ok: 'protected', warning: 'late', error: 'failing' };

export function AccountStatusBadge({ health }: { health: AccountHealth | undefined }) {
  if (!health) return null;
  return <Badge tone={tone[health.severity]}>{health.label}</Badge>;
}

/** What is wrong (or what could not be checked), and the buttons that fix it. */
export function AccountStatusDetail({
  health,
  onReplaceToken,
}: {
  health: AccountHealth;
  onReplaceToken: (() => void) | null;
}) {
  const client = useQueryClient();
  const retry = useMutation({
    mutationFn: () => api.accounts.retry({ id: health.accountId }),
    onSettled: () => client.invalidateQueries({ queryKey: ['overview'] }),
  });
  const failing = health.cause !== 'fine';
  return (
    <div
      className={`account-status notice ${failing ? (health.severity === 'error' ? 'notice-error' : 'notice-warning') : 'notice-info'}`}
    >
      <p>
        {health.summary}
        {health.affectedRules > 0 && <> {plural(health.affectedRules, 'rule')} cannot run until this is fixed.</>}
      </p>
      {health.uncheckedPermissions.length > 0 && (
        <p className="small">
          Not checked yet:{' '}
          {health.uncheckedPermissions.map((p, i) => (
            <span key={p}>
              {i > 0 && ', '}
              <code>{p}</code>
            </span>
          ))}
        </p>
      )}
      {health.detail && (
        <details className="small">
          <summary>What the provider said</summary>
          <p>
            <LinkedText text={health.detail} />
          </p>
        </details>
      )}
      {failing && (
        <div className="button-row">
          {health.fix === 'replace_token' && onReplaceToken && (
            <button type="button" className="button primary" onClick={onReplaceToken}>
              Replace token
            </button>
          )}
          <button
            type="button"
            className="button"
            onClick={() => !retry.isPending && retry.mutate()}
            aria-disabled={retry.isPending}
          >
            Retry now
          </button>
          {retry.isPending && <Spinner label="Checking again…" />}
          {retry.data && retry.data.health.cause === 'fine' && (
            <span role="status">
              Works again{retry.data.started > 0 ? `; ${plural(retry.data.started, 'rule')} running now` : ''}.
            </span>
          )}
        </div>
      )}
      {retry.isError && <ErrorNotice error={retry.error} what="check the account again" />}
    </div>
  );
}
