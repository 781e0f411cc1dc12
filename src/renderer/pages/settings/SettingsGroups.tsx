/** One component per settings group; each shows the settings as they will be and saves a change at once. */
import { providerKinds, type Settings } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { NumberField } from '../../components/NumberField';
import { currencyOf } from '../../lib/format';
import { TestNotificationButton } from './TestNotification';

interface GroupProps {
  settings: Settings;
  save: (patch: Partial<Settings>) => void;
}

/** Problems main found with the last save, keyed by contract path (e.g. `concurrency.global`). */
type FieldIssues = Record<string, string | undefined>;

const notificationChoices = [
  ['all', 'Every snapshot and every problem'],
  ['failures', 'Only failures and volumes that become unprotected (recommended)'],
  ['off', 'None (the tray icon still shows problems)'],
] as const;

export function NotificationsGroup({ settings, save }: GroupProps) {
  return (
    <fieldset className="panel section">
      <legend>Notifications</legend>
      {notificationChoices.map(([value, label]) => (
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
      <TestNotificationButton />
    </fieldset>
  );
}

export function StartupGroup({ settings, save }: GroupProps) {
  return (
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
  );
}

const themeChoices = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
] as const;

export function ThemeGroup({ settings, save }: GroupProps) {
  return (
    <fieldset className="panel section">
      <legend>Theme</legend>
      {themeChoices.map(([value, label]) => (
        <label key={value} className="check">
          <input type="radio" name="theme" checked={settings.theme === value} onChange={() => save({ theme: value })} />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Each NumberField is keyed by its saved value, so a change saved elsewhere resets what is shown. */
export function ConcurrencyGroup({ settings, save, fields }: GroupProps & { fields: FieldIssues }) {
  return (
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
  );
}

export function StoragePricesGroup({ settings, save, fields }: GroupProps & { fields: FieldIssues }) {
  return (
    <fieldset className="panel section">
      <legend>Storage prices</legend>
      <p className="hint">
        Used for the monthly cost estimate in the rule editor. Snapshot storage prices change; match them to your bill.
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
            onSave={(n) => save({ pricePerGbMonth: { ...settings.pricePerGbMonth, [kind]: n } })}
          />
        ))}
      </div>
    </fieldset>
  );
}
