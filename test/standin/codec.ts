/**
 * IPC values between the page and main. Electron structured-clones every IPC
 * argument and result (a function or DOM node throws "could not be cloned", a
 * class instance arrives as a plain object). The stand-in does the same clone
 * (structuredClone, in the page for page->main and in Node for main->page) and
 * then carries the clone over the DevTools protocol as tagged JSON, which keeps
 * undefined, Date, Map, Set, BigInt, NaN/Infinity. Typed arrays and ArrayBuffers
 * are not carried (volsnap's contract has none); Electron carries them.
 * The page half of this codec is page/preload-host.js; both must agree.
 */
export type Tagged =
  | { u: 1 }
  | { p: string | number | boolean | null }
  | { n: 'NaN' | 'Infinity' | '-Infinity' }
  | { b: string }
  | { d: string }
  | { a: Tagged[] }
  | { o: Record<string, Tagged> }
  | { m: Array<[Tagged, Tagged]> }
  | { s: Tagged[] };

export function encode(value: unknown): Tagged {
  if (value === undefined) return { u: 1 };
  if (typeof value === 'number' && !Number.isFinite(value)) return { n: String(value) as 'NaN' };
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
    return { p: value as string | number | boolean | null };
  if (typeof value === 'bigint') return { b: value.toString() };
  if (value instanceof Date) return { d: value.toISOString() };
  if (Array.isArray(value)) return { a: value.map(encode) };
  if (value instanceof Map) return { m: [...value].map(([k, v]) => [encode(k), encode(v)] as [Tagged, Tagged]) };
  if (value instanceof Set) return { s: [...value].map(encode) };
  if (typeof value === 'object')
    return { o: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)])) };
  throw new Error(`The stand-in cannot carry a ${typeof value} over IPC`);
}

export function decode(tagged: Tagged): unknown {
  if ('u' in tagged) return undefined;
  if ('p' in tagged) return tagged.p;
  if ('n' in tagged) return Number(tagged.n);
  if ('b' in tagged) return BigInt(tagged.b);
  if ('d' in tagged) return new Date(tagged.d);
  if ('a' in tagged) return tagged.a.map(decode);
  if ('m' in tagged) return new Map(tagged.m.map(([k, v]) => [decode(k), decode(v)]));
  if ('s' in tagged) return new Set(tagged.s.map(decode));
  return Object.fromEntries(Object.entries(tagged.o).map(([k, v]) => [k, decode(v)]));
}

/** Main -> page: the clone Electron makes, then the wire form. Throws as Electron does for a function. */
export function cloneForIpc(values: unknown[]): Tagged {
  return encode(structuredClone(values));
}
