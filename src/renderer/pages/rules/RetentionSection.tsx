import type { ProviderKind, Retention } from '../../../shared/domain';
import { fieldErrors } from '../../components/ErrorNotice';
import { GroupError } from '../../components/Field';
import type { Draft, Issues } from './draft';
import { GfsPolicy, KeepDaysPolicy, KeepLastPolicy } from './retention/RetentionPolicies';
import { RetentionPreview, useRetentionPreview } from './retention/RetentionPreview';
import { SteadyStatePreview } from './projection/SteadyStatePreview';
import type { PreviewTarget, ProjectionQuery } from './projection/useProjection';

/** "How long to keep snapshots": the policies, and a preview of what they keep, delete and cost. */
export function RetentionSection({
  draft,
  update,
  issues,
  retention,
  ruleId,
  provider,
  projection,
  previewTarget,
}: {
  draft: Draft;
  update: (patch: Partial<Draft>) => void;
  issues: Issues;
  retention: Retention | null;
  ruleId: number | null;
  provider: ProviderKind | null;
  projection: ProjectionQuery;
  /** The volume the existing-snapshot facts are shown for (the first one of a set or selector). */
  previewTarget: PreviewTarget | null;
}) {
  const preview = useRetentionPreview(retention, previewTarget?.id ?? null, ruleId);
  const serverIssues = fieldErrors(preview.error);
  const issue = (path: string) => issues[path] ?? serverIssues[path];
  const part = { draft, update, issue };

  return (
    <fieldset className="panel section">
      <legend>How long to keep snapshots</legend>
      <p className="hint">
        Only snapshots volsnap made for this rule are ever deleted. A snapshot kept by any checked policy stays.
      </p>
      <KeepLastPolicy {...part} />
      <KeepDaysPolicy {...part} />
      <GfsPolicy {...part} />
      <GroupError error={issue('retention')} />
      <RetentionPreview
        retention={retention}
        targetId={previewTarget?.id ?? null}
        provider={provider}
        preview={preview}
        steadyState={<SteadyStatePreview projection={projection} retention={retention} />}
        shownFor={previewTarget && previewTarget.others > 0 ? previewTarget : null}
      />
    </fieldset>
  );
}
