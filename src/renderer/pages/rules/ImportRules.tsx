import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import type { ImportPlan } from '../../../shared/fleet-contract';
import { uploadRulesText } from '../../../shared/import-upload';
import { Dialog } from '../../components/Dialog';
import { errorMessage } from '../../components/ErrorNotice';
import { plural } from '../../lib/format';

/** How many names of each kind the preview lists before "and N more". */
const namesShown = 12;
const errorsShown = 100;

/**
 * Sends the file to main in parts (a file of thousands of rules is larger than
 * one call may carry) and returns the upload main keeps for the preview and the apply.
 */
async function sendFile(file: File): Promise<string> {
  const text = await file.text();
  if (!text.trim()) throw new Error(`"${file.name}" is empty. Choose a file made by "Export all rules".`);
  return uploadRulesText({ open: api.rules.importOpen, append: api.rules.importAppend }, text);
}

/** Import: choose a file, see what would be created and changed, apply all or nothing. */
export function ImportRules() {
  const [uploadId, setUploadId] = useState<string | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const preview = useMutation({
    mutationFn: async (file: File) => {
      const id = await sendFile(file);
      setUploadId(id);
      return api.rules.importPlan({ uploadId: id, apply: false });
    },
  });
  const apply = useMutation({ mutationFn: (id: string) => api.rules.importPlan({ uploadId: id, apply: true }) });
  const close = () => {
    setUploadId(null);
    setFileName(null);
    preview.reset();
    apply.reset();
  };
  const choose = (file: File | undefined) => {
    if (!file) return;
    apply.reset();
    setUploadId(null);
    setFileName(file.name);
    preview.mutate(file);
  };
  const plan: ImportPlan | undefined = apply.data ?? preview.data;
  const failure = preview.error ?? apply.error;
  return (
    <>
      <label className="button small file-button">
        Import rules…
        <input
          type="file"
          accept="application/json,.json"
          className="visually-hidden"
          onChange={(e) => {
            choose(e.target.files?.[0]);
            // The same file chosen again (after fixing it) must fire a change too.
            e.target.value = '';
          }}
        />
      </label>
      <Dialog open={fileName !== null} title="Import rules" onClose={close}>
        {preview.isPending && <p role="status">Reading {fileName}…</p>}
        {failure && <p role="alert">{errorMessage(failure)}</p>}
        {plan && <ImportPlanView plan={plan} />}
        <div className="button-row">
          {!plan?.applied && (
            <button
              type="button"
              className="button primary"
              disabled={
                !plan || plan.errors.length > 0 || apply.isPending || plan.create.length + plan.change.length === 0
              }
              onClick={() => uploadId && apply.mutate(uploadId)}
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

/** The first names, then how many more. */
function names(list: string[]): string {
  if (!list.length) return 'none';
  const shown = list.slice(0, namesShown).join(', ');
  return list.length > namesShown ? `${shown} and ${(list.length - namesShown).toLocaleString()} more` : shown;
}

function ImportPlanView({ plan }: { plan: ImportPlan }) {
  return (
    <div className="import-plan" role="status">
      {plan.applied && <p className="strong">Imported.</p>}
      <p>
        {plan.applied ? 'Created' : 'Will create'} {plan.create.length.toLocaleString()}: {names(plan.create)}
      </p>
      <p>
        {plan.applied ? 'Changed' : 'Will change'} {plan.change.length.toLocaleString()}: {names(plan.change)}
      </p>
      <p className="muted">Unchanged {plan.unchanged.length.toLocaleString()}</p>
      {plan.version === 1 && (
        <p className="muted">This file is in the older one-volume-per-rule format; it imports the same way.</p>
      )}
      {plan.errors.length > 0 && (
        <div role="alert">
          <p className="field-error">
            Nothing will be imported until {plan.errors.length === 1 ? 'this is' : 'these are'} fixed (
            {plural(plan.errors.length, 'problem')}):
          </p>
          <ul>
            {plan.errors.slice(0, errorsShown).map((e) => (
              <li key={e.index}>
                Rule {e.index + 1} “{e.name}”{e.field ? ` (${e.field})` : ''}: {e.message}
              </li>
            ))}
          </ul>
          {plan.errors.length > errorsShown && <p>and {plural(plan.errors.length - errorsShown, 'more problem')}</p>}
        </div>
      )}
    </div>
  );
}
