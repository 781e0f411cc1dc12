/** Plain-text tables for people and stable JSON for scripts. */
import type { CliIo } from './io';

/** Prints `value` as JSON, one document per invocation, ending in a newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints rows as aligned columns under a header; `empty` when there are none. */
export function printTable(io: CliIo, header: string[], rows: string[][], empty: string): void {
  if (!rows.length) {
    io.stdout(`${empty}\n`);
    return;
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  io.stdout(`${[line(header), ...rows.map(line)].join('\n')}\n`);
}

/** A timestamp in a table: minutes precision, UTC, or a dash. */
export function shortTime(iso: string | null | undefined): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')}Z` : '-';
}
