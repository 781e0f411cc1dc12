import { useMemo, useState } from 'react';
import type { TargetWithHealth } from '../../../shared/contract';
import { providerKinds, type Account, type TargetSelector } from '../../../shared/domain';
import { providerInfo } from '../../../shared/providers';
import { Field } from '../../components/Field';
import type { DraftPartProps } from './draft-part';
import type { TargetMode } from './draft';

const shownAtOnce = 100;
const listOf = (text: string) =>
  text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** One volume, a fixed set, or a selector: the three ways a rule chooses its targets. */
export function TargetModeChooser({ draft, update, locked }: DraftPartProps & { locked: boolean }) {
  const modes: [TargetMode, string][] = [
    ['single', 'One volume or server'],
    ['set', 'A set of volumes'],
    ['selector', 'Every volume matching a selector'],
  ];
  return (
    <fieldset className="target-mode" disabled={locked && draft.targetMode === 'single'}>
      <legend>What this rule protects</legend>
      {modes.map(([mode, label]) => (
        <label key={mode} className="check">
          <input
            type="radio"
            name="target-mode"
            checked={draft.targetMode === mode}
            onChange={() => update({ targetMode: mode })}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** A searchable checklist of snapshot-able targets with "select all matching the search". */
export function TargetSetPicker({ draft, update, issue, targets }: DraftPartProps & { targets: TargetWithHealth[] }) {
  const [search, setSearch] = useState('');
  const chosen = useMemo(() => new Set(draft.targetIds), [draft.targetIds]);
  const matching = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return targets.filter(
      (t) =>
        t.snapshotable &&
        !t.goneSince &&
        (!needle || `${t.name} ${t.accountName} ${t.region} ${t.tags.join(' ')}`.toLowerCase().includes(needle)),
    );
  }, [targets, search]);
  const set = (ids: Iterable<number>) => update({ targetIds: [...new Set(ids)] });
  return (
    <div className="target-set">
      <Field label="Search volumes" error={issue('selection')}>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </Field>
      <div className="button-row">
        <button type="button" className="button small" onClick={() => set([...chosen, ...matching.map((t) => t.id)])}>
          Select all {matching.length.toLocaleString()} matching
        </button>
        <button type="button" className="button small" onClick={() => set([])} disabled={chosen.size === 0}>
          Clear
        </button>
        <span role="status">{chosen.size.toLocaleString()} chosen</span>
      </div>
      <ul className="target-checklist" aria-label="Volumes to protect">
        {matching.slice(0, shownAtOnce).map((t) => (
          <li key={t.id}>
            <label className="check">
              <input
                type="checkbox"
                checked={chosen.has(t.id)}
                onChange={(e) => set(e.target.checked ? [...chosen, t.id] : [...chosen].filter((id) => id !== t.id))}
              />
              {t.name} — {t.accountName}, {t.region}
            </label>
          </li>
        ))}
      </ul>
      {matching.length > shownAtOnce && (
        <p className="muted small">
          Showing {shownAtOnce} of {matching.length.toLocaleString()}; narrow the search to see the others.
        </p>
      )}
    </div>
  );
}

function Choices<T extends string | number>({
  legend,
  options,
  value,
  onChange,
}: {
  legend: string;
  options: [T, string][];
  value: T[];
  onChange: (next: T[]) => void;
}) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={String(option)} className="check">
          <input
            type="checkbox"
            checked={value.includes(option)}
            onChange={(e) => onChange(e.target.checked ? [...value, option] : value.filter((v) => v !== option))}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** The selector's conditions; an empty condition does not restrict. */
export function SelectorFields({ draft, update, accounts }: DraftPartProps & { accounts: Account[] }) {
  const selector = draft.selector;
  const set = (patch: Partial<TargetSelector>) => update({ selector: { ...selector, ...patch } });
  return (
    <div className="selector-fields">
      <p className="muted small">Leave a condition empty to not restrict by it. New matching volumes join at once.</p>
      <Choices
        legend="Accounts"
        options={accounts.map((a) => [a.id, a.name])}
        value={selector.accountIds}
        onChange={(accountIds) => set({ accountIds })}
      />
      <Choices
        legend="Providers"
        options={providerKinds.map((p) => [p, providerInfo[p].label])}
        value={selector.providers}
        onChange={(providers) => set({ providers })}
      />
      <Choices
        legend="Kinds"
        options={[
          ['volume', 'Volumes'],
          ['server', 'Servers'],
        ]}
        value={selector.kinds}
        onChange={(kinds) => set({ kinds })}
      />
      <ListField label="Regions (comma-separated)" value={selector.regions} onChange={(regions) => set({ regions })} />
      <ListField
        label="Has every tag (comma-separated)"
        value={selector.tagsInclude}
        onChange={(tagsInclude) => set({ tagsInclude })}
      />
      <ListField
        label="Has none of the tags (comma-separated)"
        value={selector.tagsExclude}
        onChange={(tagsExclude) => set({ tagsExclude })}
      />
      <Field label="Name pattern (* and ? wildcards)">
        <input
          type="text"
          value={selector.namePattern}
          maxLength={200}
          onChange={(e) => set({ namePattern: e.target.value })}
        />
      </Field>
    </div>
  );
}

/** A comma-separated list, kept as typed while editing so a trailing comma does not vanish. */
function ListField({ label, value, onChange }: { label: string; value: string[]; onChange: (next: string[]) => void }) {
  const [text, setText] = useState(value.join(', '));
  return (
    <Field label={label}>
      <input
        type="text"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          onChange(listOf(e.target.value));
        }}
      />
    </Field>
  );
}
