/**
 * How AWS EC2 answers errors, in volsnap's words. EC2 (Query protocol) sends
 * `<Response><Errors><Error><Code>..</Code><Message>..</Message></Error></Errors>
 * <RequestID>..</RequestID></Response>`; the code, not the message, says what
 * happened (PROVIDERS.md section 7).
 */
import { redact } from '../../ports/log';
import type { ErrorContext, ProviderDialect } from '../http/client';
import { classByStatus, providerError, type ErrorClass } from '../http/errors';
import { ProviderError } from '../types';

export const AWS_LABEL = 'AWS';
const KEY_ADVICE =
  'In IAM (https://console.aws.amazon.com/iam/) create a new access key for a user with the policy shown under Add account > AWS';

/** AWS asks for at least 15 s between two snapshots of one volume. */
export const PER_VOLUME_SNAPSHOT_GAP_MS = 15_000;

export interface AwsErrorBody {
  code: string | null;
  message: string | null;
  requestId: string | null;
}

function decodeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

function element(xml: string, name: string): string | null {
  const m = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml);
  return m?.[1] !== undefined ? decodeXml(m[1]).trim() : null;
}

/** The first error of an EC2 error document; all null for anything else. */
export function parseAwsError(body: unknown): AwsErrorBody {
  if (typeof body !== 'string') return { code: null, message: null, requestId: null };
  return {
    code: element(body, 'Code'),
    message: element(body, 'Message'),
    requestId: element(body, 'RequestID') ?? element(body, 'RequestId'),
  };
}

const rateLimitCodes = new Set(['RequestLimitExceeded', 'Throttling', 'ThrottlingException']);
const credentialCodes = new Set([
  'AuthFailure',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'IncompleteSignature',
]);
const permissionCodes = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);
const codeClass: Record<string, ErrorClass> = {
  'InvalidSnapshot.NotFound': 'not_found',
  'InvalidVolume.NotFound': 'not_found',
  IncorrectState: 'target_busy',
  SnapshotLimitExceeded: 'provider_limit',
  ResourceLimitExceeded: 'provider_limit',
  MaxSnapshotLimitExceeded: 'provider_limit',
  InternalError: 'provider_unavailable',
  InternalFailure: 'provider_unavailable',
  Unavailable: 'provider_unavailable',
  ServiceUnavailable: 'provider_unavailable',
};

function quoted(message: string | null): string {
  if (!message) return '';
  // UnauthorizedOperation appends a long encoded blob; it helps nobody reading the app.
  const clean = redact(message.replace(/Encoded authorization failure message:[\s\S]*$/, ''))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  return clean ? ` AWS said: "${clean}"` : '';
}

function aws(ctx: ErrorContext, code: ProviderError['code'], text: string, transient = false): ProviderError {
  return new ProviderError(code, text, {
    requestId: ctx.requestId ?? undefined,
    status: ctx.status,
    transient,
    retryAfterMs: ctx.retryAfterMs ?? undefined,
  });
}

/** Errors whose advice is AWS-specific; null for the shared wording. */
function specificError(ctx: ErrorContext, err: AwsErrorBody): ProviderError | null {
  const action = ctx.request.action;
  const code = err.code ?? '';
  if (credentialCodes.has(code)) {
    return aws(
      ctx,
      'token_invalid',
      `AWS rejected the access key (${code}) while trying to ${action}: the access key id, secret or session token is wrong, or the key was deactivated.${quoted(err.message)} ${KEY_ADVICE}, and replace it in Accounts.`,
    );
  }
  if (code === 'ExpiredToken' || code === 'RequestExpired') {
    const why =
      code === 'ExpiredToken'
        ? 'the temporary credentials (session token) have expired. Sign in again, paste fresh temporary credentials in Accounts, or use a long-term access key'
        : "the request's time is too far from AWS's clock. Check that this computer's date, time and time zone are right";
    return aws(ctx, 'token_invalid', `AWS refused to ${action} (${code}): ${why}.`);
  }
  if (permissionCodes.has(code)) {
    const permission = ctx.request.scope ?? 'the needed EC2 permission';
    return aws(
      ctx,
      'permission_missing',
      `AWS refused to ${action} (${code}): the IAM user or role of this access key is not allowed "${permission}". Add it to its policy (volsnap's least-privilege policy is under Add account > AWS).${quoted(err.message)}`,
    );
  }
  if (code === 'OptInRequired') {
    return aws(
      ctx,
      'permission_missing',
      `AWS refused to ${action} (OptInRequired): the region is not enabled for this account. Enable it in the AWS console (Account > AWS Regions) or remove it from this account's regions.`,
    );
  }
  if (code === 'InvalidSnapshot.InUse') {
    return aws(
      ctx,
      'conflict',
      `AWS cannot ${action}: a machine image (AMI) or another resource still uses this snapshot (InvalidSnapshot.InUse). Deregister the AMI first if the snapshot is no longer needed; volsnap keeps it until then.`,
    );
  }
  if (code === 'SnapshotCreationPerVolumeRateExceeded') {
    return aws(
      ctx,
      'rate_limited',
      `AWS allows a new snapshot of a volume only every ${PER_VOLUME_SNAPSHOT_GAP_MS / 1000} seconds (SnapshotCreationPerVolumeRateExceeded) while trying to ${action}. volsnap will try again in about ${PER_VOLUME_SNAPSHOT_GAP_MS / 1000} s.`,
      true,
    );
  }
  return null;
}

export const awsDialect: ProviderDialect = {
  label: AWS_LABEL,
  // EC2 sends no rate-limit headers; the budget paces by the documented buckets alone.
  rateLimitHeaders: () => ({ limit: null, remaining: null, resetAtMs: null }),
  retryAfterMs(_headers, body) {
    return parseAwsError(body).code === 'SnapshotCreationPerVolumeRateExceeded' ? PER_VOLUME_SNAPSHOT_GAP_MS : null;
  },
  requestId: (headers, body) =>
    parseAwsError(body).requestId ?? headers.get('x-amzn-requestid') ?? headers.get('x-amz-request-id'),
  isRateLimit: (_status, body) => rateLimitCodes.has(parseAwsError(body).code ?? ''),
  toError(ctx) {
    const err = parseAwsError(ctx.body);
    const specific = specificError(ctx, err);
    if (specific) return specific;
    const code = err.code ?? '';
    const cls: ErrorClass =
      codeClass[code] ?? (rateLimitCodes.has(code) ? 'rate_limited' : null) ?? classByStatus(ctx.status);
    const message = err.code ? `${err.code}: ${err.message ?? ''}` : typeof ctx.body === 'string' ? ctx.body : null;
    return providerError({ label: AWS_LABEL, tokenAdvice: KEY_ADVICE }, cls, ctx, message);
  },
};
