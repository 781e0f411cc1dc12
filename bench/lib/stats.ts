/** Summary statistics for repeated measurements: median with min and max, and percentiles. */
export interface Summary {
  median: number;
  min: number;
  max: number;
  runs: number;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function summarize(values: number[]): Summary {
  return { median: percentile(values, 50), min: Math.min(...values), max: Math.max(...values), runs: values.length };
}

/** Runs `measure` `runs` times and summarises each named figure it returns. */
export async function repeat<K extends string>(
  runs: number,
  measure: (run: number) => Promise<Record<K, number>>,
): Promise<Record<K, Summary>> {
  const samples = new Map<K, number[]>();
  for (let run = 0; run < runs; run++) {
    const figures = await measure(run);
    for (const [key, value] of Object.entries(figures) as [K, number][]) {
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key)!.push(value);
    }
  }
  return Object.fromEntries([...samples].map(([key, values]) => [key, summarize(values)])) as Record<K, Summary>;
}

export const fmt = (s: Summary, digits = 1): string =>
  `${s.median.toFixed(digits)} (${s.min.toFixed(digits)}–${s.max.toFixed(digits)})`;
