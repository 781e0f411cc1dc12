import type { ReactNode } from 'react';
import type { Rule } from '../../../shared/domain';
import { ErrorNotice, errorMessage } from '../../components/ErrorNotice';
import { Spinner } from '../../components/Status';
import { formatTime } from '../../lib/format';
import { withQuery } from '../../routes';
import { RunNowProgress } from './RunNowProgress';
import type { RuleActions } from './useRuleActions';

/** The editor's buttons, what became of the last save or run, and when the rule last and next runs. */
export function RuleFormFooter({
  existing,
  actions,
  justSaved,
  errorSummary,
  onDelete,
}: {
  existing: Rule | null;
  actions: Pick<RuleActions, 'save' | 'runNow'>;
  justSaved: boolean;
  /** What stopped the last save attempt, if our own checks did. */
  errorSummary: ReactNode;
  onDelete: () => void;
}) {
  const { save, runNow } = actions;
  return (
    <div className="form-footer panel">
      <RuleFormButtons existing={existing} actions={actions} onDelete={onDelete} />
      {!save.isPending && errorSummary}
      <SaveOutcome existing={existing} save={save} justSaved={justSaved} />
      {existing && !runNow.isError && (
        <RunNowProgress
          ruleId={existing.id}
          onRetry={() => runNow.mutate(existing.id)}
          activityHref={`#${withQuery('/activity', { target: existing.targetId })}`}
        />
      )}
      {runNow.isError && <ErrorNotice error={runNow.error} what="start a snapshot" />}
      {existing && (
        <p className="muted small">
          Last run {formatTime(existing.lastRunAt, 'never')} · next run{' '}
          {formatTime(existing.nextRunAt, 'not scheduled')}
          {existing.attention && <span className="field-error"> · {existing.attention}</span>}
        </p>
      )}
    </div>
  );
}

function RuleFormButtons({
  existing,
  actions: { save, runNow },
  onDelete,
}: {
  existing: Rule | null;
  actions: Pick<RuleActions, 'save' | 'runNow'>;
  onDelete: () => void;
}) {
  return (
    <div className="button-row">
      <button type="submit" className="button primary" disabled={save.isPending}>
        {existing ? 'Save changes' : 'Create rule'}
      </button>
      {existing && (
        <button type="button" className="button" onClick={() => runNow.mutate(existing.id)} disabled={runNow.isPending}>
          Run now
        </button>
      )}
      {existing && (
        <button type="button" className="button danger" onClick={onDelete}>
          Delete rule
        </button>
      )}
      <a className="button" href="#/rules">
        Back to rules
      </a>
      {save.isPending && <Spinner label="Saving…" />}
      {runNow.isPending && <Spinner label="Starting a snapshot…" />}
    </div>
  );
}

/** "Rule saved." after a save here, or after arriving from creating it (`justSaved`); the error otherwise. */
function SaveOutcome({
  existing,
  save,
  justSaved,
}: {
  existing: Rule | null;
  save: RuleActions['save'];
  justSaved: boolean;
}) {
  const saved = save.isSuccess || (justSaved && !save.isError && !save.isPending);
  return (
    <>
      {saved && !save.isPending && (
        <p className="notice notice-ok" role="status">
          Rule saved.{existing?.nextRunAt && ` Next snapshot ${formatTime(existing.nextRunAt)}.`}
        </p>
      )}
      {save.isError && (
        <p className="notice notice-error" role="alert">
          The rule was not saved. {errorMessage(save.error)}
        </p>
      )}
    </>
  );
}
