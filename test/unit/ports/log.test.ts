import { afterEach, describe, expect, it } from 'vitest';
import { createLogger, forgetSecret, redact, registerSecret, setLogSink } from '../../../src/main/ports/log';

describe('logger redaction', () => {
  const lines: string[] = [];
  afterEach(() => {
    lines.length = 0;
    forgetSecret('dop_v1_supersecret');
  });

  it('masks registered secrets wherever they appear in a line or its details', () => {
    setLogSink((_level, scope, message) => lines.push(`${scope} ${message}`));
    registerSecret('dop_v1_supersecret');
    createLogger('test').error(
      'request failed for dop_v1_supersecret',
      { headers: { Authorization: 'Bearer dop_v1_supersecret' } },
      new Error('token dop_v1_supersecret'),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('dop_v1_supersecret');
    expect(lines[0]).toContain('[redacted]');
  });

  it('masks header-shaped secrets that were never registered', () => {
    expect(redact('Authorization: Bearer abcdef123456')).toBe('Authorization: Bearer [redacted]');
    expect(redact('{"X-Auth-Token":"0b1c-secret"}')).toBe('{"X-Auth-Token":"[redacted]"}');
  });
});
