/**
 * A strict parser for standard 5-field cron expressions
 * (minute hour day-of-month month day-of-week) that explains what is wrong in
 * words. Supports `*`, numbers, ranges `a-b`, steps `* /n` and `a-b/n`, lists,
 * and month/weekday names. Day-of-month and day-of-week combine like Vixie
 * cron: when both are restricted, a day matching either runs.
 */
import { AppError } from '../../shared/errors';
import { plural } from '../../shared/plural';

export interface CronFields {
  minutes: number[];
  hours: number[];
  daysOfMonth: number[];
  months: number[];
  /** ISO weekdays 1 (Monday) ... 7 (Sunday). */
  weekdays: number[];
  /** The field was `*` (or equivalent): used for Vixie day matching and DST handling. */
  anyDayOfMonth: boolean;
  anyWeekday: boolean;
  anyHour: boolean;
}

const monthNames = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const dayNames = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  namesStart?: number;
}

const specs: FieldSpec[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: monthNames, namesStart: 1 },
  // 7 is also Sunday, as in most crons.
  { label: 'day of week', min: 0, max: 7, names: dayNames, namesStart: 0 },
];

export class CronSyntaxError extends AppError {
  constructor(expression: string, problem: string) {
    super('invalid_input', `The cron expression "${expression}" is not valid: ${problem}`, {
      fields: [{ path: 'schedule.expression', message: problem }],
    });
  }
}

function parseValue(token: string, spec: FieldSpec, fail: (p: string) => never): number {
  const upper = token.toUpperCase();
  if (spec.names) {
    const index = spec.names.indexOf(upper);
    if (index >= 0) return index + (spec.namesStart ?? 0);
  }
  if (!/^\d+$/.test(token))
    fail(`"${token}" in the ${spec.label} field is not a number${spec.names ? ' or a name' : ''}.`);
  const value = Number(token);
  if (value < spec.min || value > spec.max) fail(`${spec.label} ${value} is out of range (${spec.min}-${spec.max}).`);
  return value;
}

function parseField(field: string, spec: FieldSpec, fail: (p: string) => never): { values: Set<number>; any: boolean } {
  const values = new Set<number>();
  let any = false;
  for (const part of field.split(',')) {
    if (part === '') fail(`the ${spec.label} field has an empty list item.`);
    const [range, stepText, extra] = part.split('/');
    if (extra !== undefined) fail(`"${part}" in the ${spec.label} field has more than one "/".`);
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1)
        fail(`the step "/${stepText}" in the ${spec.label} field must be a whole number of at least 1.`);
      step = Number(stepText);
    }
    let from: number;
    let to: number;
    if (range === '*' || range === '?') {
      from = spec.min;
      to = spec.max;
      if (step === 1) any = true;
    } else if (range!.includes('-')) {
      const [a, b, more] = range!.split('-');
      if (more !== undefined || !a || !b) fail(`"${range}" in the ${spec.label} field is not a range like 1-5.`);
      from = parseValue(a!, spec, fail);
      to = parseValue(b!, spec, fail);
      if (from > to) fail(`the range ${range} in the ${spec.label} field runs backwards.`);
    } else {
      from = parseValue(range!, spec, fail);
      to = stepText === undefined ? from : spec.max;
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any };
}

/** Parses and validates; throws CronSyntaxError (an invalid_input AppError) saying what is wrong. */
export function parseCron(expression: string): CronFields {
  const fail = (problem: string): never => {
    throw new CronSyntaxError(expression, problem);
  };
  const fields = expression.trim().split(/\s+/);
  if (fields.length === 1 && fields[0]!.startsWith('@'))
    fail('shortcuts like @daily are not supported; use five fields, e.g. "0 3 * * *".');
  if (fields.length !== 5) {
    fail(
      `it has ${plural(fields.length, 'field')}; volsnap needs exactly five: minute hour day-of-month month day-of-week (e.g. "0 3 * * 1-5").`,
    );
  }
  const parsed = fields.map((f, i) => parseField(f, specs[i]!, fail));
  const [minute, hour, dom, month, dow] = parsed as [
    (typeof parsed)[0],
    (typeof parsed)[0],
    (typeof parsed)[0],
    (typeof parsed)[0],
    (typeof parsed)[0],
  ];
  const weekdays = new Set([...dow.values].map((d) => (d === 0 ? 7 : d)));
  const sorted = (s: Set<number>) => [...s].sort((a, b) => a - b);
  const result: CronFields = {
    minutes: sorted(minute.values),
    hours: sorted(hour.values),
    daysOfMonth: sorted(dom.values),
    months: sorted(month.values),
    weekdays: sorted(weekdays),
    anyDayOfMonth: dom.any,
    anyWeekday: dow.any || weekdays.size === 7,
    anyHour: hour.any || hour.values.size === 24,
  };
  // A day-of-month that no chosen month has would never run.
  if (result.anyWeekday && !result.anyDayOfMonth) {
    const longest = Math.max(...result.months.map((m) => [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!));
    if (result.daysOfMonth.every((d) => d > longest)) fail('no chosen month has that day, so it would never run.');
  }
  return result;
}

/** Does a local calendar day match the day fields? Vixie semantics: both restricted = either matches. */
export function cronDayMatches(f: CronFields, day: { month: number; day: number; weekday: number }): boolean {
  if (!f.months.includes(day.month)) return false;
  const domOk = f.daysOfMonth.includes(day.day);
  const dowOk = f.weekdays.includes(day.weekday);
  if (f.anyDayOfMonth && f.anyWeekday) return true;
  if (f.anyDayOfMonth) return dowOk;
  if (f.anyWeekday) return domOk;
  return domOk || dowOk;
}
