/**
 * Short, local wording for a moment near `now`, as the tray and notifications
 * show it: "03:00", "tomorrow 03:00", "Mon 03:00", "12 Mar 03:00".
 */
export interface WhenOptions {
  /** IANA zone; the system zone when absent. Tests pin it. */
  timeZone?: string;
  locale?: string;
}

function parts(date: Date, options: WhenOptions) {
  const format = new Intl.DateTimeFormat(options.locale ?? 'en-GB', {
    timeZone: options.timeZone,
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const map = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return {
    day: `${map.year}-${map.month}-${map.day}`,
    time: `${map.hour}:${map.minute}`,
    weekday: map.weekday,
    short: `${Number(map.day)} ${map.month}`,
  };
}

export function describeWhen(at: Date, now: Date, options: WhenOptions = {}): string {
  const target = parts(at, options);
  if (target.day === parts(now, options).day) return target.time;
  if (target.day === parts(new Date(now.getTime() + 86_400_000), options).day) return `tomorrow ${target.time}`;
  const ahead = at.getTime() - now.getTime();
  if (ahead > 0 && ahead < 6 * 86_400_000) return `${target.weekday} ${target.time}`;
  return `${target.short} ${target.time}`;
}
