/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { Page } from '../components/Page';
import { ErrorNotice, errorMessage } from '../components/ErrorNotice';
import { HealthBadge, Spinner, healthLabel, healthOrder } from '../components/Status';
import { useAccounts, useOverview } from '../lib/data';
import { formatRelative, formatTime, plural } from '../lib/format';
import { navigate, withQuery } from '../routes';
import type { Overview } from '../../shared/contract';
import type { Health } from '../../shared/domain';
import { ActivityLine } from './activity/ActivityLine';

function Welcome() {
  const client = useQueryClient();
  const addDemo = useMutation({
    mutationFn: () => api.accounts.add({ provider: 'demo', name: 'Demo cloud' }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      navigate('/volumes');
    },
  });
  return (
    <div className="welcome panel">
      <h2>Welcome to volsnap</h2>
      <p>
        volsnap takes snapshots of your cloud volumes and servers on a schedule, deletes old ones by the retention you
        choose, and tells you loudly when something fails. Tokens stay on this computer, in your system's keychain.
      </p>
      <p>Start by connecting a cloud account, or try everything first with the simulated demo cloud.</p>
      <div className="button-row">
        <a className="button primary" href="#/accounts?add=1">
          Add a cloud account
        </a>
        <button type="button" className="button" onClick={() => addDemo.mutate()} disabled={addDemo.isPending}>
          Try the demo cloud
        </button>
        {addDemo.isPending && <Spinner label="Adding the demo cloud…" />}
      </div>
      {addDemo.isError && (
        <p className="notice notice-error" role="alert">
          {errorMessage(addDemo.error)}
        </p>
      )}
    </div>
  );
}

/** The one thing most worth doing now, or nothing when all is well. */
function CallToAction({ overview }: { overview: Overview }) {
  const { counts } = overview;
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

function PauseControl({ pausedUntil }: { pausedUntil: string | null }) {
  const pause = useMutation({
    mutationFn: (hours: number) => api.engine.pause({ until: new Date(Date.now() + hours * 3600_000).toISOString() }),
  });
  const resume = useMutation({ mutationFn: () => api.engine.resume() });
  const error = pause.error ?? resume.error;
  return (
    <div className="pause-control">
      {pausedUntil ? (
        <>
          <span className="badge badge-paused">Snapshots paused until {formatTime(pausedUntil)}</span>
          <button type="button" className="button" onClick={() => resume.mutate()} disabled={resume.isPending}>
            Resume snapshots
          </button>
        </>
      ) : (
        <button type="button" className="button" onClick={() => pause.mutate(1)} disabled={pause.isPending}>
          Pause snapshots for 1 hour
        </button>
      )}
      {error && (
        <span className="field-error" role="alert">
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}

const countTone: Record<Health, string> = {
  protected: 'ok',
  late: 'warning',
  failing: 'error',
  paused: 'muted',
  unprotected: 'warning',
};

function StatusCounts({ counts }: { counts: Overview['counts'] }) {
  return (
    <ul className="count-tiles" aria-label="Protection status">
      {healthOrder.map((health) => (
        <li key={health}>
          <a className={`tile tile-${countTone[health]}`} href={`#${withQuery('/volumes', { status: health })}`}>
            <span className="tile-count">{(counts[health] ?? 0).toLocaleString()}</span>
            <span className="tile-label">{healthLabel[health]}</span>
          </a>
        </li>
      ))}
    </ul>
  );
}

function NeedsAttention({ overview }: { overview: Overview }) {
  const shown = overview.targets.filter((t) => t.health !== 'protected' && t.snapshotable).slice(0, 8);
  if (shown.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="needs-attention">
      <h2 id="needs-attention">Needs attention</h2>
      <ul className="plain-list">
        {shown.map((t) => (
          <li key={t.id} className="list-row">
            <HealthBadge health={t.health} />
            <span className="grow">
              {t.name} <span className="muted">· {t.accountName}</span>
            </span>
            {t.health === 'unprotected' ? (
              <a className="button small" href={`#${withQuery('/rules/new', { target: t.id })}`}>
                Protect
              </a>
            ) : t.ruleIds[0] ? (
              <a className="button small" href={`#/rules/${t.ruleIds[0]}`}>
                Open rule
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OverviewPage() {
  const accounts = useAccounts();
  const overview = useOverview();

  if (accounts.isPending) return <Page title="Overview">{<Spinner label="Loading…" />}</Page>;
  if (accounts.isError)
    return (
      <Page title="Overview">
        {<ErrorNotice error={accounts.error} what="load your accounts" onRetry={() => void accounts.refetch()} />}
      </Page>
    );
  if (accounts.data.length === 0)
    return (
      <Page title="Overview">
        <Welcome />
      </Page>
    );

  const data = overview.data;
  return (
    <Page
      title="Overview"
      description="Whether every volume is protected, what runs next, and what happened lately."
      actions={data && <PauseControl pausedUntil={data.pausedUntil} />}
    >
      {overview.isPending && <Spinner label="Loading the overview…" />}
      {overview.isError && (
        <ErrorNotice
          error={overview.error}
          what="show the protection overview"
          onRetry={() => void overview.refetch()}
        />
      )}
      {data && (
        <>
          <CallToAction overview={data} />
          <StatusCounts counts={data.counts} />
          {data.running > 0 && <Spinner label={`${plural(data.running, 'snapshot')} running now`} />}
          <div className="overview-grid">
            <NeedsAttention overview={data} />
            <section className="panel" aria-labelledby="next-runs">
              <h2 id="next-runs">Next snapshots</h2>
              {data.nextRuns.length === 0 ? (
                <p className="muted">
                  Nothing scheduled. <a href="#/volumes">Protect a volume</a> to schedule snapshots.
                </p>
              ) : (
                <ul className="plain-list">
                  {data.nextRuns.map((run) => (
                    <li key={`${run.ruleId}-${run.at}`} className="list-row">
                      <span className="grow">
                        <a href={`#/rules/${run.ruleId}`}>{run.ruleName}</a>{' '}
                        <span className="muted">· {run.targetName}</span>
                      </span>
                      <time dateTime={run.at} title={formatTime(run.at)}>
                        {formatRelative(run.at)}
                      </time>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section className="panel" aria-labelledby="recent-activity">
              <h2 id="recent-activity">Recent activity</h2>
              {data.recent.length === 0 ? (
                <p className="muted">Nothing has happened yet.</p>
              ) : (
                <ul className="plain-list">
                  {data.recent.map((entry) => (
                    <li key={entry.id}>
                      <ActivityLine entry={entry} />
                    </li>
                  ))}
                </ul>
              )}
              <a href="#/activity">All activity</a>
            </section>
          </div>
        </>
      )}
    </Page>
  );
}
