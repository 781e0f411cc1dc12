/** The credential input for a provider: a password field for a token, or the JSON key field for Google Cloud. */
import type { ProviderKind } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { Field } from '../../components/Field';
import { ServiceAccountKeyField } from './ServiceAccountKeyField';

export function CredentialField({
  provider,
  label,
  hint,
  value,
  onChange,
  error,
  disabled,
  autoFocus,
}: {
  provider: ProviderKind;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  if (providerInfo[provider].credential === 'json-key') {
    return (
      <ServiceAccountKeyField
        label={label.replace(/API token/, 'Service-account key (JSON)')}
        value={value}
        onChange={onChange}
        error={error}
        disabled={disabled}
      />
    );
  }
  return (
    <Field label={label} hint={hint} error={error}>
      <input
        type="password"
        value={value}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onChange(e.target.value)}
        disabled={disabled}
        autoFocus={autoFocus}
      />
    </Field>
  );
}
