import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useDebounced } from '../../lib/useDebounced';
import { plural } from '../../lib/format';
import type { DraftPartProps } from './draft-part';
import type { PreviewTarget } from './projection/useProjection';

/** "Snapshot names": the name template with a live example from main, and what to do after missed runs. */
export function SnapshotNamesSection({
  draft,
  update,
  issue,
  previewTarget,
}: DraftPartProps & { previewTarget?: PreviewTarget | null }) {
  const settledTemplate = useDebounced(draft.nameTemplate.trim());
  // A set or selector shows the name for its first volume (by name).
  const targetId = previewTarget?.id ?? draft.targetId;
  const example = useQuery({
    queryKey: ['rules', 'preview-name', targetId, settledTemplate],
    queryFn: () => api.rules.previewName({ targetId: targetId!, template: settledTemplate }),
    enabled: targetId !== null && settledTemplate.length > 0,
    retry: false,
  });
  const templateError =
    issue('nameTemplate') ?? fieldErrors(example.error).nameTemplate ?? fieldErrors(example.error).template;

  return (
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
                {previewTarget && previewTarget.others > 0 && (
                  <span className="muted">
                    {' '}
                    (for {previewTarget.name}; likewise for {plural(previewTarget.others, 'more volume')})
                  </span>
                )}
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
      <CatchUpChoice draft={draft} update={update} />
    </fieldset>
  );
}

function CatchUpChoice({ draft, update }: Omit<DraftPartProps, 'issue'>) {
  return (
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
  );
}
