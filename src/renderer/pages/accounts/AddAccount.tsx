/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import { providerInfo } from '../../../shared/providers';
import { providerKinds, type Account, type ProviderKind } from '../../../shared/domain';
import type { SecretStorageStatus } from '../../../shared/contract';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Status';
import { LinkedText } from '../../components/LinkedText';
import { canSaveTokens } from './SecretStorage';

export function TokenHelp({ provider }: { provider: ProviderKind }) {
  const info = providerInfo[provider];
  return (
    <div className="token-help">
      <p>
        <LinkedText text={info.tokenHelp} />
      </p>
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
  const [token, setToken] = useState('');
  const info = providerInfo[provider];
  const tokensBlocked = info.needsToken && storage !== undefined && !canSaveTokens(storage);

  const add = useMutation({
    mutationFn: () =>
      api.accounts.add({ provider, name: name.trim() || defaultName(provider), ...(info.needsToken ? { token } : {}) }),
    onSuccess: (account) => {
      setToken('');
      setName('');
      void client.invalidateQueries({ queryKey: ['accounts'] });
      onAdded(account);
    },
  });
  const fields = fieldErrors(add.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!tokensBlocked && !add.isPending) add.mutate();
  };

  return (
    <form className="panel form" onSubmit={submit} aria-labelledby="add-account-title" noValidate>
      <h2 id="add-account-title">Add a cloud account</h2>
      <fieldset className="provider-choice">
        <legend>Provider</legend>
        {providerKinds.map((kind) => (
          <label key={kind} className={`choice ${provider === kind ? 'chosen' : ''}`}>
            <input
              type="radio"
              name="provider"
              value={kind}
              checked={provider === kind}
              onChange={() => {
                setProvider(kind);
                add.reset();
              }}
            />
            {providerInfo[kind].label}
          </label>
        ))}
      </fieldset>
      <TokenHelp provider={provider} />
      <Field label="Account name" hint={`Shown in volsnap only, e.g. "${defaultName(provider)}".`} error={fields.name}>
        <input
          type="text"
          value={name}
          maxLength={100}
          placeholder={defaultName(provider)}
          onChange={(e) => setName(e.target.value)}
        />
      </Field>
      {info.needsToken && (
        <Field
          label="API token"
          hint="Checked with the provider before anything is saved. volsnap never shows it again."
          error={fields.token}
        >
          <input
            type="password"
            value={token}
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setToken(e.target.value)}
            disabled={tokensBlocked}
          />
        </Field>
      )}
      {tokensBlocked && (
        <p className="field-error">Decide about token storage above before adding a {info.label} account.</p>
      )}
      <div className="button-row">
        {/* Not disabled while checking: a disabled button drops keyboard focus to <body>. */}
        <button type="submit" className="button primary" disabled={tokensBlocked} aria-disabled={add.isPending}>
          {info.needsToken ? 'Verify and add account' : 'Add demo cloud'}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
        {add.isPending && <Spinner label={info.needsToken ? `Checking the token with ${info.label}…` : 'Adding…'} />}
      </div>
      {add.isError && <ErrorNotice error={add.error} what="add the account" />}
    </form>
  );
}

function defaultName(provider: ProviderKind): string {
  return provider === 'demo' ? 'Demo cloud' : `My ${providerInfo[provider].label}`;
}
