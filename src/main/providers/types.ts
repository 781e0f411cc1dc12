/**
 * The one interface every cloud implements. The engine knows schedules and
 * safety, providers know HTTP and their cloud; this file is the seam.
 */
import { AppError, type ErrorCode } from '../../shared/errors';
import type { ProviderKind, TargetKind } from '../../shared/domain';
import type { Clock } from '../clock';
import { redact, type Logger } from '../log';
import { safeIdentifier } from '../redaction';
import type { RequestBudget } from './http/budget';
import type { RetryPolicy } from './http/signals';
import type { Sleep } from './http/wait';

export interface AccountInfo {
  /** Human-readable description of what the token opens (e-mail, team, project). */
  description: string | null;
}

/** Something in the account that can (or, with a reason, cannot) be snapshotted. */
export interface ProviderTarget {
  providerId: string;
  kind: TargetKind;
  name: string;
  /** Region slug or zone, e.g. fra1, fr-par-1, nbg1. */
  region: string;
  sizeGb: number | null;
  /** Name (or id) of the server a volume is attached to. */
  attachedTo: string | null;
  tags: string[];
  snapshotable: boolean;
  unsupportedReason: string | null;
}

export type ProviderSnapshotStatus = 'creating' | 'available' | 'error';

export interface ProviderSnapshot {
  /**
   * The provider's snapshot id. For operations that only yield an id when done
   * (DigitalOcean droplet snapshots) this may be an opaque handle until then;
   * getSnapshot returns the final id once known.
   */
  id: string;
  name: string;
  status: ProviderSnapshotStatus;
  createdAt: string | null;
  sizeGb: number | null;
  /** The provider's own words when status is error. */
  error: string | null;
  /** Made by volsnap: carries volsnap's tag/label AND its name prefix. */
  managed: boolean;
  /** The rule key volsnap marked it with, when managed. */
  ruleKey: string | null;
  /** Deletion protection (Hetzner `protection.delete`). */
  protected: boolean;
}

export interface SnapshotRequest {
  /** Deterministic, provider-valid name chosen by the engine. */
  name: string;
  /** Identifies the rule; written as a tag/label so retention can prove ownership. */
  ruleKey: string;
}

export interface ProviderClient {
  readonly kind: ProviderKind;
  /** Cheapest call that proves the token works. */
  verify(): Promise<AccountInfo>;
  /** Everything in the account across every region or zone, all pages. */
  listTargets(): Promise<ProviderTarget[]>;
  createSnapshot(target: ProviderTarget, request: SnapshotRequest): Promise<ProviderSnapshot>;
  /** Current state; follows async operations (actions) to the final snapshot. */
  getSnapshot(target: ProviderTarget, snapshotId: string): Promise<ProviderSnapshot>;
  /** Every snapshot of the target, volsnap's and others', with `managed` set. */
  listSnapshots(target: ProviderTarget): Promise<ProviderSnapshot[]>;
  deleteSnapshot(target: ProviderTarget, snapshotId: string): Promise<void>;
}

export interface ProviderOptions {
  /** Overrides the API base URL (tests, proxies); env VOLSNAP_<KIND>_API_URL also does. */
  baseUrl?: string;
  clock?: Clock;
  log?: Logger;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** The account's shared request budget; by default `accountBudget(kind, token)`. */
  budget?: RequestBudget;
  /** Retry tuning (attempts, backoff); tests shorten the delays. */
  retry?: Partial<RetryPolicy>;
  /** Every wait (backoff, rate limits) goes through this, so tests can make it fast. */
  sleep?: Sleep;
  /**
   * Aborting it ends every wait (backoff, Retry-After, the account's budget) and
   * every request in flight at once, e.g. when the engine stops.
   */
  signal?: AbortSignal;
  random?: () => number;
  /** Scaleway only: zones to scan (default: every Block Storage zone). */
  zones?: string[];
  /** Demo cloud only: JSON file keeping its state across restarts (in memory when absent). */
  demoStatePath?: string;
}

/**
 * Provider failures, one family with the app's errors so the UI shows them as-is.
 * The message may quote the provider, so it is redacted here, once, for every
 * path (log, database, events, IPC); a request id is kept only if it is plain.
 */
export class ProviderError extends AppError {
  readonly options: ProviderErrorOptions;
  constructor(code: ErrorCode, message: string, options: ProviderErrorOptions = {}) {
    const requestId = safeIdentifier(options.requestId, redact) ?? undefined;
    super(code, redact(message), requestId ? { requestId } : {});
    this.options = { ...options, requestId };
  }

  /** Worth retrying later in the same slot (5xx, network, 429, locked). */
  get transient(): boolean {
    return this.options.transient ?? false;
  }

  /** True when a create may or may not have happened (connection lost after sending). */
  get outcomeUnknown(): boolean {
    return this.options.outcomeUnknown ?? false;
  }
}

export interface ProviderErrorOptions {
  transient?: boolean;
  requestId?: string;
  status?: number;
  retryAfterMs?: number;
  /** The request may have reached the provider (lost reply): reconcile by name before retrying. */
  outcomeUnknown?: boolean;
}
