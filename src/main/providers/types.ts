/**
 * The one interface every cloud implements. The engine knows schedules and
 * safety, providers know HTTP and their cloud; this file is the seam.
 */
import type { ProviderKind, TargetKind } from '../../shared/domain';
import type { Clock } from '../ports/clock';
import type { Logger } from '../ports/log';
import type { RequestBudget } from './http/budget';
import type { RetryPolicy } from './http/signals';
import type { Sleep } from './http/wait';

export interface AccountInfo {
  /** Human-readable description of what the token opens (e-mail, team, project). */
  description: string | null;
  /**
   * Which cloud account the credential opens, when the provider answers it
   * (AWS account id, Google Cloud project): two credentials with the same key
   * list the same volumes. `regions` narrows it for AWS (null: every enabled region).
   */
  identity?: { key: string; label: string; regions?: string[] | null } | null;
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
  /** Overrides the API base URL (tests, proxies); env VOLSNAP_<KIND>_API_URL also does unless ignored. */
  baseUrl?: string;
  /**
   * Ignore VOLSNAP_<KIND>_API_URL. The host sets this for a packaged build, so
   * no environment variable can send the user's token to another server.
   */
  ignoreApiUrlEnvironment?: boolean;
  clock?: Clock;
  log?: Logger;
  /** Per-request timeout. */
  timeoutMs?: number;
  /** The account's shared request budget (AccountClients keeps one per account); by default a budget of its own. */
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
  /** Scaleway only: zones to scan (default: every Block Storage zone for volumes, every Instance zone for servers). */
  zones?: string[];
  /** Demo cloud only: JSON file keeping its state across restarts (in memory when absent). */
  demoStatePath?: string;
}

export { ProviderError, type ProviderErrorOptions } from './provider-error';
