/**
 * OAuth 2.0 for a service account without Google's SDK (it needs Node 22):
 * sign a JWT (RS256) with the key's private key using node:crypto, exchange it
 * at the key's token_uri (grant_type jwt-bearer, RFC 7523), and keep the access
 * token until shortly before it expires. The access token is registered for
 * redaction the moment it arrives.
 */
import { sign } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../../ports/clock';
import { forgetSecret, registerSecret } from '../../ports/log';
import type { HttpClient } from '../http/client';
import type { ServiceAccountKey } from './key';

/** Enough for disks, snapshots and operations; nothing else. */
export const COMPUTE_SCOPE = 'https://www.googleapis.com/auth/compute';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** Google accepts assertions valid for at most one hour. */
const ASSERTION_LIFETIME_S = 3600;
/** A token is renewed this long before it expires, so none expires in flight. */
const RENEW_BEFORE_MS = 5 * 60_000;

const TokenResponse = z.object({
  access_token: z.string().min(8),
  expires_in: z.number().int().positive().max(86_400),
  token_type: z.string().regex(/^bearer$/i),
});

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** A signed JWT asserting the service account, for `aud` = token_uri. */
export function signAssertion(key: ServiceAccountKey, nowMs: number, scope = COMPUTE_SCOPE): string {
  const iat = Math.floor(nowMs / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.privateKeyId ? { kid: key.privateKeyId } : {}) };
  const claims = { iss: key.clientEmail, scope, aud: key.tokenUri, iat, exp: iat + ASSERTION_LIFETIME_S };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = sign('RSA-SHA256', Buffer.from(unsigned), key.privateKey);
  return `${unsigned}.${base64url(signature)}`;
}

export class AccessTokens {
  private cached: { token: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;
  /** The previous access token, still masked in logs until the next renewal. */
  private retired: string | null = null;
  /** Token requests sent (tests read it to see caching work). */
  fetched = 0;

  constructor(
    private readonly key: ServiceAccountKey,
    /** An HttpClient whose base URL is the key's token_uri origin. */
    private readonly http: HttpClient,
    private readonly clock: Clock,
  ) {}

  /** A valid access token, from the cache or freshly exchanged (one exchange at a time). */
  async get(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && now < this.cached.expiresAt - RENEW_BEFORE_MS) return this.cached.token;
    this.pending ??= this.exchange().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Drops the cached token (after a 401: it was revoked or the clock lied). */
  invalidate(token: string): void {
    if (this.cached?.token !== token) return;
    this.retire(token);
    this.cached = null;
  }

  /** Keeps the last replaced token masked in logs (it may still be in flight) and forgets the one before. */
  private retire(token: string): void {
    if (this.retired && this.retired !== token) forgetSecret(this.retired);
    this.retired = token;
  }

  private async exchange(): Promise<string> {
    const now = this.clock.now().getTime();
    const assertion = signAssertion(this.key, now);
    registerSecret(assertion);
    this.fetched += 1;
    let token: z.infer<typeof TokenResponse>;
    try {
      // read(): an answer that is not an access token is an error in the shared words, never a blank token.
      const res = await this.http.read(
        {
          method: 'POST',
          path: new URL(this.key.tokenUri).pathname,
          form: { grant_type: JWT_BEARER, assertion },
          // Asking twice for a token has no effect beyond the answer.
          safety: 'idempotent',
          action: 'sign in with the service-account key',
        },
        TokenResponse,
      );
      token = res.body;
    } finally {
      // Used once and never logged; unregistered so months of renewals do not pile up in the redactor.
      forgetSecret(assertion);
    }
    registerSecret(token.access_token);
    if (this.cached) this.retire(this.cached.token);
    this.cached = { token: token.access_token, expiresAt: now + token.expires_in * 1000 };
    return token.access_token;
  }
}
