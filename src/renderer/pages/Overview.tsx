import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Status';
import { useAccountHealth, useAccounts, useOverview } from '../lib/data';
import { plural } from '../lib/format';
import { CallToAction } from './overview/CallToAction';
import { EngineProblemBanner } from './overview/EngineProblemBanner';
import { NeedsAttention } from './overview/NeedsAttention';
import { NextSnapshots } from './overview/NextSnapshots';
import { PauseSection } from './overview/PauseControl';
import { RecentActivity } from './overview/RecentActivity';
import { StatusCounts } from './overview/StatusCounts';
import { Welcome } from './overview/Welcome';
import { WithoutRuleNotice } from './snapshots/WithoutRuleLink';

export function OverviewPage() {
  const accounts = useAccounts();
  const overview = useOverview();
  const accountHealth = useAccountHealth().data ?? [];

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
    <Page title="Overview" description="Whether every volume is protected, what runs next, and what happened lately.">
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
          {data.engineProblem && <EngineProblemBanner problem={data.engineProblem} />}
          <CallToAction overview={data} accounts={accountHealth} />
          <StatusCounts counts={data.counts} />
          <WithoutRuleNotice />
          {data.running > 0 && <Spinner label={`${plural(data.running, 'snapshot')} running now`} />}
          <div className="overview-grid">
            <NeedsAttention overview={data} accounts={accountHealth} />
            <NextSnapshots nextRuns={data.nextRuns} />
            <RecentActivity recent={data.recent} />
          </div>
          <PauseSection paused={data.pausedUntil !== null} />
        </>
      )}
    </Page>
  );
}
