/**
 * Scaleway's error bodies, as the official SDK parses them: `{type, message,
 * ...}` (PROVIDERS.md section 2), and the emulator's answers for injected
 * faults and rate limits (429 with `reset_seconds`).
 */
import { randomUUID } from 'node:crypto';
import type { FakeResponse, RateLimitState } from './http-fake';

export const scwError = (status: number, body: Record<string, unknown>): FakeResponse => ({
  status,
  body,
  headers: { 'x-request-id': randomUUID() },
});

export const notFound = (resource: string, id: string | undefined): FakeResponse =>
  scwError(404, { message: 'resource is not found', resource, resource_id: id ?? '', type: 'not_found' });

export const transient = (resource: string, id: string, state: string): FakeResponse =>
  scwError(409, {
    message: 'resource is in a transient state',
    resource,
    resource_id: id,
    current_state: state,
    type: 'transient_state',
  });

export const deniedAuthentication = (): FakeResponse =>
  scwError(401, {
    message: 'authentication is denied',
    method: 'api_key',
    reason: 'invalid_argument',
    type: 'denied_authentication',
  });

/** The answer for an injected status, a rate limit or an unknown route. */
export function fakeError(
  status: number,
  kind: 'injected' | 'rate_limited' | 'not_found',
  rl?: RateLimitState,
): FakeResponse {
  if (kind === 'rate_limited') {
    const seconds = Math.max(1, Math.ceil((rl?.retryAfterMs ?? 1000) / 1000));
    return scwError(429, {
      type: 'too_many_requests',
      message: 'too many requests',
      help_message: 'slow down',
      limit: { quota: rl?.limit ?? 0, window_seconds: 60 },
      reset_seconds: seconds,
      reset_at: new Date(Date.now() + seconds * 1000).toISOString(),
    });
  }
  if (kind === 'not_found') return notFound('unknown', '');
  if (status >= 500) return scwError(status, { message: 'internal error', type: 'internal_error' });
  return scwError(status, { message: 'injected error', type: 'invalid_arguments', details: [] });
}
