/* eslint-disable max-lines-per-function -- being split into smaller components on the "ui-split" branch (issue 10); remove when it lands. */
import { useRef, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { providerKinds, type ProviderKind, type Settings } from '../../shared/domain';
import { providerInfo } from '../../shared/providers';
import { Page } from '../components/Page';
import { ErrorNotice, errorMessage, fieldErrors } from '../components/ErrorNotice';
import { NumberField } from '../components/NumberField';
import { Spinner } from '../components/Status';
import { useAppInfo, useSettings } from '../lib/data';
import { currencyOf } from '../lib/format';

function SettingsForm({ settings: saved }: { settings: Settings }) {
  const client = useQueryClient();
  // Changes on their way to main are shown over what main last said, so a refetch
  // racing a save never flips a control back; the overlay clears once all are saved.
  const [overlay, setOverlay] = useState<Partial<Settings>>({});
  const inFlight = useRef(0);
  const settings: Settings = { ...saved, ...overlay };
  const update = useMutation({
    mutationFn: (patch: Partial<Settings>) => api.settings.update(patch),
    onSettled: async () => {
      inFlight.current -= 1;
      if (inFlight.current === 0) {
        await client.invalidateQueries({ queryKey: ['settings'], exact: true });
        if (inFlight.current === 0) setOverlay({});
      }
    },
  });
  const save = (patch: Partial<Settings>) => {
    inFlight.current += 1;
    setOverlay((o) => ({ ...o, ...patch }));
    update.mutate(patch);
  };
  const fields = fieldErrors(update.error);
  const setPrice = (kind: ProviderKind, value: number) =>
    save({ pricePerGbMonth: { ...settings.pricePerGbMonth, [kind]: value } });

  return (
    <>
      <div className="save-state" aria-live="polite">
        {update.isPending && <Spinner label="Saving…" />}
        {update.isSuccess && <span className="muted">Saved.</span>}
      </div>
      {update.isError && <ErrorNotice error={update.error} what="save the settings" />}

      <fieldset className="panel section">
        <legend>Notifications</legend>
        {(
          [
            ['all', 'Every snapshot and every problem'],
            ['failures', 'Only failures and volumes that become unprotected (recommended)'],
            ['off', 'None (the tray icon still shows problems)'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="notifications"
              checked={settings.notifications === value}
              onChange={() => save({ notifications: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>

      <fieldset className="panel section">
        <legend>Startup</legend>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            onChange={(e) => save({ startAtLogin: e.target.checked })}
          />
          Start volsnap when I log in
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startHidden}
            onChange={(e) => save({ startHidden: e.target.checked })}
          />
          Start hidden in the tray
        </label>
        <p className="hint">
          Snapshots are only taken while volsnap runs. Missed runs are caught up when it starts, as each rule says.
        </p>
      </fieldset>

      <fieldset className="panel section">
        <legend>Theme</legend>
        {(
          [
            ['system', 'Follow the system'],
            ['light', 'Light'],
            ['dark', 'Dark'],
          ] as const
        ).map(([value, label]) => (
          <label key={value} className="check">
            <input
              type="radio"
              name="theme"
              checked={settings.theme === value}
              onChange={() => save({ theme: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>

      <fieldset className="panel section">
        <legend>Concurrency</legend>
        <div className="row">
          <NumberField
            key={`g${settings.concurrency.global}`}
            label="Snapshots at the same time, in total"
            value={settings.concurrency.global}
            min={1}
            max={32}
            error={fields['concurrency.global']}
            onSave={(n) => save({ concurrency: { ...settings.concurrency, global: n } })}
          />
          <NumberField
            key={`a${settings.concurrency.perAccount}`}
            label="Per cloud account"
            hint="Lower it if a provider reports rate limits."
            value={settings.concurrency.perAccount}
            min={1}
            max={8}
            error={fields['concurrency.perAccount']}
            onSave={(n) => save({ concurrency: { ...settings.concurrency, perAccount: n } })}
          />
        </div>
      </fieldset>

      <fieldset className="panel section">
        <legend>Storage prices</legend>
        <p className="hint">
          Used for the monthly cost estimate in the rule editor. Snapshot storage prices change; match them to your
          bill.
        </p>
        <div className="row wrap">
          {providerKinds.map((kind) => (
            <NumberField
              key={`${kind}${settings.pricePerGbMonth[kind]}`}
              label={`${providerInfo[kind].label} (${currencyOf(kind)} per GB-month)`}
              value={settings.pricePerGbMonth[kind]}
              min={0}
              max={100}
              step={0.001}
              error={fields[`pricePerGbMonth.${kind}`]}
              onSave={(n) => setPrice(kind, n)}
            />
          ))}
        </div>
      </fieldset>
    </>
  );
}

function DataFolders() {
  const info = useAppInfo();
  const openData = useMutation({ mutationFn: () => api.app.openDataFolder() });
  const openLogs = useMutation({ mutationFn: () => api.app.openLogsFolder() });
  const error = openData.error ?? openLogs.error;
  return (
    <>
      <section className="panel section" aria-labelledby="data-title">
        <h2 id="data-title">Data and logs</h2>
        {info.isError && <ErrorNotice error={info.error} what="read where volsnap keeps its data" />}
        <dl className="facts">
          <dt>Data folder</dt>
          <dd>
            <code className="path">{info.data?.dataDir ?? '…'}</code>
            <button type="button" className="button small" onClick={() => openData.mutate()}>
              Open data folder
            </button>
          </dd>
          <dt>Logs folder</dt>
          <dd>
            <code className="path">{info.data?.logsDir ?? '…'}</code>
            <button type="button" className="button small" onClick={() => openLogs.mutate()}>
              Open logs folder
            </button>
          </dd>
        </dl>
        {error && (
          <p className="field-error" role="alert">
            {errorMessage(error)}
          </p>
        )}
      </section>
      <section className="panel section" aria-labelledby="about-title">
        <h2 id="about-title">About</h2>
        <dl className="facts">
          <dt>Version</dt>
          <dd>volsnap {info.data?.version ?? '…'}</dd>
          <dt>Platform</dt>
          <dd>{info.data?.platform ?? '…'}</dd>
          <dt>Token storage</dt>
          <dd>
            {info.data
              ? `${info.data.secretStorage.backend} — ${
                  !info.data.secretStorage.available
                    ? 'not available'
                    : info.data.secretStorage.secure
                      ? 'secure'
                      : info.data.secretStorage.insecureAccepted
                        ? 'not secure (accepted)'
                        : 'not secure'
                }`
              : '…'}
          </dd>
        </dl>
      </section>
    </>
  );
}

export function SettingsPage() {
  const settings = useSettings();
  return (
    <Page title="Settings" description="Notifications, startup, appearance, and where volsnap keeps its data.">
      {settings.isPending && <Spinner label="Loading settings…" />}
      {settings.isError && (
        <ErrorNotice error={settings.error} what="load the settings" onRetry={() => void settings.refetch()} />
      )}
      {settings.data && <SettingsForm settings={settings.data} />}
      <DataFolders />
    </Page>
  );
}
