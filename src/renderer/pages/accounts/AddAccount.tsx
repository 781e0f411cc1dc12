/** The Add account form: provider, name, the provider's credential, verified before it is saved. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { providerInfo } from '../../../shared/providers';
import { providerKinds, type Account, type ProviderKind } from '../../../shared/domain';
import type { SecretStorageStatus } from '../../../shared/contract';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Status';
import { canSaveTokens } from './SecretStorage';
import { AccountCredential, useCredential } from './AccountCredential';

export function TokenHelp({ provider }: { provider: ProviderKind }) {
  const info = providerInfo[provider];
  return (
    <div className="token-help">
      <p>{info.tokenHelp}</p>
      {info.tokenUrl && (
        <p>
          <a href={info.tokenUrl} target="_blank" rel="noreferrer noopener">
            Open the {info.label} token page
          </a>
        </p>
      )}
      <p className="muted">What volsnap can snapshot there: {info.snapshots.replace(/\.$/, '')}.</p>
    </div>
  );
}

function ProviderChoice({ provider, onChoose }: { provider: ProviderKind; onChoose: (kind: ProviderKind) => void }) {
  return (
    <fieldset className="provider-choice">
      <legend>Provider</legend>
      {providerKinds.map((kind) => (
        <label key={kind} className={`choice ${provider === kind ? 'chosen' : ''}`}>
          <input
            type="radio"
            name="provider"
            value={kind}
            checked={provider === kind}
            onChange={() => onChoose(kind)}
          />
          {providerInfo[kind].label}
        </label>
      ))}
    </fieldset>
  );
}

function AccountNameField({
  provider,
  name,
  onChange,
  error,
}: {
  provider: ProviderKind;
  name: string;
  onChange: (name: string) => void;
  error: string | undefined;
}) {
  return (
    <Field label="Account name" hint={`Shown in volsnap only, e.g. "${defaultName(provider)}".`} error={error}>
      <input
        type="text"
        value={name}
        maxLength={100}
        placeholder={defaultName(provider)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function FormButtons({
  provider,
  pending,
  blocked,
  onCancel,
}: {
  provider: ProviderKind;
  pending: boolean;
  blocked: boolean;
  onCancel?: () => void;
}) {
  const info = providerInfo[provider];
  return (
    <div className="button-row">
      <button type="submit" className="button primary" disabled={pending || blocked}>
        {info.needsToken ? 'Verify and add account' : 'Add demo cloud'}
      </button>
      {onCancel && (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      )}
      {pending && <Spinner label={info.needsToken ? `Checking the token with ${info.label}…` : 'Adding…'} />}
    </div>
  );
}

export function AddAccountForm({
  storage,
  onAdded,
  onCancel,
}: {
  storage: SecretStorageStatus | undefined;
  onAdded: (account: Account) => void;
  onCancel?: () => void;
}) {
  const client = useQueryClient();
  const [provider, setProvider] = useState<ProviderKind>('digitalocean');
  const [name, setName] = useState('');
  const credential = useCredential();
  const info = providerInfo[provider];
  const tokensBlocked = info.needsToken && storage !== undefined && !canSaveTokens(storage);

  const add = useMutation({
    mutationFn: (secret: string) =>
      api.accounts.add({
        provider,
        name: name.trim() || defaultName(provider),
        ...(info.needsToken ? { token: secret } : {}),
      }),
    onSuccess: (account) => {
      credential.clear();
      setName('');
      void client.invalidateQueries({ queryKey: ['accounts'] });
      onAdded(account);
    },
  });
  const fields = fieldErrors(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (tokensBlocked) return;
    const secret = credential.secret(provider);
    if (secret !== null) add.mutate(secret);
  };
  const choose = (kind: ProviderKind) => {
    setProvider(kind);
    credential.clear(); // a credential is never carried over to another provider
    add.reset();
  };

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="add-account-title" noValidate>
      <h2 id="add-account-title">Add a cloud account</h2>
      <ProviderChoice provider={provider} onChoose={choose} />
      <TokenHelp provider={provider} />
      <AccountNameField provider={provider} name={name} onChange={setName} error={fields.name} />
      {info.needsToken && (
        <AccountCredential
          provider={provider}
          credential={credential}
          label="API token"
          hint="Checked with the provider before anything is saved. volsnap never shows it again."
          errors={fields}
          onEdit={() => {
            if (add.isError) add.reset(); // the error was about the previous credential
          }}
          disabled={tokensBlocked}
        />
      )}
      {tokensBlocked && (
        <p className="field-error">Decide about token storage above before adding a {info.label} account.</p>
      )}
      <FormButtons provider={provider} pending={add.isPending} blocked={tokensBlocked} onCancel={onCancel} />
      {add.isError && <ErrorNotice error={add.error} what="add the account" />}
    </form>
  );
}

function defaultName(provider: ProviderKind): string {
  return provider === 'demo' ? 'Demo cloud' : `My ${providerInfo[provider].label}`;
}
