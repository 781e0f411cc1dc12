/**
 * Schedules in plain words, for the rule editor, the rules list and previews.
 * Pure and dependency-free (Intl only), so the renderer imports it directly and
 * main uses the same words in `rules:previewSchedule` and activity messages.
 */
import type { Schedule } from './domain';
import { isClockAligned } from './interval-clock';
import { plural } from './plural';

const dayNames = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const monthNames = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "a", "a and b", "a, b and c". */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** ISO weekdays in words: "Every day", "Weekdays", "Mondays and Thursdays". */
export function weekdaysInWords(weekdays: number[]): string {
  const set = [...new Set(weekdays)].sort((a, b) => a - b);
  if (set.length === 7) return 'Every day';
  if (set.join() === '1,2,3,4,5') return 'Weekdays';
  if (set.join() === '6,7') return 'Weekends';
  return listInWords(set.map((d) => `${dayNames[d - 1]}s`));
}

/** "2024-01-31 03:00" in the zone; the raw text if the zone or date is unusable. */
export function formatInZone(iso: string, timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(iso));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}`;
  } catch {
    return iso;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function cronInWords(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  const num = (s: string) => (/^\d+$/.test(s) ? Number(s) : null);
  const list = (s: string) => (/^\d+(,\d+)*$/.test(s) ? s.split(',').map(Number) : null);

  let time: string | null = null;
  const m = num(minute);
  const hours = list(hour);
  if (m !== null && hours) time = `at ${listInWords(hours.map((h) => `${pad(h)}:${pad(m)}`))}`;
  else if (m !== null && hour === '*') time = m === 0 ? 'every hour' : `every hour at ${pad(m)} minutes past`;
  else if (/^\*\/\d+$/.test(minute) && hour === '*') time = `every ${plural(Number(minute.slice(2)), 'minute')}`;
  else if (m !== null && /^\*\/\d+$/.test(hour))
    time = `every ${plural(Number(hour.slice(2)), 'hour')} at ${pad(m)} minutes past`;
  if (!time) return null;

  let days: string | null = null;
  const weekdays = list(dow.replace(/\b7\b/g, '0'))?.map((d) => (d === 0 ? 7 : d));
  const range = /^(\d)-(\d)$/.exec(dow);
  if (dom === '*' && dow === '*') days = 'every day';
  else if (dom === '*' && weekdays) days = `on ${weekdaysInWords(weekdays).replace(/^Every day$/, 'every day')}`;
  else if (dom === '*' && range && range[1] === '1' && range[2] === '5') days = 'on weekdays';
  else if (dow === '*' && list(dom)) days = `on the ${listInWords(list(dom)!.map(ordinal))} of the month`;
  if (!days) return null;

  let months = '';
  if (month !== '*') {
    const ms = list(month);
    if (!ms || ms.some((x) => x < 1 || x > 12)) return null;
    months = ` in ${listInWords(ms.map((x) => monthNames[x - 1]!))}`;
  }
  const text = `${days}${months}, ${time}`;
  return text[0]!.toUpperCase() + text.slice(1);
}

/**
 * The schedule in words, e.g. "Every day at 03:00 (Europe/Berlin)",
 * "Every 6 hours from 2024-01-01 00:00 (Europe/Berlin)", "Every 4 hours from 02:00 (Asia/Tokyo)" (clock-aligned),
 * "Mondays and Thursdays at 02:00 (America/New_York)".
 */
export function describeSchedule(schedule: Schedule): string {
  const zone = ` (${schedule.timeZone})`;
  switch (schedule.kind) {
    case 'interval': {
      const unit = schedule.unit === 'hours' ? 'hour' : 'minute';
      const every = schedule.every === 1 ? `Every ${unit}` : `Every ${schedule.every} ${unit}s`;
      // Clock-aligned runs repeat each day from the start's time of day; others count from one instant.
      const from = formatInZone(schedule.anchor, schedule.timeZone);
      return `${every} from ${isClockAligned(schedule) ? from.slice(-5) : from}${zone}`;
    }
    case 'daily':
      return `${weekdaysInWords(schedule.weekdays)} at ${schedule.time}${zone}`;
    case 'monthly': {
      const shortMonths = schedule.day > 28 ? '; on the last day in shorter months' : '';
      return `Monthly on the ${ordinal(schedule.day)} at ${schedule.time}${zone}${shortMonths}`;
    }
    case 'cron': {
      const words = cronInWords(schedule.expression);
      return words ? `${words}${zone}` : `Cron schedule "${schedule.expression.trim()}"${zone}`;
    }
  }
}
