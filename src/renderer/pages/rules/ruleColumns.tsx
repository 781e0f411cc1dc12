import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import type { RuleProgress } from '../../../shared/fleet-contract';
import type { Rule } from '../../../shared/domain';
import { errorMessage } from '../../components/ErrorNotice';
import { Badge } from '../../components/Status';
import type { Column } from '../../components/VirtualTable';
import { FullText } from '../../components/FullText';
import { formatRelative, formatTime, plural } from '../../lib/format';
import { describeSchedule } from '../../lib/schedule';
import { navigate } from '../../routes';
import { watchRunNow } from '../../lib/progress';
import { RuleLiveLine, RunNowResult, useLiveRuns } from './RunNowProgress';

export type RuleRow = Rule & { targetName: string; progress: RuleProgress | undefined };

/** "one volume's name", "3 volumes", "selector · 212 volumes". */
export function targetLabel(rule: Rule, names: Map<number, string>, count?: number): string {
  if (rule.targetId !== null) return names.get(rule.targetId) ?? `Volume ${rule.targetId}`;
  const n = count ?? (rule.selection.mode === 'explicit' ? rule.selection.targetIds.length : 0);
  const what = plural(n, 'volume or server', 'volumes and servers');
  return rule.selection.mode === 'selector' ? `Selector · ${what} now` : what;
}

/** "212 of 500 done, 3 failed" for the rule's latest slot. */
export function progressText(progress: RuleProgress | undefined): string | null {
  const slot = progress?.slot;
  if (!slot) return null;
  const failed = slot.failed ? `, ${slot.failed} failed` : '';
  return `${slot.done.toLocaleString()} of ${slot.total.toLocaleString()} done${failed}`;
}

/** The same words as Volumes and the Overview: a rule whose latest slot failed is failing, paused or not. */
function RuleStatus({ rule, progress }: { rule: Rule; progress: RuleProgress | undefined }) {
  if (rule.attention) return <Badge tone="failing">Needs attention</Badge>;
  if ((progress?.slot?.failed ?? 0) > 0)
    return <Badge tone="failing">{rule.enabled ? 'Failing' : 'Paused, failing'}</Badge>;
  if (!rule.enabled) return <Badge tone="paused">Paused</Badge>;
  return <Badge tone="protected">Active</Badge>;
}

function RuleActions({ rule }: { rule: Rule }) {
  const run = useMutation({
    mutationFn: () => api.rules.runNow({ id: rule.id }),
    onMutate: () => watchRunNow(rule.id),
  });
  const toggle = useMutation({ mutationFn: () => api.rules.setEnabled({ id: rule.id, enabled: !rule.enabled }) });
  const duplicate = useMutation({
    mutationFn: () => api.rules.duplicate({ id: rule.id }),
    onSuccess: (copy) => navigate(`/rules/${copy.id}`),
  });
  const error = run.error ?? toggle.error ?? duplicate.error;
  // The live steps of the rule's runs (scheduled or Run now), then how a Run now from here ended.
  const live = useLiveRuns(rule.id);
  return (
    <div className="cell-stack">
      <div className="button-row nowrap">
        <button
          type="button"
          className="button small"
          onClick={() => run.mutate()}
          disabled={run.isPending}
          aria-label={`Run now: ${rule.name}`}
        >
          Run now
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => toggle.mutate()}
          disabled={toggle.isPending}
          aria-label={`${rule.enabled ? 'Pause' : 'Resume'} ${rule.name}`}
        >
          {rule.enabled ? 'Pause' : 'Resume'}
        </button>
        <button
          type="button"
          className="button small"
          onClick={() => duplicate.mutate()}
          disabled={duplicate.isPending}
          aria-label={`Duplicate ${rule.name}`}
        >
          Duplicate
        </button>
      </div>
      {live.length > 0 ? <RuleLiveLine runs={live} /> : <RunNowResult ruleId={rule.id} />}
      {error && (
        <span className="field-error small ellipsis" role="alert" title={errorMessage(error)}>
          {errorMessage(error)}
        </span>
      )}
    </div>
  );
}

/** The Rules table's columns; `select` ties the checkboxes to the page's bulk selection. */
export function ruleColumns(select: {
  chosen: ReadonlySet<number>;
  toggle: (id: number, on: boolean) => void;
}): Column<RuleRow>[] {
  return [
    {
      key: 'select',
      header: 'Select',
      width: '56px',
      cell: (rule) => (
        <input
          type="checkbox"
          checked={select.chosen.has(rule.id)}
          onChange={(e) => select.toggle(rule.id, e.target.checked)}
          aria-label={`Select ${rule.name}`}
        />
      ),
    },
    {
      key: 'name',
      header: 'Rule',
      width: 'minmax(140px, 1.6fr)',
      sortFirst: 'asc',
      cell: (rule) => (
        <div className="cell-stack">
          <a className="strong ellipsis full-text" href={`#/rules/${rule.id}`}>
            {rule.name}
          </a>
          <FullText className="muted small" text={rule.targetName} />
        </div>
      ),
    },
    {
      key: 'schedule',
      header: 'Schedule',
      width: 'minmax(120px, 1.6fr)',
      cell: (rule) => <span className="clamp-2">{describeSchedule(rule.schedule)}</span>,
      hideBelow: 1000,
    },
    {
      key: 'status',
      header: 'Status',
      width: 'minmax(110px, 1.2fr)',
      sortFirst: 'asc',
      cell: (rule) => (
        <div className="cell-stack">
          <RuleStatus rule={rule} progress={rule.progress} />
          {rule.attention && <FullText className="field-error small" text={rule.attention} />}
          {progressText(rule.progress) && <span className="muted small">{progressText(rule.progress)}</span>}
        </div>
      ),
    },
    {
      key: 'next',
      header: 'Next run',
      width: '100px',
      sortFirst: 'asc',
      cell: (rule) => (
        <span title={formatTime(rule.nextRunAt)}>{rule.enabled ? formatRelative(rule.nextRunAt) : '—'}</span>
      ),
      // At 800 px the actions would be cut off; the rule editor shows the next runs.
      hideBelow: 1000,
    },
    {
      key: 'last',
      header: 'Last run',
      width: '100px',
      sortFirst: 'desc',
      cell: (rule) => (
        <span title={formatTime(rule.lastRunAt)}>{rule.lastRunAt ? formatRelative(rule.lastRunAt) : 'never'}</span>
      ),
      hideBelow: 1200,
    },
    { key: 'actions', header: 'Actions', width: '230px', cell: (rule) => <RuleActions rule={rule} /> },
  ];
}
