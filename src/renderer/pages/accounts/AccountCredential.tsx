/**
 * The credential part of the account forms (add, replace token), whatever the
 * provider: an API token, a Google service-account key (CredentialField) or
 * the AWS fields, which become one secret string only when they are valid.
 */
import { useState } from 'react';
import type { ProviderKind } from '../../../shared/domain';
import { AwsCredentialFields, awsSecret, emptyAwsInput, type AwsCredentialInput } from './AwsCredentials';
import { CredentialField } from './CredentialField';

export interface CredentialState {
  token: string;
  setToken: (token: string) => void;
  aws: AwsCredentialInput;
  setAws: (aws: AwsCredentialInput) => void;
  /** Messages for AWS fields found wrong before sending (the server's come from the mutation). */
  awsErrors: Record<string, string>;
  /** The one secret string to send, or null when the AWS fields need fixing first (their messages are then shown). */
  secret: (provider: ProviderKind) => string | null;
  /** Forgets what was typed: after success, or when the provider changes. */
  clear: () => void;
}

/** The state behind <AccountCredential>. */
export function useCredential(): CredentialState {
  const [token, setToken] = useState('');
  const [aws, setAwsInput] = useState(emptyAwsInput);
  const [awsErrors, setAwsErrors] = useState<Record<string, string>>({});
  const secret = (provider: ProviderKind): string | null => {
    if (provider !== 'aws') return token;
    const result = awsSecret(aws);
    setAwsErrors('fields' in result ? result.fields : {});
    return 'token' in result ? result.token : null;
  };
  const setAws = (next: AwsCredentialInput) => {
    setAwsInput(next);
    setAwsErrors({});
  };
  const clear = () => {
    setToken('');
    setAwsInput(emptyAwsInput);
    setAwsErrors({});
  };
  return { token, setToken, aws, setAws, awsErrors, secret, clear };
}

/** The inputs for `provider`'s credential; `onEdit` runs on every change (to drop an error about the old one). */
export function AccountCredential({
  provider,
  credential,
  label,
  hint,
  errors,
  onEdit,
  disabled,
  autoFocus,
}: {
  provider: ProviderKind;
  credential: CredentialState;
  label: string;
  hint: string;
  errors: Record<string, string | undefined>;
  onEdit: () => void;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  if (provider === 'aws') {
    const onChange = (next: AwsCredentialInput) => {
      credential.setAws(next);
      onEdit();
    };
    return (
      <AwsCredentialFields
        value={credential.aws}
        onChange={onChange}
        errors={{ ...errors, ...credential.awsErrors }}
        disabled={disabled}
      />
    );
  }
  const onChange = (value: string) => {
    credential.setToken(value);
    onEdit();
  };
  return (
    <CredentialField
      provider={provider}
      label={label}
      hint={hint}
      value={credential.token}
      onChange={onChange}
      error={errors.token}
      disabled={disabled}
      autoFocus={autoFocus}
    />
  );
}
