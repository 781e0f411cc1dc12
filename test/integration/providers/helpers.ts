/**
 * Shared test plumbing: fast client options against an emulator, and a guard
 * that no token ever reaches a log line or an error thrown during the suite.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { setLogSink, type LogLevel } from '../../../src/main/ports/log';
import { RequestBudget, type BudgetLimit } from '../../../src/main/providers/http/budget';
import { ProviderError, type ProviderOptions } from '../../../src/main/providers/types';

export interface CapturedLine {
  level: LogLevel;
  scope: string;
  message: string;
}

/** Options for a client under test: its own budget, short backoff. */
export function fastOptions(
  baseUrl: string,
  limits: BudgetLimit[] = [],
  extra: Partial<ProviderOptions> = {},
): ProviderOptions {
  return {
    baseUrl,
    budget: new RequestBudget({ limits, headroom: 1 }),
    retry: { baseDelayMs: 2, maxDelayMs: 10, maxAttempts: 3 },
    timeoutMs: 5_000,
    ...extra,
  };
}

/**
 * Installs a log sink for the file and checks, after all tests, that none of
 * `tokens` appears in any log line or in any error passed to `caught`.
 */
export function guardSecrets(tokens: string[]): { lines: CapturedLine[]; caught: (err: unknown) => ProviderError } {
  const lines: CapturedLine[] = [];
  const errors: unknown[] = [];
  beforeAll(() => setLogSink((level, scope, message) => lines.push({ level, scope, message })));
  afterAll(() => {
    const texts = [
      ...lines.map((l) => l.message),
      ...errors.map((e) => {
        const own =
          e && typeof e === 'object'
            ? Object.getOwnPropertyNames(e).map((k) => safeString((e as Record<string, unknown>)[k]))
            : [];
        return [String(e), safeString(e), ...own].join('\n');
      }),
    ];
    for (const token of tokens) {
      for (const t of texts) expect(t.includes(token), `token leaked into: ${t.slice(0, 200)}`).toBe(false);
    }
    // The guard must have had something to look at.
    expect(errors.length + lines.length).toBeGreaterThan(0);
  });
  return {
    lines,
    caught(err: unknown): ProviderError {
      errors.push(err);
      expect(err).toBeInstanceOf(ProviderError);
      return err as ProviderError;
    },
  };
}

function safeString(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}

/** Runs `fn`, expecting it to throw; returns the (recorded) ProviderError. */
export async function failure(
  guard: { caught: (err: unknown) => ProviderError },
  fn: () => Promise<unknown>,
): Promise<ProviderError> {
  try {
    await fn();
  } catch (err) {
    return guard.caught(err);
  }
  throw new Error('expected a failure, but the call succeeded');
}
