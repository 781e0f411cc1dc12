/**
 * A Droplet snapshot is an action that yields an image id only when it is
 * done. Until then volsnap stores a handle, `action:<id>:<ruleKey>:<name>`,
 * which carries what is needed to find and tag the image after a restart.
 */

export interface ActionHandle {
  actionId: number;
  ruleKey: string | null;
  name: string | null;
}

const HANDLE_MAX = 200;

/** The handle for an action; `action:<id>` alone when name and rule key would make it too long. */
export function encodeActionHandle(actionId: number, ruleKey: string, name: string): string {
  const full = `action:${actionId}:${ruleKey}:${name}`;
  return full.length <= HANDLE_MAX ? full : `action:${actionId}`;
}

/** The parts of a handle, or null when `id` is a plain image id. */
export function parseActionHandle(id: string): ActionHandle | null {
  const m = /^action:(\d+)(?::([^:]+):(.*))?$/s.exec(id);
  if (!m) return null;
  return { actionId: Number(m[1]), ruleKey: m[2] ?? null, name: m[3] ?? null };
}
