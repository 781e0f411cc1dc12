/**
 * What the tray shows, derived from the core's tray read model (or, for
 * comparison, from the full Overview and rules). Pure, so
 * every state is tested without Electron; the tray adapter only renders it.
 */
import type { Overview, TrayFacts } from '../../../shared/contract';
import type { Rule } from '../../../shared/domain';
import type { AccountHealth } from '../../../shared/account-health';
import { readCause } from '../../domain/account-cause';
import { describeWhen, type WhenOptions } from './when';
import { isPausedUntilResumed } from '../../../shared/pause';

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

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

function shorten(text: string, max = 70): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The Overview, rules and accounts reduced to what the tray shows (the shape `tray:state` answers). */
export function trayFactsFrom(overview: Overview, rules: Rule[], accounts: AccountHealth[] = []): TrayFacts {
  const troubled = overview.targets
    .filter((t) => t.health === 'failing' || t.health === 'late')
    .map((t) => ({ id: t.id, name: t.name, health: t.health as 'failing' | 'late', accountId: t.accountId }));
  return {
    counts: overview.counts,
    total: overview.targets.length,
    kinds: [...new Set(overview.targets.map((t) => t.kind))].sort(),
    troubled,
    rules: rules
      .filter((r) => r.attention !== null)
      .map((r) => ({ id: r.id, name: r.name, attention: r.attention!, targetId: r.targetId })),
    accounts,
    nextRunAt: overview.nextRuns[0]?.at ?? null,
    pausedUntil: overview.pausedUntil,
    running: overview.running,
    engineProblem: overview.engineProblem,
  };
}

function noun(facts: TrayFacts, count: number): string {
  const kinds = new Set(facts.kinds);
  if (kinds.size === 1 && kinds.has('server')) return plural(count, 'server', 'servers');
  if (kinds.size > 1) return plural(count, 'volume or server', 'volumes and servers');
  return plural(count, 'volume', 'volumes');
}

function attentionItems(facts: TrayFacts): AttentionItem[] {
  const items: AttentionItem[] = [];
  // Snapshots not running at all outranks any one rule's trouble.
  const stopped = facts.engineProblem;
  if (stopped)
    items.push({
      label: stopped.kind === 'not_started' ? 'Snapshots are not running' : 'Snapshots are on hold',
      path: '/',
    });
  // An account's root cause once ("Prod: token rejected"), not once per rule it stops.
  const troubledAccounts = new Set<number>();
  for (const account of facts.accounts) {
    if (account.cause === 'fine') continue;
    troubledAccounts.add(account.accountId);
    items.push({ label: shorten(`${account.accountName}: ${account.label.toLowerCase()}`), path: '/accounts' });
  }
  // A rule with attention has a failing target, so the failing list knows its account.
  const accountOf = new Map(facts.troubled.map((t) => [t.id, t.accountId]));
  const covered = new Set<number>();
  for (const rule of facts.rules) {
    const account = rule.targetId !== null ? accountOf.get(rule.targetId) : undefined;
    if (rule.targetId !== null) covered.add(rule.targetId);
    if (readCause(rule.attention) && account !== undefined && troubledAccounts.has(account)) continue;
    items.push({ label: shorten(`${rule.name}: ${rule.attention}`), path: `/rules/${rule.id}` });
  }
  for (const target of facts.troubled) {
    if (covered.has(target.id)) continue;
    const what = target.health === 'failing' ? 'last snapshot failed' : 'snapshot is overdue';
    items.push({ label: shorten(`${target.name}: ${what}`), path: `/activity?target=${target.id}` });
  }
  return items.slice(0, maxAttentionItems);
}

/** The tray's state from the full Overview (tests, and the comparison with the tray read model). */
export function trayStateFrom({ overview, rules, accounts = [], ...rest }: TrayInput): TrayState {
  return trayStateFromFacts({ facts: trayFactsFrom(overview, rules, accounts), ...rest });
}

export interface TrayFactsInput {
  facts: TrayFacts;
  startAtLogin: boolean;
  now: Date;
  when?: WhenOptions;
}

/** The tray's state from its read model (`tray:state`). */
export function trayStateFromFacts({ facts, startAtLogin, now, when }: TrayFactsInput): TrayState {
  const attention = attentionItems(facts);
  const total = facts.total;
  const protectedCount = facts.counts.protected ?? 0;
  const pausedUntil =
    facts.pausedUntil && new Date(facts.pausedUntil) > now
      ? isPausedUntilResumed(facts.pausedUntil)
        ? 'resumed'
        : describeWhen(new Date(facts.pausedUntil), now, when)
      : null;
  const next = facts.nextRunAt;

  let summary: string;
  if (total === 0) summary = 'No volumes yet - open volsnap to add a cloud account';
  else {
    summary =
      protectedCount === total
        ? `${noun(facts, total)} protected`
        : `${protectedCount} of ${noun(facts, total)} protected`;
    if (pausedUntil) summary += ` - paused until ${pausedUntil}`;
    else if (next) summary += ` - next snapshot ${describeWhen(new Date(next), now, when)}`;
  }

  // Attention outranks everything: a failure must not hide behind "running" or "paused".
  const icon: TrayIconState =
    attention.length > 0 ? 'attention' : pausedUntil ? 'paused' : facts.running > 0 ? 'running' : 'protected';
  const status =
    icon === 'attention'
      ? `${plural(attention.length, 'problem needs', 'problems need')} attention`
      : icon === 'running'
        ? `taking ${plural(facts.running, 'snapshot', 'snapshots')}`
        : summary;
  return {
    icon,
    summary,
    tooltip: `volsnap: ${status}`,
    attention,
    pausedUntil,
    running: facts.running,
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
