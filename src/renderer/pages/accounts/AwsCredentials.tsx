/**
 * The AWS part of the account forms: access key id, secret, optional session
 * token and regions, entered separately and sent as ONE secret string (checked
 * again in main), plus the least-privilege IAM policy with a Copy button.
 */
import { useState } from 'react';
import { AwsCredentials, encodeAwsCredentials, parseRegionList } from '../../../shared/aws';
import { awsIamPolicyJson } from '../../../shared/providers';
import { Field } from '../../components/Field';

export interface AwsCredentialInput {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  regions: string;
}

export const emptyAwsInput: AwsCredentialInput = {
  accessKeyId: '',
  secretAccessKey: '',
  sessionToken: '',
  regions: '',
};

/** The secret string to send, or per-field messages saying what to fix first. */
export function awsSecret(input: AwsCredentialInput): { token: string } | { fields: Record<string, string> } {
  const regions = parseRegionList(input.regions);
  const parsed = AwsCredentials.safeParse({
    accessKeyId: input.accessKeyId.trim(),
    secretAccessKey: input.secretAccessKey.trim(),
    ...(input.sessionToken.trim() ? { sessionToken: input.sessionToken.trim() } : {}),
    ...(regions.length ? { regions } : {}),
  });
  if (parsed.success) return { token: encodeAwsCredentials(parsed.data) };
  const fields: Record<string, string> = {};
  for (const issue of parsed.error.issues) fields[String(issue.path[0] ?? 'token')] ??= issue.message;
  return { fields };
}

export function AwsPolicy() {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = () => {
    navigator.clipboard.writeText(awsIamPolicyJson).then(
      () => setCopied('yes'),
      () => setCopied('failed'),
    );
  };
  return (
    <div className="aws-policy">
      <div className="button-row">
        <span id="aws-policy-title">Minimal IAM policy for volsnap</span>
        <button type="button" className="button" onClick={copy} aria-describedby="aws-policy-title">
          Copy policy
        </button>
        <span role="status" className="muted">
          {copied === 'yes' ? 'Copied.' : copied === 'failed' ? 'Could not copy: select the text and copy it.' : ''}
        </span>
      </div>
      <pre tabIndex={0} aria-labelledby="aws-policy-title">
        {awsIamPolicyJson}
      </pre>
    </div>
  );
}

export function AwsCredentialFields({
  value,
  onChange,
  errors,
  disabled,
}: {
  value: AwsCredentialInput;
  onChange: (next: AwsCredentialInput) => void;
  errors: Record<string, string | undefined>;
  disabled?: boolean;
}) {
  const set = (key: keyof AwsCredentialInput) => (e: { target: { value: string } }) =>
    onChange({ ...value, [key]: e.target.value });
  const secretInput = { autoComplete: 'off', spellCheck: false, disabled } as const;
  return (
    <>
      <AwsPolicy />
      <Field label="Access key id" hint="20 characters, starting with AKIA (or ASIA)." error={errors.accessKeyId}>
        <input type="text" value={value.accessKeyId} onChange={set('accessKeyId')} {...secretInput} />
      </Field>
      <Field
        label="Secret access key"
        hint="Checked with AWS before anything is saved. volsnap never shows it again."
        error={errors.secretAccessKey ?? errors.token}
      >
        <input type="password" value={value.secretAccessKey} onChange={set('secretAccessKey')} {...secretInput} />
      </Field>
      <Field
        label="Session token (optional)"
        hint="Only for temporary credentials (ASIA...). They expire; volsnap will then ask for new ones."
        error={errors.sessionToken}
      >
        <input type="password" value={value.sessionToken} onChange={set('sessionToken')} {...secretInput} />
      </Field>
      <Field
        label="Regions (optional)"
        hint="Leave empty for every region enabled for the account, or list codes: eu-west-1, us-east-1."
        error={errors.regions}
      >
        <input type="text" value={value.regions} onChange={set('regions')} spellCheck={false} disabled={disabled} />
      </Field>
    </>
  );
}
