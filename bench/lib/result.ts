/** The shape every scenario returns; run.ts prints it as a table and writes it to JSON. */
import type { Summary } from './stats';

export interface Figure {
  /** What was measured, e.g. "timers fired in 60 s". */
  label: string;
  unit: string;
  volsnap: Summary;
  /** The same workload through the legacy model (bench/legacy-checker.ts), when it applies. */
  legacy?: Summary;
  /** The goal in words, e.g. "= 0" or "< 1000 ms". */
  goal?: string;
  /** Whether the median meets the goal. */
  met?: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  /** What ran, in one or two sentences (sizes, real or simulated time). */
  setup: string;
  figures: Figure[];
  notes: string[];
}

export const goalAtMost = (value: number, limit: number) => value <= limit;
