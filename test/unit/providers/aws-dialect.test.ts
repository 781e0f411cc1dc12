import { describe, expect, it } from 'vitest';
import { awsDialect, parseAwsError } from '../../../src/main/providers/aws/dialect';
import type { ErrorContext } from '../../../src/main/providers/http/client';

/** EC2's error document, as the Query protocol sends it. */
const xml = (code: string, message = 'said by AWS') =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>req-1</RequestID></Response>`;

const ctx = (status: number, code: string, message?: string): ErrorContext => ({
  status,
  body: xml(code, message),
  headers: new Headers(),
  requestId: 'req-1',
  request: { method: 'POST', path: '/', action: 'create a snapshot of volume "db"', scope: 'ec2:CreateSnapshot' },
  retryAfterMs: awsDialect.retryAfterMs(new Headers(), xml(code), 0),
});

describe('AWS error mapping', () => {
  it('reads code, message and request id from the error document, decoding entities', () => {
    expect(parseAwsError(xml('IncorrectState', 'a &amp; b &lt;c&gt;'))).toEqual({
      code: 'IncorrectState',
      message: 'a & b <c>',
      requestId: 'req-1',
    });
    expect(parseAwsError({ not: 'xml' })).toEqual({ code: null, message: null, requestId: null });
  });

  it.each([
    [401, 'AuthFailure', 'token_invalid', /rejected the access key \(AuthFailure\)/],
    [403, 'InvalidClientTokenId', 'token_invalid', /access key id, secret or session token is wrong/],
    [403, 'SignatureDoesNotMatch', 'token_invalid', /rejected the access key/],
    [400, 'ExpiredToken', 'token_invalid', /temporary credentials .* expired/],
    [400, 'RequestExpired', 'token_invalid', /computer's date, time and time zone/],
    [403, 'UnauthorizedOperation', 'permission_missing', /not allowed "ec2:CreateSnapshot"/],
    [401, 'OptInRequired', 'permission_missing', /region is not enabled/],
    [400, 'InvalidSnapshot.NotFound', 'not_found', /could not find it/],
    [400, 'InvalidSnapshot.InUse', 'conflict', /Deregister the AMI/],
    [400, 'SnapshotCreationPerVolumeRateExceeded', 'rate_limited', /every 15 seconds/],
    [503, 'RequestLimitExceeded', 'rate_limited', /rate limiting this account/],
    [400, 'SnapshotLimitExceeded', 'provider_limit', /account limit/],
    [500, 'InternalError', 'provider_unavailable', /had a problem/],
    [400, 'InvalidParameterValue', 'invalid_input', /rejected the request/],
  ])('%s %s is %s', (status, code, expected, message) => {
    const error = awsDialect.toError(ctx(status, code));
    expect(error.code).toBe(expected);
    expect(error.message).toMatch(message);
    expect(error.transient).toBe(['rate_limited', 'provider_unavailable'].includes(expected));
  });

  it('treats only account-wide throttling as a rate limit for the whole budget', () => {
    expect(awsDialect.isRateLimit?.(503, xml('RequestLimitExceeded'))).toBe(true);
    expect(awsDialect.isRateLimit?.(400, xml('Throttling'))).toBe(true);
    expect(awsDialect.isRateLimit?.(400, xml('SnapshotCreationPerVolumeRateExceeded'))).toBe(false);
    expect(awsDialect.isRateLimit?.(503, '<html>Service Unavailable</html>')).toBe(false);
  });
});
