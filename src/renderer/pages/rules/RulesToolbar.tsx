import { useMutation } from '@tanstack/react-query';
import { api } from '../../api';
import { errorMessage } from '../../components/ErrorNotice';
import { Field } from '../../components/Field';
import { ImportRules } from './ImportRules';
import type { RuleRow } from './ruleColumns';

export interface RuleFilters {
  search: string;
  status: '' | 'active' | 'paused' | 'attention' | 'selector';
}

/** Saves the document as a file the user can keep or import elsewhere. */
function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  URL.revokeObjectURL(url);
}

/** Search and filter, bulk enable/pause of the chosen rules, export and import. */
export function RulesToolbar({
  filters,
  onFilters,
  shown,
  chosen,
  onChoose,
  total,
}: {
  filters: RuleFilters;
  onFilters: (f: RuleFilters) => void;
  shown: RuleRow[];
  chosen: ReadonlySet<number>;
  onChoose: (ids: ReadonlySet<number>) => void;
  total: number;
}) {
  const bulk = useMutation({
    mutationFn: (enabled: boolean) => api.rules.setEnabledMany({ ids: [...chosen], enabled }),
    onSuccess: () => onChoose(new Set()),
  });
  const exporter = useMutation({
    mutationFn: () => api.rules.export(),
    onSuccess: (doc) => download(`volsnap-rules-${doc.exportedAt.slice(0, 10)}.json`, JSON.stringify(doc, null, 2)),
  });
  const error = bulk.error ?? exporter.error;
  return (
    <div className="rules-toolbar">
      <RuleFiltersBar filters={filters} onFilters={onFilters} />
      <div className="button-row" role="group" aria-label="Rules in bulk">
        <span role="status" className="muted">
          Showing {shown.length.toLocaleString()} of {total.toLocaleString()}
          {chosen.size > 0 && ` · ${chosen.size.toLocaleString()} selected`}
        </span>
        <button type="button" className="button small" onClick={() => onChoose(new Set(shown.map((r) => r.id)))}>
          Select all {shown.length.toLocaleString()} shown
        </button>
        <button
          type="button"
          className="button small"
          disabled={!chosen.size || bulk.isPending}
          onClick={() => bulk.mutate(true)}
        >
          Enable selected
        </button>
        <button
          type="button"
          className="button small"
          disabled={!chosen.size || bulk.isPending}
          onClick={() => bulk.mutate(false)}
        >
          Pause selected
        </button>
        <button
          type="button"
          className="button small"
          disabled={exporter.isPending || total === 0}
          onClick={() => exporter.mutate()}
        >
          Export all rules
        </button>
        <ImportRules />
      </div>
      {error && (
        <p className="field-error" role="alert">
          {errorMessage(error)}
        </p>
      )}
    </div>
  );
}

function RuleFiltersBar({ filters, onFilters }: { filters: RuleFilters; onFilters: (f: RuleFilters) => void }) {
  return (
    <div className="filters">
      <Field label="Search rules">
        <input
          type="search"
          value={filters.search}
          onChange={(e) => onFilters({ ...filters, search: e.target.value })}
        />
      </Field>
      <Field label="Show">
        <select
          value={filters.status}
          onChange={(e) => onFilters({ ...filters, status: e.target.value as RuleFilters['status'] })}
        >
          <option value="">All rules</option>
          <option value="active">Active</option>
          <option value="paused">Paused</option>
          <option value="attention">Needing attention</option>
          <option value="selector">Selector rules</option>
        </select>
      </Field>
    </div>
  );
}
