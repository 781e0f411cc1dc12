import type { ReactNode } from 'react';
import type { Health } from '../../shared/domain';

export const healthLabel: Record<Health, string> = {
  protected: 'Protected',
  late: 'Late',
  failing: 'Failing',
  paused: 'Paused',
  unprotected: 'Unprotected',
};

export const healthExplanation: Record<Health, string> = {
  protected: 'A rule is active and its last snapshot succeeded on time.',
  late: 'A scheduled snapshot is overdue.',
  failing: 'The last snapshot attempt failed.',
  paused: 'Its rules are paused.',
  unprotected: 'No rule snapshots it.',
};

export const healthOrder: Health[] = ['failing', 'late', 'unprotected', 'paused', 'protected'];

/** A coloured label; the text carries the meaning, colour only supports it. */
export function Badge({ tone, children }: { tone: string; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

export function HealthBadge({ health }: { health: Health }) {
  return (
    <Badge tone={health}>
      <span title={healthExplanation[health]}>{healthLabel[health]}</span>
    </Badge>
  );
}

export function Spinner({ label }: { label: string }) {
  return (
    <span className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </span>
  );
}
