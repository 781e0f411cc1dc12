/**
 * What the HTTP layer accepts from a provider before any client reads it:
 * JSON (by content type, and parseable), no redirects, request ids of a safe
 * shape. Everything else becomes a ProviderError in words the user can act on,
 * never a success and never an empty list.
 */
import type { z } from 'zod';
import { redact } from '../../ports/log';
import { safeIdentifier } from '../../ports/redaction';
import { ProviderError } from '../provider-error';
import type { NetworkFailure } from './signals';
import type { AnswerFormat } from './types';

/** The request id if it is safe to show and store (short, plain, not part of a token), else null. */
export function safeRequestId(value: unknown): string | null {
  return safeIdentifier(value, redact);
}

export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'xml'; text: string }
  | { kind: 'other'; reason: string };

/** JSON media types: application/json, application/problem+json, ...+json. */
function isJsonType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || /^application\/[a-z0-9.+-]*\+json$/.test(type);
}

/** XML media types: text/xml, application/xml, ...+xml. */
function isXmlType(contentType: string | null): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === 'text/xml' || type === 'application/xml' || /^application\/[a-z0-9.+-]*\+xml$/.test(type);
}

/** The reason an answer that is not of the expected type cannot be read. */
function wrongType(contentType: string | null, expected: string): ParsedBody {
  const type = (contentType ?? '').split(';')[0]!.trim().slice(0, 40) || 'no content type';
  return {
    kind: 'other',
    reason: /html/i.test(type) ? 'a web page instead of data' : `${type} instead of ${expected}`,
  };
}

/**
 * Reads a body as JSON only when it says it is JSON and parses as JSON. With
 * `accept` 'xml' (AWS), only an answer that says it is XML and starts like
 * XML is kept, as text: its parser and schema are the caller's.
 */
export function parseAnswer(text: string, contentType: string | null, accept: AnswerFormat = 'json'): ParsedBody {
  if (text.trim() === '') return { kind: 'empty' };
  if (accept === 'xml') {
    if (!isXmlType(contentType)) return wrongType(contentType, 'XML');
    return text.trimStart().startsWith('<') ? { kind: 'xml', text } : { kind: 'other', reason: 'broken XML' };
  }
  if (!isJsonType(contentType)) return wrongType(contentType, 'JSON');
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'other', reason: 'broken JSON' };
  }
}

export interface AnswerContext {
  label: string;
  action: string;
  /** A create whose request went out: the provider may have acted on it. */
  mayHaveActed: boolean;
}

const checkBefore = 'It is not known whether it happened; volsnap will check before trying again.';

/** An answer whose form volsnap cannot trust (HTML, broken JSON, wrong shape, missing id). */
export function unreadableAnswer(ctx: AnswerContext, status: number, detail: string): ProviderError {
  const message =
    `${ctx.label} sent an answer volsnap could not understand while trying to ${ctx.action} ` +
    `(HTTP ${status}, ${redact(detail)}). Nothing was recorded from it. ` +
    (ctx.mayHaveActed ? `${checkBefore} ` : 'volsnap will try again later. ') +
    `If this keeps happening, a proxy, firewall or Wi-Fi login page may be answering in ${ctx.label}'s place.`;
  return new ProviderError('provider_unavailable', message, {
    transient: true,
    status,
    outcomeUnknown: ctx.mayHaveActed,
  });
}

/** A 3xx: never followed, so the token stays with the configured host. */
export function redirectAnswer(ctx: AnswerContext, status: number): ProviderError {
  const message =
    `${ctx.label} answered with a redirect (HTTP ${status}) while trying to ${ctx.action}. ` +
    `volsnap does not follow redirects, so the token is never sent to another address. ` +
    (ctx.mayHaveActed ? `${checkBefore} ` : '') +
    `If a custom API address is set for ${ctx.label}, check it; otherwise a proxy or network problem is likely, and volsnap will try again later.`;
  return new ProviderError('provider_unavailable', message, {
    transient: true,
    status,
    outcomeUnknown: ctx.mayHaveActed,
  });
}

/** A page link that is not a URL volsnap can follow. */
export function brokenPageLink(label: string, action: string): ProviderError {
  return new ProviderError(
    'provider_unavailable',
    `${label} sent a broken page link while trying to ${action}, so the list could not be read to the end. Nothing was changed; volsnap will try again later.`,
    { transient: true },
  );
}

/** The first problem zod found, as a short path and words (no values: they may echo secrets). */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected content';
  const path = issue.path.map(String).join('.') || 'the answer';
  if (issue.code === 'invalid_type') {
    const missing = /received undefined/.test(issue.message);
    return missing ? `${path} is missing` : `${path} has the wrong type`;
  }
  return `${path} is not valid`;
}

/** Validates a JSON body against an endpoint's schema; a mismatch is an unreadable answer. */
export function validateAnswer<T>(schema: z.ZodType<T>, body: unknown, ctx: AnswerContext, status: number): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw unreadableAnswer(ctx, status, describeIssue(parsed.error));
}

/** The engine stopped (the signal aborted) during a wait or while a request was out. */
export function stoppedError(label: string, action: string, mayHaveActed: boolean): ProviderError {
  const message = mayHaveActed
    ? `volsnap stopped while waiting for ${label} to ${action}. ${checkBefore}`
    : `volsnap stopped before it could ${action} at ${label}; nothing more was sent.`;
  return new ProviderError('provider_unavailable', message, { transient: true, outcomeUnknown: mayHaveActed });
}

/** No answer at all: refused, unreachable, reset, timed out. */
export function networkError(
  label: string,
  action: string,
  failure: NetworkFailure,
  outcomeUnknown: boolean,
): ProviderError {
  const message = outcomeUnknown
    ? `The connection to ${label} broke (${failure.reason}) after the request to ${action} was sent, so it is not known whether it happened. volsnap will check before trying again.`
    : `Could not reach ${label} to ${action} (${failure.reason}). Check the internet connection; volsnap will try again later.`;
  return new ProviderError('provider_unavailable', message, { transient: true, outcomeUnknown });
}
