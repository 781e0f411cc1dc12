import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { useDebounced } from '../../lib/useDebounced';
import type { DraftPartProps } from './draft-part';

/** "Snapshot names": the name template with a live example from main, and what to do after missed runs. */
export function SnapshotNamesSection({ draft, update, issue }: DraftPartProps) {
  const settledTemplate = useDebounced(draft.nameTemplate.trim());
  const example = useQuery({
    queryKey: ['rules', 'preview-name', draft.targetId, settledTemplate],
    queryFn: () => api.rules.previewName({ targetId: draft.targetId!, template: settledTemplate }),
    enabled: draft.targetId !== null && settledTemplate.length > 0,
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
