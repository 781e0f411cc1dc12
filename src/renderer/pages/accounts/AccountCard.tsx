import { useEffect, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api';
import type { Account } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { Dialog } from '../../components/Dialog';
import { ErrorNotice, fieldErrors } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { Spinner } from '../../components/Status';
import { formatTime, plural } from '../../lib/format';
import { describeSchedule } from '../../lib/schedule';
import { TokenHelp } from './AddAccount';
import { AccountCredential, useCredential } from './AccountCredential';
import { useAccountHealth } from '../../lib/data';
import { AccountStatusBadge, AccountStatusDetail } from './AccountStatus';

type Open = 'rename' | 'token' | 'remove' | null;

export function AccountCard({ account }: { account: Account }) {
  const client = useQueryClient();
  const [open, setOpen] = useState<Open>(null);
  const info = providerInfo[account.provider];
  const verify = useMutation({
    mutationFn: () => api.accounts.verify({ id: account.id }),
    onSettled: () => client.invalidateQueries({ queryKey: ['accounts'] }),
  });
  const health = useAccountHealth().data?.find((h) => h.accountId === account.id);
  // When the card goes (account removed) with focus inside it, the page heading takes focus, not <body>.
  useEffect(
    () => () => {
      if (!document.activeElement || document.activeElement === document.body)
        document.getElementById('page-title')?.focus();
    },
    [],
  );

  return (
    <article className="panel account-card" aria-labelledby={`account-${account.id}`}>
      <header className="account-head">
        <div>
          <h2 id={`account-${account.id}`}>{account.name}</h2>
          <div className="muted">
            {info.label}
            {account.description && <> · {account.description}</>}
          </div>
        </div>
        <AccountStatusBadge health={health} />
      </header>
      {/* A working, fully checked account needs no words beyond its badge. */}
      {health && (health.cause !== 'fine' || health.uncheckedPermissions.length > 0) && (
        <AccountStatusDetail health={health} onReplaceToken={info.needsToken ? () => setOpen('token') : null} />
      )}
      <p className="muted small">
        Added {formatTime(account.createdAt)} · last checked {formatTime(account.lastVerifiedAt, 'never')}
      </p>
      <div className="button-row">
        {/* While something is wrong, "Retry now" above is the one way to check again. Never disabled: focus would drop to <body>. */}
        {health && health.cause !== 'fine' ? null : (
          <button
            type="button"
            className="button"
            onClick={() => !verify.isPending && verify.mutate()}
            aria-disabled={verify.isPending}
          >
            Check token
          </button>
        )}
        <button type="button" className="button" onClick={() => setOpen('rename')}>
          Rename
        </button>
        {info.needsToken && health?.fix !== 'replace_token' && (
          <button type="button" className="button" onClick={() => setOpen('token')}>
            Replace token
          </button>
        )}
        <button type="button" className="button danger" onClick={() => setOpen('remove')}>
          Remove
        </button>
        {verify.isPending && <Spinner label={`Checking with ${info.label}…`} />}
      </div>
      {verify.isError && <ErrorNotice error={verify.error} what="check the token" />}
      <RenameDialog account={account} open={open === 'rename'} onClose={() => setOpen(null)} />
      <ReplaceTokenDialog account={account} open={open === 'token'} onClose={() => setOpen(null)} />
      <RemoveDialog account={account} open={open === 'remove'} onClose={() => setOpen(null)} />
    </article>
  );
}

function RenameDialog({ account, open, onClose }: { account: Account; open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const [name, setName] = useState(account.name);
  const rename = useMutation({
    mutationFn: () => api.accounts.rename({ id: account.id, name }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    rename.mutate();
  };
  return (
    <Dialog open={open} title={`Rename "${account.name}"`} onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate>
        <Field label="New name" error={fieldErrors(rename.error).name}>
          <input type="text" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} autoFocus />
        </Field>
        <div className="button-row end">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={rename.isPending}>
            Save name
          </button>
        </div>
        {rename.isError && !fieldErrors(rename.error).name && (
          <ErrorNotice error={rename.error} what="rename the account" />
        )}
      </form>
    </Dialog>
  );
}

function ReplaceTokenDialog({ account, open, onClose }: { account: Account; open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const credential = useCredential();
  const replace = useMutation({
    mutationFn: (secret: string) => api.accounts.replaceToken({ id: account.id, token: secret }),
    onSuccess: () => {
      credential.clear();
      void client.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const secret = credential.secret(account.provider);
    if (secret !== null) replace.mutate(secret);
  };
  return (
    <Dialog open={open} title={`Replace the token of "${account.name}"`} onClose={onClose}>
      <form onSubmit={submit} className="form" noValidate>
        <TokenHelp provider={account.provider} />
        <AccountCredential
          provider={account.provider}
          credential={credential}
          label="New API token"
          hint="The old token stays in use until the new one is verified."
          errors={fieldErrors(replace.error)}
          onEdit={() => {
            if (replace.isError) replace.reset(); // the error was about the previous credential
          }}
          autoFocus
        />
        <div className="button-row end">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={replace.isPending}>
            Verify and replace
          </button>
        </div>
        {replace.isPending && <Spinner label="Checking the new token…" />}
        {replace.isError && <ErrorNotice error={replace.error} what="replace the token" />}
      </form>
    </Dialog>
  );
}

function RemoveDialog({ account, open, onClose }: { account: Account; open: boolean; onClose: () => void }) {
  const client = useQueryClient();
  const impact = useQuery({
    queryKey: ['rules', 'removal-impact', account.id],
    queryFn: () => api.accounts.removalImpact({ id: account.id }),
    enabled: open,
  });
  const remove = useMutation({
    mutationFn: () => api.accounts.remove({ id: account.id }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['accounts'] });
      onClose();
    },
  });
  return (
    <Dialog open={open} title={`Remove "${account.name}"?`} onClose={onClose}>
      <p>
        volsnap forgets this account, its token, its volumes and their local history. Snapshots already at{' '}
        {providerInfo[account.provider].label} are not deleted.
      </p>
      {impact.isPending && <Spinner label="Finding the rules that go with it…" />}
      {impact.isError && <ErrorNotice error={impact.error} what="list what would be removed" />}
      {impact.data && (
        <>
          <p>
            {plural(impact.data.targets, 'volume')} and{' '}
            {impact.data.rules.length === 0 ? 'no rules' : plural(impact.data.rules.length, 'rule')} will be removed
            {impact.data.rules.length > 0 ? ':' : '.'}
          </p>
          {impact.data.rules.length > 0 && (
            <ul className="impact-list" aria-label="Rules that will be removed">
              {impact.data.rules.map((rule) => (
                <li key={rule.id}>
                  <strong>{rule.name}</strong> <span className="muted">— {describeSchedule(rule.schedule)}</span>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <div className="button-row end">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Keep account
        </button>
        <button
          type="button"
          className="button danger"
          onClick={() => remove.mutate()}
          disabled={remove.isPending || impact.isPending}
        >
          Remove account
        </button>
      </div>
      {remove.isError && <ErrorNotice error={remove.error} what="remove the account" />}
    </Dialog>
  );
}
