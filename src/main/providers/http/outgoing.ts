/** What goes on the wire for a request: its headers and its body bytes. */
import type { HttpRequest } from './types';

/**
 * Defaults first (what is accepted, the body's type), then the client's fixed
 * headers (auth), then the request's own, which must arrive exactly as given
 * (AWS signs them).
 */
export function outgoingHeaders(req: HttpRequest, fixed: Record<string, string>): Record<string, string> {
  return {
    accept: req.answer === 'xml' ? 'text/xml, application/xml' : 'application/json',
    ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
    ...(req.form !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
    ...fixed,
    ...req.headers,
  };
}

/** The raw body as given, a form, or `body` as JSON; nothing for a request without one. */
export function outgoingBody(req: HttpRequest): string | undefined {
  if (req.rawBody !== undefined) return req.rawBody;
  if (req.form !== undefined) return new URLSearchParams(req.form).toString();
  return req.body !== undefined ? JSON.stringify(req.body) : undefined;
}

export type Safety = 'idempotent' | 'create';

/** Whether a repeat is harmless: GET/DELETE/PUT are, POST/PATCH create unless the request says otherwise. */
export function safetyOf(req: HttpRequest): Safety {
  return req.safety ?? (req.method === 'POST' || req.method === 'PATCH' ? 'create' : 'idempotent');
}
