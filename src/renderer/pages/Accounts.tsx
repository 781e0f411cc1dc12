import { useState } from 'react';
import { Page } from '../components/Page';
import { ErrorNotice } from '../components/ErrorNotice';
import { Spinner } from '../components/Status';
import { useAccounts, useAppInfo } from '../lib/data';
import { providerInfo } from '../../shared/providers';
import type { Account } from '../../shared/domain';
import type { Route } from '../routes';
import { AccountCard } from './accounts/AccountCard';
import { AddAccountForm } from './accounts/AddAccount';
import { SecretStorageNotice } from './accounts/SecretStorage';

export function AccountsPage({ route }: { route: Route }) {
  const accounts = useAccounts();
  const info = useAppInfo();
  const [adding, setAdding] = useState(route.query.get('add') === '1');
  const [added, setAdded] = useState<Account | null>(null);
  const showForm = adding || accounts.data?.length === 0;

  return (
    <Page
      title="Accounts"
      description="Your cloud accounts. volsnap checks each token with the provider before saving it, and keeps it in your system's keychain."
      actions={
        !showForm && (
          <button type="button" className="button primary" onClick={() => (setAdding(true), setAdded(null))}>
            Add account
          </button>
        )
      }
    >
      {info.data && <SecretStorageNotice status={info.data.secretStorage} />}
      {info.isError && <ErrorNotice error={info.error} what="check how tokens are stored" />}
      {added && (
        <div className="notice notice-ok" role="status">
          Added {providerInfo[added.provider].label} account "{added.name}"
          {added.description ? ` (${added.description})` : ''}. The token works; volsnap is listing its volumes now.{' '}
          <a href="#/volumes">See volumes</a>
        </div>
      )}
      {showForm && (
        <AddAccountForm
          storage={info.data?.secretStorage}
          onAdded={(account) => {
            setAdded(account);
            setAdding(false);
          }}
          {...(accounts.data?.length ? { onCancel: () => setAdding(false) } : {})}
        />
      )}
      {accounts.isPending && <Spinner label="Loading accounts…" />}
      {accounts.isError && (
        <ErrorNotice error={accounts.error} what="load your accounts" onRetry={() => void accounts.refetch()} />
      )}
      <div className="account-list">
        {accounts.data?.map((account) => (
          <AccountCard key={account.id} account={account} />
        ))}
      </div>
    </Page>
  );
}
