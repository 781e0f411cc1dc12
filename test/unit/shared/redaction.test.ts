/**
 * Issue 11, item 15: redaction masks every echo of a registered secret that a
 * provider (or a proxy) may send back: other letter case, partial runs of 12+
 * characters, base64 / base64url and URL-encoded forms. Request ids are kept
 * only when they are plain and short.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { forgetSecret, redact, registerSecret } from '../../../src/main/ports/log';
import { safeRequestId } from '../../../src/main/providers/http/answer';
import { ProviderError } from '../../../src/main/providers/types';

// 64 characters, like a Hetzner token; includes characters URL encoding changes.
const SECRET = 'hz9Qm2VbX7pL4sN8kR1tY6wE3uI0oPaS+dF5gH/jK2lZ8xC4vB7nM1qW6eR3tY0u';
const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const b64url = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

afterEach(() => forgetSecret(SECRET));

describe('redact', () => {
  const echoes: [string, string][] = [
    ['exact', SECRET],
    ['upper case', SECRET.toUpperCase()],
    ['lower case', SECRET.toLowerCase()],
    ['40-character prefix', SECRET.slice(0, 40)],
    ['12-character run from the middle', SECRET.slice(20, 32)],
    ['suffix', SECRET.slice(-16)],
    ['base64', b64(SECRET)],
    ['base64url', b64url(SECRET)],
    ['base64 inside a longer encoded blob', b64(`Bearer ${SECRET}`)],
    ['base64 of a prefix', b64(SECRET.slice(0, 30))],
    ['URL-encoded', encodeURIComponent(SECRET)],
    ['URL-encoded, lower-case hex', encodeURIComponent(SECRET).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase())],
  ];
  it.each(echoes)('masks the %s form', (_name, echo) => {
    registerSecret(SECRET);
    const out = redact(`invalid token "${echo}" (request 42)`);
    expect(out).toContain('[redacted]');
    expect(out).toContain('(request 42)');
    expect(out.toLowerCase()).not.toContain(echo.toLowerCase().slice(0, 12));
  });

  it('leaves unrelated text alone, including runs shorter than 12 characters of the secret', () => {
    registerSecret(SECRET);
    const text = `volume data-1 in fra1; ${SECRET.slice(0, 11)} is short`;
    expect(redact(text)).toBe(text);
  });

  it('stops masking a forgotten secret', () => {
    registerSecret(SECRET);
    forgetSecret(SECRET);
    expect(redact(SECRET.toUpperCase())).toBe(SECRET.toUpperCase());
  });
});

describe('provider-sourced strings', () => {
  it('a ProviderError never carries a secret in its message, whatever built it', () => {
    registerSecret(SECRET);
    const err = new ProviderError('invalid_input', `DigitalOcean said: bad token ${b64(SECRET)}`);
    expect(err.message).not.toContain(b64(SECRET).slice(0, 12));
    expect(err.toData().message).toContain('[redacted]');
  });

  it('request ids are kept only when short and plain', () => {
    registerSecret(SECRET);
    expect(safeRequestId('7b0a9c1e-55aa-4c1e-9d8e-0f1a2b3c4d5e')).toBe('7b0a9c1e-55aa-4c1e-9d8e-0f1a2b3c4d5e');
    expect(safeRequestId('abc def')).toBeNull();
    expect(safeRequestId('x'.repeat(129))).toBeNull();
    expect(safeRequestId('id\u202etxt')).toBeNull();
    expect(safeRequestId(SECRET.slice(0, 40).replace(/[+/]/g, 'A'))).toBeNull();
    expect(safeRequestId(42)).toBeNull();
  });

  it('a request id that is not safe never reaches the error sent to the window', () => {
    registerSecret(SECRET);
    const err = new ProviderError('internal', 'x', { requestId: `${SECRET.slice(0, 30)} <script>` });
    expect(err.toData().requestId).toBeUndefined();
  });
});
