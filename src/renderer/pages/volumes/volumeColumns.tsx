import type { TargetWithHealth } from '../../../shared/contract';
import { providerInfo } from '../../../shared/providers';
import { HealthBadge } from '../../components/Status';
import type { Column } from '../../components/VirtualTable';
import { FullText } from '../../components/FullText';
import { RuleCoverage } from './RuleCoverage';
import { formatGb, formatRelative, formatTime } from '../../lib/format';
import { navigate, withQuery } from '../../routes';

/** What can be done for a volume: protect it, edit its rule, or why nothing can. */
function ActionCell({ t }: { t: TargetWithHealth }) {
  if (!t.snapshotable)
    return <span className="muted small reason">{t.unsupportedReason ?? 'volsnap cannot snapshot this.'}</span>;
  if (t.goneSince)
    return <span className="muted small reason">No longer at the provider since {formatTime(t.goneSince)}.</span>;
  if (t.ruleIds.length === 0)
    return (
      <button
        type="button"
        className="button small primary"
        onClick={() => navigate(withQuery('/rules/new', { target: t.id }))}
        aria-label={`Protect ${t.name}`}
      >
        Protect
      </button>
    );
  if (t.ruleIds.length > 1) return <RuleCoverage target={t} />;
  return (
    <a className="button small" href={`#/rules/${t.ruleIds[0]}`} aria-label={`Edit rule for ${t.name}`}>
      Edit rule
    </a>
  );
}

/** The volumes table's columns; the narrow window hides region, size and last snapshot. */
export const volumeColumns: Column<TargetWithHealth>[] = [
  {
    key: 'name',
    header: 'Name',
    width: 'minmax(140px, 2fr)',
    sortFirst: 'asc',
    cell: (t) => (
      <div className="cell-stack">
        <FullText className="strong" text={t.name} />
        <span className="muted small ellipsis">
          {t.kind === 'server' ? 'Server' : 'Volume'}
          {t.attachedTo ? ` · on ${t.attachedTo}` : ''}
        </span>
      </div>
    ),
  },
  {
    key: 'account',
    header: 'Account',
    width: 'minmax(100px, 1.2fr)',
    sortFirst: 'asc',
    cell: (t) => (
      <div className="cell-stack">
        <span className="ellipsis">{t.accountName}</span>
        <span className="muted small ellipsis">{providerInfo[t.provider].label}</span>
      </div>
    ),
  },
  { key: 'region', header: 'Region', width: '90px', cell: (t) => t.region, hideBelow: 1000, sortFirst: 'asc' },
  { key: 'size', header: 'Size', width: '70px', cell: (t) => formatGb(t.sizeGb), hideBelow: 1200, sortFirst: 'desc' },
  {
    key: 'status',
    header: 'Status',
    width: '110px',
    cell: (t) => <HealthBadge health={t.health} />,
    sortFirst: 'asc',
  },
  {
    key: 'last',
    header: 'Last snapshot',
    width: '110px',
    sortFirst: 'desc',
    cell: (t) => (
      <span title={formatTime(t.lastSnapshotAt, 'never')}>
        {t.lastSnapshotAt ? formatRelative(t.lastSnapshotAt) : 'never'}
      </span>
    ),
    hideBelow: 1000,
  },
  { key: 'action', header: 'Action', width: 'minmax(110px, 1.3fr)', cell: (t) => <ActionCell t={t} /> },
];
