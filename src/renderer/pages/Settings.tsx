import { useMutation } from '@tanstack/react-query';
import { api } from '../api';
import type { Settings } from '../../shared/domain';
import { Page } from '../components/Page';
import { ErrorNotice, errorMessage, fieldErrors } from '../components/ErrorNotice';
import { Spinner } from '../components/Status';
import { useAppInfo, useSettings } from '../lib/data';
import {
  ConcurrencyGroup,
  NotificationsGroup,
  StartupGroup,
  StoragePricesGroup,
  ThemeGroup,
} from './settings/SettingsGroups';
import { useSettingsSaver } from './settings/useSettingsSaver';

function SettingsForm({ settings: saved }: { settings: Settings }) {
  const { settings, save, update } = useSettingsSaver(saved);
  const fields = fieldErrors(update.error);
  return (
    <>
      <div className="save-state" aria-live="polite">
        {update.isPending && <Spinner label="Saving…" />}
        {update.isSuccess && <span className="muted">Saved.</span>}
      </div>
      {update.isError && <ErrorNotice error={update.error} what="save the settings" />}
      <NotificationsGroup settings={settings} save={save} />
      <StartupGroup settings={settings} save={save} />
      <ThemeGroup settings={settings} save={save} />
      <ConcurrencyGroup settings={settings} save={save} fields={fields} />
      <StoragePricesGroup settings={settings} save={save} fields={fields} />
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
