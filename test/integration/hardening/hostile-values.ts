/**
 * fast-check arbitraries for what a hostile or broken renderer could send over
 * IPC: wrong types, huge strings, deep nesting, prototype keys, odd numbers,
 * control and text-direction characters, exotic objects.
 */
import fc from 'fast-check';

export const tenMegabytes = 'x'.repeat(10 * 1024 * 1024);

/** Characters that tend to break parsers, logs and displays. */
const oddCharacters = [
  '\u0000',
  '\u0007',
  '\b',
  '\n',
  '\r',
  '\t',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u200B',
  '\u200C',
  '\u200D',
  '\u200E',
  '\u200F',
  '\u2028',
  '\u2029',
  '\u2060',
  '\uFEFF',
  '\u202A',
  '\u202B',
  '\u202C',
  '\u202D',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u00AD',
  '\u3164',
  '\u2800',
  '\uD800',
  '\uDFFF',
  '\u0301',
  'a',
  ' ',
  '{',
  '}',
  '"',
  '\\',
  '%',
];

export const oddString = fc.string({ unit: fc.constantFrom(...oddCharacters), maxLength: 40 });

const specialStrings = fc.constantFrom(
  tenMegabytes,
  'y'.repeat(70_000),
  '',
  '   ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '../../../etc/passwd',
  'C:\\Windows\\System32',
  '2026-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  '2026-02-30T25:61:00Z',
  'NaN',
  '1e999',
  '{date}{volume}{rule}{nope}',
  '{{{{{{{{',
  'Etc/GMT+99',
  '* * * * * * *',
  '*/0 * * * *',
);

const specialNumbers = fc.constantFrom(
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  0,
  -1,
  0.5,
  1e21,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 53,
  2 ** 53 + 2,
  Number.MAX_SAFE_INTEGER,
  2 ** 31,
  10_000_001,
);

/** Nested `depth` levels deep, as arrays or objects. */
export function nested(depth: number, asObject: boolean): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i += 1) value = asObject ? { a: value } : [value];
  return value;
}

/** Objects whose keys aim at prototypes, or that have none. */
const prototypeTricks = fc.constantFrom<() => unknown>(
  () => JSON.parse('{"__proto__": {"polluted": "yes"}, "id": 424242}'),
  () => JSON.parse('{"constructor": {"prototype": {"polluted": "yes"}}}'),
  () => ({ constructor: { prototype: { polluted: 'yes' } }, name: 'x' }),
  () => Object.assign(Object.create(null) as object, { id: 424242, name: 'null prototype' }),
  () => JSON.parse('{"toString": 1, "valueOf": 2, "hasOwnProperty": 3}'),
);

const exotic = fc.constantFrom<() => unknown>(
  () => new Map([['id', 424242]]),
  () => new Set([1, 2]),
  () => new Uint8Array([1, 2, 3]),
  () => new Date(Number.NaN),
  () => new Date(8.64e15),
  () => 10n ** 30n,
  () => Symbol('ipc'),
  () => () => 'a function',
  () => Object.assign([1, 2, 3], { extra: 'sparse' }),
  () => new Array(100_000),
  () => nested(10_000, false),
  () => nested(5_000, true),
  () => nested(60, true),
);

/** Valid ISO times, biased by fast-check toward the ends of what four-digit years can name. */
export const extremeTimes = fc
  .date({ min: new Date(Date.UTC(0, 0, 1)), max: new Date(Date.UTC(9999, 11, 31, 23, 59, 59)), noInvalidDate: true })
  .map((date) => date.toISOString());

/** Any single hostile value. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: extremeTimes },
  { weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double()) },
  { weight: 3, arbitrary: specialStrings },
  { weight: 3, arbitrary: oddString },
  { weight: 3, arbitrary: specialNumbers },
  { weight: 1, arbitrary: fc.constantFrom(null, undefined, true, false) },
  { weight: 2, arbitrary: prototypeTricks.map((make) => make()) },
  { weight: 2, arbitrary: exotic.map((make) => make()) },
  {
    weight: 2,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
);

/** One change to an otherwise valid input: replace or drop a field, or add a key it should not have. */
export const mutation = fc.record({
  at: fc.nat(),
  key: fc.nat(),
  kind: fc.constantFrom('replace', 'replace', 'replace', 'undefined', 'delete', 'extraKey', 'protoKey'),
  value: hostileValue,
});
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function containers(value: unknown, found: Array<Record<string, unknown>> = []) {
  if (value && typeof value === 'object') {
    found.push(value as Record<string, unknown>);
    for (const child of Object.values(value)) containers(child, found);
  }
  return found;
}

/** `valid` (a JSON-like value) with one mutation applied; a fresh copy every time. */
export function mutate(valid: unknown, { at, key: keyIndex, kind, value }: Mutation): unknown {
  if (valid === undefined || valid === null || typeof valid !== 'object') return value;
  const copy = structuredClone(valid) as Record<string, unknown>;
  const all = containers(copy);
  const target = all[at % all.length]!;
  const keys = Object.keys(target);
  const key = keys.length ? keys[keyIndex % keys.length]! : 'id';
  if (kind === 'replace') target[key] = value;
  else if (kind === 'undefined') target[key] = undefined;
  else if (kind === 'delete') delete target[key];
  else if (kind === 'extraKey') target['unexpected'] = value;
  else Object.defineProperty(target, '__proto__', { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

const zones = fc.constantFrom(
  'UTC',
  'Europe/Berlin',
  'Pacific/Kiritimati',
  'America/St_Johns',
  'Etc/GMT+12',
  'Mars/Olympus',
  '',
);
const hhmm = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
  fc.constantFrom('24:00', '9:00', '00:60', ''),
);

/** Schedules that pass or nearly pass the contract: the values a rule editor could send, at their limits. */
export const edgeSchedule = fc.oneof(
  fc.record({
    kind: fc.constant('interval'),
    every: fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 1, max: 10_000 }) },
      { weight: 1, arbitrary: fc.constantFrom(0, -1, 10_001, 0.5) },
    ),
    unit: fc.constantFrom('minutes', 'hours', 'hours', 'minutes', 'days'),
    anchor: fc.oneof(
      extremeTimes,
      fc.constantFrom(
        '9999-12-31T23:59:59Z',
        '9999-12-31T00:00:00Z',
        '9999-06-01T00:00:00+14:00',
        '9990-01-01T00:00:00Z',
        '0000-01-01T00:00:00Z',
        '0001-01-01T00:00:00-12:00',
      ),
    ),
    timeZone: zones,
  }),
  fc.record({
    kind: fc.constant('daily'),
    time: hhmm,
    weekdays: fc.array(fc.integer({ min: 0, max: 8 }), { maxLength: 8 }),
    timeZone: zones,
  }),
  fc.record({ kind: fc.constant('monthly'), day: fc.integer({ min: 0, max: 32 }), time: hhmm, timeZone: zones }),
  fc.record({
    kind: fc.constant('cron'),
    expression: fc.oneof(
      fc.constantFrom(
        '0 3 * * *',
        '0 0 30 2 *',
        '0 0 31 4 *',
        '*/0 * * * *',
        '0 0 29 2 1',
        '61 25 32 13 8',
        '@daily',
        '0 0 L * *',
      ),
      fc
        .array(fc.constantFrom('*', '0', '1-5', '*/15', '30', '2', 'MON', 'JAN', ','), { minLength: 5, maxLength: 5 })
        .map((parts) => parts.join(' ')),
    ),
    timeZone: zones,
  }),
);
