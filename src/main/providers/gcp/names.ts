/**
 * volsnap's names and marks as Compute Engine accepts them.
 *
 * - Snapshot names are global to the project and must match
 *   `[a-z]([-a-z0-9]{0,61}[a-z0-9])?`. The engine's names may hold capitals, `.`
 *   and `_`, and two disks of the same name in two zones get the same engine
 *   name in one slot. So the Google name is the engine name lowered and cleaned,
 *   plus 8 hex digits of a hash of (engine name, disk): deterministic, so a
 *   retry or a reconciliation finds it again, and distinct per disk. The engine
 *   name itself is kept in the snapshot's description and read back from there.
 * - Labels: keys and values are lowercase letters, digits, `-`, `_`, at most 63.
 * - requestId: a UUID derived from the Google name, rule key and an attempt
 *   number, so a retried request (lost reply) is recognised by Google as the
 *   same and never makes a second snapshot.
 */
import { createHash } from 'node:crypto';
import { ProviderError } from '../types';
import { LABEL } from './dialect';

// Underscores, not hyphens: the keys appear as field names in list filters (`labels.managed_by = ...`).
export const OWNER_LABEL = 'managed_by';
export const OWNER_VALUE = 'volsnap';
export const RULE_LABEL = 'volsnap_rule';
/** The server-side filter for snapshots.list (syntax from the method's `filter` description). */
export const OWNED_FILTER = `labels.${OWNER_LABEL} = "${OWNER_VALUE}"`;

const GCE_NAME = /^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/;
const LABEL_VALUE = /^[a-z0-9_-]{0,63}$/;
const DESCRIPTION_PREFIX = 'volsnap snapshot: ';

export function isGceName(name: string): boolean {
  return GCE_NAME.test(name);
}

/** The Google snapshot name for an engine name and a disk (`<zone>/<disk>`). */
export function gceSnapshotName(engineName: string, diskId: string): string {
  const hash = createHash('sha256').update(`${engineName}\n${diskId}`).digest('hex').slice(0, 8);
  const base = engineName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z]+/, '')
    .slice(0, 63 - 9)
    .replace(/-+$/, '');
  const name = `${base || 'volsnap'}-${hash}`;
  if (!isGceName(name)) {
    throw new ProviderError('internal', `volsnap made a snapshot name ${LABEL} would refuse ("${name}").`);
  }
  return name;
}

/** The rule key must read back unchanged from a label value. */
export function assertLabelValue(ruleKey: string): void {
  if (!LABEL_VALUE.test(ruleKey) || ruleKey.length === 0) {
    throw new ProviderError(
      'invalid_input',
      `The rule key "${ruleKey.slice(0, 80)}" cannot be a ${LABEL} label: use 1-63 lowercase letters, digits, "-" or "_".`,
    );
  }
}

export function ownedLabels(ruleKey: string): Record<string, string> {
  return { [OWNER_LABEL]: OWNER_VALUE, [RULE_LABEL]: ruleKey };
}

export const describeEngineName = (engineName: string): string => `${DESCRIPTION_PREFIX}${engineName}`;

/** The engine's name kept in the description, or null for snapshots volsnap did not describe. */
export function engineNameOf(description: string | undefined): string | null {
  if (!description?.startsWith(DESCRIPTION_PREFIX)) return null;
  const name = description.slice(DESCRIPTION_PREFIX.length);
  return name.length > 0 && name.length <= 255 ? name : null;
}

/** A deterministic RFC 4122 UUID (version 5 layout) from the given parts; never the zero UUID. */
export function requestIdFor(...parts: (string | number)[]): string {
  const bytes = createHash('sha256').update(parts.join('\n')).digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `<zone>/<disk>`, volsnap's id for a zonal disk. */
export function diskId(zone: string, disk: string): string {
  return `${zone}/${disk}`;
}

export function parseDiskId(id: string): { zone: string; disk: string } {
  const m = /^([a-z][-a-z0-9]{0,62})\/([a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)$/.exec(id);
  if (!m) throw new ProviderError('invalid_input', `"${id.slice(0, 100)}" is not a ${LABEL} disk volsnap listed.`);
  return { zone: m[1]!, disk: m[2]! };
}

/** The last segment of a resource URL (`.../zones/europe-west1-b` -> `europe-west1-b`). */
export const lastSegment = (url: string): string => url.slice(url.lastIndexOf('/') + 1);
