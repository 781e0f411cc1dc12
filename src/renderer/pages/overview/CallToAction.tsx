import type { Overview } from '../../../shared/contract';
import type { AccountHealth } from '../../../shared/account-health';
import { plural } from '../../lib/format';
import { withQuery } from '../../routes';

/** The one thing most worth doing now, or nothing when all is well. */
export function CallToAction({ overview, accounts }: { overview: Overview; accounts: AccountHealth[] }) {
  const { counts } = overview;
  // The root cause first: one revoked token explains every failing volume of its account.
  const account = accounts.find((a) => a.severity === 'error');
  if (account)
    return (
      <Attention
        tone="error"
        text={`${account.accountName}: ${account.label.toLowerCase()}. ${account.summary}`}
        action={account.fix === 'replace_token' ? 'Replace the token' : 'Open Accounts'}
        to="/accounts"
      />
    );
  if (counts.failing > 0)
    return (
      <Attention
        tone="error"
        text={`${plural(counts.failing, 'volume')} failing: the last snapshot did not succeed.`}
        action="Review failing volumes"
        to={withQuery('/volumes', { status: 'failing' })}
      />
    );
  if (counts.late > 0)
    return (
      <Attention
        tone="warning"
        text={`${plural(counts.late, 'volume')} late: a scheduled snapshot is overdue.`}
        action="Review late volumes"
        to={withQuery('/volumes', { status: 'late' })}
      />
    );
  if (counts.unprotected > 0)
    return (
      <Attention
        tone="warning"
        text={`${plural(counts.unprotected, 'volume')} not protected by any rule.`}
        action="Protect them"
        to={withQuery('/volumes', { status: 'unprotected' })}
      />
    );
  if (overview.targets.length === 0)
    return <Attention tone="info" text="No volumes or servers found yet." action="Go to Volumes" to="/volumes" />;
  return (
    <div className="callout callout-ok" role="status">
      Every snapshot-able volume is protected.
    </div>
  );
}

function Attention({
  tone,
  text,
  action,
  to,
}: {
  tone: 'error' | 'warning' | 'info';
  text: string;
  action: string;
  to: string;
}) {
  return (
    <div className={`callout callout-${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <span>{text}</span>
      <a className="button primary" href={`#${to}`}>
        {action}
      </a>
    </div>
  );
}
