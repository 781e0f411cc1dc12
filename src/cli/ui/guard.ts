/**
 * Who may use the web UI. Four checks, in order, on every request:
 *  1. Host: one of the names the daemon answers to (stops DNS rebinding).
 *  2. Origin / Sec-Fetch-Site: a request from another site is refused (stops CSRF).
 *  3. Credentials: the session cookie set by /login, or `Authorization: Bearer <token>`.
 *  4. (rpc only) a JSON body, so a plain HTML form cannot post one.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'volsnap_session';
const MAX_SESSIONS = 200;

export interface GuardOptions {
  /** host:port values accepted in the Host header, lower case. */
  hosts: Set<string>;
  /** Origins accepted (scheme://host:port), lower case. */
  origins: Set<string>;
  token: string;
}

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares secrets in constant time (hashing first makes the lengths equal). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

export class UiGuard {
  /** Sessions created by /login; kept in memory, so a restart asks for the login link again. */
  private readonly sessions = new Set<string>();

  constructor(private readonly options: GuardOptions) {}

  /** Null when Host and Origin are acceptable, else why not. */
  refuseSite(req: IncomingMessage): string | null {
    const host = (req.headers.host ?? '').toLowerCase();
    if (!this.options.hosts.has(host)) return `Host "${host.slice(0, 100)}" is not one this volsnap answers to.`;
    const origin = req.headers.origin?.toLowerCase();
    if (origin !== undefined && !this.options.origins.has(origin)) return 'Requests from other sites are refused.';
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none')
      return 'Requests from other sites are refused.';
    return null;
  }

  isLoginToken(candidate: string): boolean {
    return sameSecret(candidate, this.options.token);
  }

  /** A new session id for a successful login. */
  openSession(): string {
    const id = randomBytes(32).toString('base64url');
    if (this.sessions.size >= MAX_SESSIONS) this.sessions.delete(this.sessions.values().next().value!);
    this.sessions.add(id);
    return id;
  }

  isAuthenticated(req: IncomingMessage): boolean {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return this.isLoginToken(bearer);
    const session = cookieValue(req, SESSION_COOKIE);
    return session !== undefined && [...this.sessions].some((id) => sameSecret(id, session));
  }
}
