/**
 * What the tray shows, derived from the core's Overview and rules. Pure, so
 * every state is tested without Electron; the tray adapter only renders it.
 */
import type { Overview } from '../../../shared/contract';
import type { Rule } from '../../../shared/domain';
import type { AccountHealth } from '../../../shared/account-health';
import { readCause } from '../../domain/account-cause';
import { describeWhen, type WhenOptions } from './when';
import { isPausedUntilResumed } from '../../../shared/pause';
import { plural } from '../../../shared/plural';

export type TrayIconState = 'protected' | 'running' | 'attention' | 'paused';

export interface AttentionItem {
  label: string;
  /** Hash route the window opens when the item is clicked. */
  path: string;
}

export interface TrayState {
  icon: TrayIconState;
  /** First menu line, e.g. "12 volumes protected - next snapshot 03:00". */
  summary: string;
  /** One line for the tray tooltip. */
  tooltip: string;
  attention: AttentionItem[];
  /** Local wording of the pause end, or null when not paused. */
  pausedUntil: string | null;
  running: number;
  startAtLogin: boolean;
  /** False until the core answered once (or when it failed to). */
  loaded: boolean;
}

export interface TrayInput {
  overview: Overview;
  rules: Rule[];
  /** The account read model (accounts:health): one item per account problem instead of one per rule. */
  accounts?: AccountHealth[];
  startAtLogin: boolean;
  now: Date;
  when?: WhenOptions;
}

const maxAttentionItems = 8;

function shorten(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function noun(overview: Overview, count: number): string {
  const kinds = new Set(overview.targets.map((t) => t.kind));
  if (kinds.size === 1 && kinds.has('server')) return plural(count, 'server', 'servers');
  if (kinds.size > 1) return plural(count, 'volume or server', 'volumes and servers');
  return plural(count, 'volume', 'volumes');
}

function attentionItems(overview: Overview, rules: Rule[], accounts: AccountHealth[]): AttentionItem[] {
  const items: AttentionItem[] = [];
  // Snapshots not running at all outranks any one rule's trouble.
  const stopped = overview.engineProblem;
  if (stopped)
    items.push({
      label: stopped.kind === 'not_started' ? 'Snapshots are not running' : 'Snapshots are on hold',
      path: '/',
    });
  // An account's root cause once ("Prod: token rejected"), not once per rule it stops.
  const troubled = new Set<number>();
  for (const account of accounts) {
    if (account.cause === 'fine') continue;
    troubled.add(account.accountId);
    items.push({ label: shorten(`${account.accountName}: ${account.label.toLowerCase()}`), path: '/accounts' });
  }
  const accountOf = new Map(overview.targets.map((t) => [t.id, t.accountId]));
  const covered = new Set<number>();
  for (const rule of rules) {
    if (!rule.attention) continue;
    const account = rule.targetId !== null ? accountOf.get(rule.targetId) : undefined;
    if (readCause(rule.attention) && account !== undefined && troubled.has(account)) {
      if (rule.targetId !== null) covered.add(rule.targetId);
      continue;
    }
    items.push({ label: shorten(`${rule.name}: ${rule.attention}`), path: `/rules/${rule.id}` });
    if (rule.targetId !== null) covered.add(rule.targetId);
  }
  for (const target of overview.targets) {
    if (covered.has(target.id) || (target.health !== 'failing' && target.health !== 'late')) continue;
    const what = target.health === 'failing' ? 'last snapshot failed' : 'snapshot is overdue';
    items.push({ label: shorten(`${target.name}: ${what}`), path: `/activity?target=${target.id}` });
  }
  return items.slice(0, maxAttentionItems);
}

export function trayStateFrom({ overview, rules, accounts = [], startAtLogin, now, when }: TrayInput): TrayState {
  const attention = attentionItems(overview, rules, accounts);
  const total = overview.targets.length;
  const protectedCount = overview.counts.protected ?? 0;
  const pausedUntil =
    overview.pausedUntil && new Date(overview.pausedUntil) > now
      ? isPausedUntilResumed(overview.pausedUntil)
        ? 'resumed'
        : describeWhen(new Date(overview.pausedUntil), now, when)
      : null;
  const next = overview.nextRuns[0];

  let summary: string;
  if (total === 0) summary = 'No volumes yet - open volsnap to add a cloud account';
  else {
    summary =
      protectedCount === total
        ? `${noun(overview, total)} protected`
        : `${protectedCount} of ${noun(overview, total)} protected`;
    if (pausedUntil) summary += ` - paused until ${pausedUntil}`;
    else if (next) summary += ` - next snapshot ${describeWhen(new Date(next.at), now, when)}`;
  }

  // Attention outranks everything: a failure must not hide behind "running" or "paused".
  const icon: TrayIconState =
    attention.length > 0 ? 'attention' : pausedUntil ? 'paused' : overview.running > 0 ? 'running' : 'protected';
  const status =
    icon === 'attention'
      ? `${plural(attention.length, 'problem needs', 'problems need')} attention`
      : icon === 'running'
        ? `taking ${plural(overview.running, 'snapshot', 'snapshots')}`
        : summary;
  return {
    icon,
    summary,
    tooltip: `volsnap: ${status}`,
    attention,
    pausedUntil,
    running: overview.running,
    startAtLogin,
    loaded: true,
  };
}

/** Shown before the core answers, or when it cannot. */
export function unavailableTrayState(startAtLogin: boolean, reason = 'Starting…'): TrayState {
  return {
    icon: 'protected',
    summary: reason,
    tooltip: `volsnap: ${reason}`,
    attention: [],
    pausedUntil: null,
    running: 0,
    startAtLogin,
    loaded: false,
  };
}
