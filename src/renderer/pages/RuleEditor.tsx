/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { TargetWithHealth } from '../../shared/contract';
import type { Rule } from '../../shared/domain';
import { Dialog } from '../components/Dialog';
import { ErrorNotice, errorMessage, fieldErrors } from '../components/ErrorNotice';
import { Field } from '../components/Field';
import { Page } from '../components/Page';
import { Spinner } from '../components/Status';
import { useTargets } from '../lib/data';
import { formatTime } from '../lib/format';
import { useDebounced } from '../lib/useDebounced';
import { navigate, withQuery, type Route } from '../routes';
import { draftFromRule, newDraft, retentionOf, scheduleOf, validate, type Draft, type Issues } from './rules/draft';
import { RetentionSection } from './rules/RetentionSection';
import { ScheduleSection } from './rules/ScheduleSection';

export function RuleEditorPage({ ruleId, route }: { ruleId: number | null; route: Route }) {
  const targets = useTargets();
  const rule = useQuery({
    queryKey: ['rules', 'one', ruleId],
    queryFn: () => api.rules.get({ id: ruleId! }),
    enabled: ruleId !== null,
  });
  const title = ruleId === null ? 'New rule' : 'Edit rule';

  if (ruleId !== null && rule.isPending) return <Page title={title}>{<Spinner label="Loading the rule…" />}</Page>;
  if (rule.isError) return <Page title={title}>{<ErrorNotice error={rule.error} what="open this rule" />}</Page>;
  if (targets.isPending) return <Page title={title}>{<Spinner label="Loading volumes…" />}</Page>;
  if (targets.isError)
    return (
      <Page title={title}>{<ErrorNotice error={targets.error} what="list the volumes a rule can protect" />}</Page>
    );

  const targetParam = Number(route.query.get('target'));
  const initialTarget = targets.data.find((t) => t.id === targetParam) ?? null;
  // Drafts start once; later pushes (e.g. nextRunAt moving) must not overwrite what the user is typing.
  return (
    <RuleForm
      existing={rule.data ?? null}
      initial={rule.data ? draftFromRule(rule.data) : newDraft(initialTarget)}
      targets={targets.data}
      justSaved={route.query.get('saved') === '1'}
    />
  );
}

function RuleForm({
  existing,
  initial,
  targets,
  justSaved,
}: {
  existing: Rule | null;
  initial: Draft;
  targets: TargetWithHealth[];
  justSaved: boolean;
}) {
  const client = useQueryClient();
  const [draft, setDraft] = useState(initial);
  const [submitted, setSubmitted] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const update = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const target = targets.find((t) => t.id === draft.targetId) ?? null;
  const choices = useMemo(
    () => targets.filter((t) => (t.snapshotable && !t.goneSince) || t.id === initial.targetId),
    [targets, initial.targetId],
  );
  const { input, issues } = validate(draft);
  const scheduleIssues: Issues = {};
  const schedule = scheduleOf(draft, scheduleIssues);
  const validSchedule =
    Object.keys(issues).some((k) => k.startsWith('schedule')) || Object.keys(scheduleIssues).length ? null : schedule;
  const retentionIssues: Issues = {};
  const retention = retentionOf(draft, retentionIssues);
  const validRetention = Object.keys(retentionIssues).length ? null : retention;

  const save = useMutation({
    mutationFn: (rule: NonNullable<typeof input>) =>
      existing ? api.rules.update({ ...rule, id: existing.id }) : api.rules.create(rule),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['rules'] });
      void client.invalidateQueries({ queryKey: ['targets'] });
      if (!existing) navigate(withQuery(`/rules/${saved.id}`, { saved: 1 }));
    },
  });
  const runNow = useMutation({ mutationFn: (id: number) => api.rules.runNow({ id }) });
  const remove = useMutation({
    mutationFn: (id: number) => api.rules.delete({ id }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['rules'] });
      navigate('/rules');
    },
  });

  // What the user may see: our own checks after the first save attempt, main's answer always.
  const serverIssues = fieldErrors(save.error);
  const shown: Issues = { ...(submitted ? issues : {}), ...serverIssues };
  const live: Issues = { ...shown };
  // Schedule and retention problems show at once: their previews depend on them.
  for (const [k, v] of Object.entries({ ...scheduleIssues, ...retentionIssues })) live[k] ??= v;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    save.reset();
    if (input) save.mutate(input);
  };

  const settledTemplate = useDebounced(draft.nameTemplate.trim());
  const example = useQuery({
    queryKey: ['rules', 'preview-name', draft.targetId, settledTemplate],
    queryFn: () => api.rules.previewName({ targetId: draft.targetId!, template: settledTemplate }),
    enabled: draft.targetId !== null && settledTemplate.length > 0,
    retry: false,
  });
  const templateError =
    live.nameTemplate ?? fieldErrors(example.error).nameTemplate ?? fieldErrors(example.error).template;

  const saved = save.isSuccess || (justSaved && !save.isError && !save.isPending);
  return (
    <Page
      title={existing ? `Edit rule "${existing.name}"` : 'New rule'}
      description={
        target
          ? `Snapshots of ${target.name} (${target.accountName}, ${target.region}).`
          : 'Choose what to snapshot, when, and how long to keep it.'
      }
    >
      <form className="rule-form" onSubmit={submit} noValidate aria-label="Rule">
        <div className="panel section">
          <Field label="Volume or server" error={live.targetId}>
            <select
              value={draft.targetId ?? ''}
              onChange={(e) => update({ targetId: e.target.value ? Number(e.target.value) : null })}
              disabled={existing !== null}
            >
              <option value="">Choose…</option>
              {choices.map((t) => (
                <option key={t.id} value={t.id}>
                  {t.name} — {t.accountName}, {t.region}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Rule name" error={live.name}>
            <input type="text" value={draft.name} maxLength={100} onChange={(e) => update({ name: e.target.value })} />
          </Field>
          <label className="check">
            <input type="checkbox" checked={draft.enabled} onChange={(e) => update({ enabled: e.target.checked })} />
            Enabled (uncheck to pause this rule)
          </label>
        </div>

        <ScheduleSection draft={draft} update={update} issues={live} schedule={validSchedule} />

        <RetentionSection
          draft={draft}
          update={update}
          issues={live}
          retention={validRetention}
          ruleId={existing?.id ?? null}
          provider={target?.provider ?? null}
        />

        <fieldset className="panel section">
          <legend>Snapshot names</legend>
          <Field
            label="Name template"
            hint={
              <>
                Placeholders: <code>{'{volume}'}</code> <code>{'{rule}'}</code> <code>{'{date}'}</code>{' '}
                <code>{'{time}'}</code> <code>{'{datetime}'}</code> <code>{'{utc}'}</code>.
                {example.data && (
                  <>
                    {' '}
                    Example: <output className="mono">{example.data.name}</output>
                  </>
                )}
              </>
            }
            error={templateError}
          >
            <input
              type="text"
              className="mono"
              spellCheck={false}
              value={draft.nameTemplate}
              onChange={(e) => update({ nameTemplate: e.target.value })}
            />
          </Field>
          {example.isError && !templateError && <ErrorNotice error={example.error} what="show an example name" />}
          <fieldset className="inline-choices">
            <legend>After the computer was asleep or off</legend>
            <label className="check">
              <input
                type="radio"
                name="catch-up"
                checked={draft.catchUp === 'once'}
                onChange={() => update({ catchUp: 'once' })}
              />
              Take one catch-up snapshot
            </label>
            <label className="check">
              <input
                type="radio"
                name="catch-up"
                checked={draft.catchUp === 'skip'}
                onChange={() => update({ catchUp: 'skip' })}
              />
              Skip missed runs
            </label>
          </fieldset>
        </fieldset>

        <div className="form-footer panel">
          <div className="button-row">
            <button type="submit" className="button primary" disabled={save.isPending}>
              {existing ? 'Save changes' : 'Create rule'}
            </button>
            {existing && (
              <button
                type="button"
                className="button"
                onClick={() => runNow.mutate(existing.id)}
                disabled={runNow.isPending}
              >
                Run now
              </button>
            )}
            {existing && (
              <button type="button" className="button danger" onClick={() => setConfirmDelete(true)}>
                Delete rule
              </button>
            )}
            <a className="button" href="#/rules">
              Back to rules
            </a>
            {save.isPending && <Spinner label="Saving…" />}
            {runNow.isPending && <Spinner label="Starting a snapshot…" />}
          </div>
          {submitted && !input && !save.isPending && (
            <p className="field-error" role="alert">
              The rule was not saved: fix the {Object.keys(issues).length === 1 ? 'field' : 'fields'} marked above.
            </p>
          )}
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
          {runNow.isSuccess && (
            <p className="notice notice-ok" role="status">
              Snapshot started.{' '}
              <a href={`#${withQuery('/activity', { target: existing?.targetId })}`}>Follow it in Activity</a>
            </p>
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
      </form>
      {existing && (
        <Dialog open={confirmDelete} title={`Delete rule "${existing.name}"?`} onClose={() => setConfirmDelete(false)}>
          <p>
            No more snapshots will be taken by this rule and its snapshots will no longer be cleaned up. Snapshots
            already taken stay at the provider.
          </p>
          <div className="button-row end">
            <button type="button" className="button" onClick={() => setConfirmDelete(false)} autoFocus>
              Keep rule
            </button>
            <button
              type="button"
              className="button danger"
              onClick={() => remove.mutate(existing.id)}
              disabled={remove.isPending}
            >
              Delete rule
            </button>
          </div>
          {remove.isError && <ErrorNotice error={remove.error} what="delete the rule" />}
        </Dialog>
      )}
    </Page>
  );
}
