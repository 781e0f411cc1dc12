/**
 * The Google Cloud credential input: a JSON key pasted into a text area or
 * chosen as a file (read here as text). Once the text holds a private key it is
 * never shown again: the field shows who the key is for and offers to replace it.
 */
import { useId, useState, type ChangeEvent } from 'react';
import { Field } from '../../components/Field';

/** Larger than any service-account key; a bigger file is the wrong file. */
const MAX_KEY_FILE_BYTES = 16_000;

interface KeySummary {
  email: string | null;
  project: string | null;
}

/** Who the key is for, when the text holds a private key; null while it does not. */
export function keySummary(text: string): KeySummary | null {
  if (!/PRIVATE KEY|"private_key"/.test(text)) return null;
  try {
    const json = JSON.parse(text) as { client_email?: unknown; project_id?: unknown };
    return {
      email: typeof json.client_email === 'string' ? json.client_email : null,
      project: typeof json.project_id === 'string' ? json.project_id : null,
    };
  } catch {
    return { email: null, project: null };
  }
}

export function ServiceAccountKeyField({
  label,
  value,
  onChange,
  error,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (text: string) => void;
  error: string | undefined;
  disabled?: boolean;
}) {
  const [fileError, setFileError] = useState<string | undefined>();
  const fileId = useId();
  const summary = keySummary(value);

  const chooseFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (file.size > MAX_KEY_FILE_BYTES) {
      setFileError(`"${file.name}" is too large to be a service-account key. Choose the .json key file.`);
      return;
    }
    setFileError(undefined);
    onChange(await file.text());
  };

  if (summary) {
    const who = summary.email
      ? `${summary.email}${summary.project ? ` (project ${summary.project})` : ''}`
      : 'a service account';
    return (
      <div className="field">
        <span className="label">{label}</span>
        <p role="status">
          Key for {who} is ready. The private key is not shown; it is checked with Google when you continue.
        </p>
        {error && <div className="field-error">{error}</div>}
        <button type="button" className="button" onClick={() => onChange('')} disabled={disabled}>
          Use another key
        </button>
      </div>
    );
  }

  return (
    <>
      <Field
        label={label}
        hint="Paste the whole JSON key file here, or choose the file below."
        error={error ?? fileError}
      >
        <textarea
          value={value}
          rows={5}
          autoComplete="off"
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
          disabled={disabled}
        />
      </Field>
      <div className="field">
        <label htmlFor={fileId}>Or choose the JSON key file</label>
        <input id={fileId} type="file" accept=".json,application/json" onChange={chooseFile} disabled={disabled} />
      </div>
    </>
  );
}
