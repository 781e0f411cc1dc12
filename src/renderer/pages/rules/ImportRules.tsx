import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { RulesDocument, type ImportPlan } from '../../../shared/fleet-contract';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/ErrorNotice';

/** Reads a rules file, validates it, and says what is wrong in words the user can act on. */
async function readDocument(file: File): Promise<RulesDocument> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch {
    throw new Error(`"${file.name}" is not a JSON file. Choose a file made by "Export all rules".`);
  }
  const parsed = RulesDocument.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `"${file.name}" is not a volsnap rules file (${issue?.path.join('.') || 'file'}: ${issue?.message}). Choose a file made by "Export all rules".`,
    );
  }
  return parsed.data;
}

/** Import: choose a file, see what would be created and changed, apply all or nothing. */
export function ImportRules() {
  const [document, setDocument] = useState<RulesDocument | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: (doc: RulesDocument) => api.rules.import({ document: doc, apply: false }),
  });
  const apply = useMutation({ mutationFn: (doc: RulesDocument) => api.rules.import({ document: doc, apply: true }) });
  const close = () => {
    setDocument(null);
    preview.reset();
    apply.reset();
  };
  const choose = async (file: File | undefined) => {
    setProblem(null);
    if (!file) return;
    try {
      const doc = await readDocument(file);
      setDocument(doc);
      preview.mutate(doc);
    } catch (error) {
      setProblem(errorMessage(error));
    }
  };
  const plan: ImportPlan | undefined = apply.data ?? preview.data;
  return (
    <>
      <label className="button small file-button">
        Import rules…
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => void choose(e.target.files?.[0])}
        />
      </label>
      {problem && (
        <span className="field-error small" role="alert">
          {problem}
        </span>
      )}
      <Dialog open={document !== null} title="Import rules" onClose={close}>
        {(preview.error ?? apply.error) && <p role="alert">{errorMessage(preview.error ?? apply.error)}</p>}
        {plan && <ImportPlanView plan={plan} />}
        <div className="button-row">
          {!plan?.applied && (
            <button
              type="button"
              className="button primary"
              disabled={
                !plan || plan.errors.length > 0 || apply.isPending || plan.create.length + plan.change.length === 0
              }
              onClick={() => document && apply.mutate(document)}
            >
              Import
            </button>
          )}
          <button type="button" className="button" onClick={close}>
            {plan?.applied ? 'Done' : 'Cancel'}
          </button>
        </div>
      </Dialog>
    </>
  );
}

function ImportPlanView({ plan }: { plan: ImportPlan }) {
  const list = (names: string[]) => (names.length ? names.join(', ') : 'none');
  return (
    <div className="import-plan" role="status">
      {plan.applied && <p className="strong">Imported.</p>}
      <p>
        {plan.applied ? 'Created' : 'Will create'} {plan.create.length}: {list(plan.create)}
      </p>
      <p>
        {plan.applied ? 'Changed' : 'Will change'} {plan.change.length}: {list(plan.change)}
      </p>
      <p className="muted">Unchanged {plan.unchanged.length}</p>
      {plan.errors.length > 0 && (
        <div role="alert">
          <p className="field-error">Nothing will be imported until these are fixed:</p>
          <ul>
            {plan.errors.map((e) => (
              <li key={e.index}>
                {e.name}: {e.message}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
