import type { ProviderKind } from '../../shared/domain';

/** Display formatting: local time for people, UTC alongside where it matters. */

const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const localWithZone = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  dateStyle: undefined,
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const utc = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});
const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

export const formatTime = (iso: string | null | undefined, fallback = '—'): string =>
  iso ? local.format(new Date(iso)) : fallback;
export const formatLocalLong = (iso: string): string => localWithZone.format(new Date(iso));
export const formatUtc = (iso: string): string => utc.format(new Date(iso));

/** "in 3 hours", "5 minutes ago". */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const seconds = (new Date(iso).getTime() - now) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return relative.format(Math.round(seconds), 'second');
  if (abs < 3600) return relative.format(Math.round(seconds / 60), 'minute');
  if (abs < 86400 * 2) return relative.format(Math.round(seconds / 3600), 'hour');
  return relative.format(Math.round(seconds / 86400), 'day');
}

export function formatDuration(fromIso: string, toIso: string | null): string {
  if (!toIso) return '—';
  const seconds = Math.max(0, Math.round((new Date(toIso).getTime() - new Date(fromIso).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export const formatGb = (gb: number | null | undefined): string =>
  gb === null || gb === undefined ? '—' : `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;

/** Scaleway and Hetzner bill in euros, DigitalOcean in dollars. */
export const currencyOf = (provider: ProviderKind): 'USD' | 'EUR' =>
  provider === 'scaleway' || provider === 'hetzner' ? 'EUR' : 'USD';

export const formatMoney = (amount: number, provider: ProviderKind): string =>
  new Intl.NumberFormat(undefined, {
    style: 'currency',
    currency: currencyOf(provider),
    maximumFractionDigits: amount < 10 ? 3 : 2,
  }).format(amount);

/** "1 snapshot", "2 snapshots": the one helper for counts in words, shared with main's messages. */
export { formatCount, plural, pluralWord } from '../../shared/plural';
