import { useRef, useState, type FormEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { TargetWithHealth } from '../../shared/contract';
import type { Rule } from '../../shared/domain';
import { ErrorNotice, fieldErrors } from '../components/ErrorNotice';
import { Page } from '../components/Page';
import { Spinner } from '../components/Status';
import { useAccounts, useTargets } from '../lib/data';
import type { Route } from '../routes';
import { DeleteRuleDialog } from './rules/DeleteRuleDialog';
import { defaultRuleName, draftFromRule, newDraft, type Draft } from './rules/draft';
import { ErrorSummary } from './rules/ErrorSummary';
import { useFocusFirstErrorOnFailure } from './rules/focus-errors';
import { RetentionSection } from './rules/RetentionSection';
import { RuleFormFooter } from './rules/RuleFormFooter';
import { ScheduleSection } from './rules/ScheduleSection';
import { SnapshotNamesSection } from './rules/SnapshotNamesSection';
import { TargetSection } from './rules/TargetSection';
import { UnsavedChangesGuard } from './rules/UnsavedChangesGuard';
import { useRuleActions } from './rules/useRuleActions';
import { useRuleDraft } from './rules/useRuleDraft';
import { QuotaConfirmDialog } from './rules/projection/QuotaConfirmDialog';
import { useRulePreviews } from './rules/projection/useProjection';
import { useQuotaGuard } from './rules/projection/useQuotaGuard';

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
  // From the Volumes page's bulk selection: `?targets=1,2,3`.
  const initialSet = (route.query.get('targets') ?? '')
    .split(',')
    .map(Number)
    .filter((id) => Number.isInteger(id) && id > 0);
  // Drafts start once; later pushes (e.g. nextRunAt moving) must not overwrite what the user is typing.
  return (
    <RuleForm
      existing={rule.data ?? null}
      initial={rule.data ? draftFromRule(rule.data) : newDraft(initialTarget, initialSet)}
      targets={targets.data}
      justSaved={route.query.get('saved') === '1'}
    />
  );
}

/** The editor for one rule: each section edits a part of the draft; the footer saves, runs and deletes. */
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
  const rule = useRuleDraft(initial, (d) => defaultRuleName(d, targets.find((t) => t.id === d.targetId)?.name ?? null));
  const accounts = useAccounts();
  const formRef = useRef<HTMLFormElement>(null);
  const saving = useRef('');
  const removed = useRef(false);
  const actions = useRuleActions(existing, {
    saved: () => rule.markSaved(saving.current),
    removed: () => (removed.current = true),
  });
  const [confirmDelete, setConfirmDelete] = useState(false);
  const saveFailed = useFocusFirstErrorOnFailure(formRef);
  const { draft, update, input, issues, submitted } = rule;
  const target = targets.find((t) => t.id === draft.targetId) ?? null;
  const live = rule.issuesToShow(fieldErrors(actions.save.error));
  const part = { draft, update, issue: (path: string) => live[path] };
  const previews = useRulePreviews(draft, rule.validSchedule, rule.validRetention, target, targets);
  const guard = useQuotaGuard((checked) => actions.save.mutate(checked, { onError: saveFailed }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    rule.markSubmitted();
    actions.save.reset();
    saving.current = rule.snapshot();
    if (input) guard.request(input);
    else saveFailed();
  };

  return (
    <Page title={existing ? `Edit rule "${existing.name}"` : 'New rule'} description={describeTarget(target)}>
      <form className="rule-form" onSubmit={submit} noValidate aria-label="Rule" ref={formRef}>
        <TargetSection
          {...part}
          targets={targets}
          initialTargetId={initial.targetId}
          locked={existing !== null}
          accounts={accounts.data ?? []}
          ruleId={existing?.id ?? null}
        />
        <ScheduleSection draft={draft} update={update} issues={live} schedule={rule.validSchedule} />
        <RetentionSection
          draft={draft}
          update={update}
          issues={live}
          retention={rule.validRetention}
          ruleId={existing?.id ?? null}
          {...previews}
        />
        <SnapshotNamesSection {...part} previewTarget={previews.previewTarget} />
        <RuleFormFooter
          existing={existing}
          actions={actions}
          justSaved={justSaved}
          errorSummary={submitted && !input ? <ErrorSummary issues={issues} form={formRef} /> : null}
          onDelete={() => setConfirmDelete(true)}
        />
      </form>
      <UnsavedChangesGuard isDirty={() => !removed.current && rule.isDirty()} />
      {existing && (
        <DeleteRuleDialog
          rule={existing}
          open={confirmDelete}
          onClose={() => setConfirmDelete(false)}
          remove={actions.remove}
        />
      )}
      <QuotaConfirmDialog guard={guard} />
    </Page>
  );
}

function describeTarget(target: TargetWithHealth | null): string {
  return target
    ? `Snapshots of ${target.name} (${target.accountName}, ${target.region}).`
    : 'Choose what to snapshot, when, and how long to keep it.';
}
