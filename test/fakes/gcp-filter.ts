/**
 * The part of Compute Engine's list `filter` syntax the emulator understands,
 * as the discovery document describes it: `field = value` or `field != value`,
 * several such expressions each in parentheses (ANDed), values quoted or not,
 * nested fields with dots (`labels.managed_by`). Anything else is refused
 * (400), so a client sending a filter Google would read differently fails here.
 */
export interface FilterTerm {
  path: string[];
  negate: boolean;
  value: string;
}

const TERM = /^\s*([a-zA-Z][\w.-]*)\s*(=|!=)\s*(?:"([^"]*)"|'([^']*)'|([^\s()"']+))\s*$/;

/** The terms of a filter, [] for none, null when the syntax is not understood. */
export function parseFilter(filter: string): FilterTerm[] | null {
  const text = filter.trim();
  if (!text) return [];
  const groups = text.startsWith('(') ? [...text.matchAll(/\(([^()]*)\)\s*/g)] : null;
  if (
    groups &&
    groups
      .map((g) => g[0])
      .join('')
      .trim() !== text
  )
    return null;
  const exprs = groups ? groups.map((g) => g[1]!) : [text];
  const terms: FilterTerm[] = [];
  for (const expr of exprs) {
    const m = TERM.exec(expr);
    if (!m) return null;
    terms.push({ path: m[1]!.split('.'), negate: m[2] === '!=', value: m[3] ?? m[4] ?? m[5] ?? '' });
  }
  return terms;
}

/** True when every term holds for the resource's JSON. */
export function matchesFilter(json: Record<string, unknown>, terms: FilterTerm[]): boolean {
  return terms.every((t) => {
    let v: unknown = json;
    for (const key of t.path) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
    const equal = v !== undefined && String(v) === t.value;
    return t.negate ? !equal : equal;
  });
}
