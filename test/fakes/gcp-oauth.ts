/**
 * The OAuth side of the Google Cloud emulator: a test service account (an RSA
 * key pair generated here, in the test process), its JSON key file as Google
 * writes it, and the token endpoint's checks of a JWT-bearer assertion
 * (RFC 7523): RS256 signature against the public key, iss, aud, scope, iat/exp.
 */
import { generateKeyPairSync, randomBytes, verify, type KeyObject } from 'node:crypto';
import type { FakeResponse } from './http-fake';

export interface TestServiceAccount {
  projectId: string;
  clientEmail: string;
  privateKeyPem: string;
  privateKeyId: string;
  publicKey: KeyObject;
}

/** A fresh service account with its own 2048-bit RSA key. */
export function createTestServiceAccount(projectId: string): TestServiceAccount {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    projectId,
    clientEmail: `volsnap-backup@${projectId}.iam.gserviceaccount.com`,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    privateKeyId: randomBytes(20).toString('hex'),
    publicKey,
  };
}

/** The JSON key file, with the fields Google puts in one; `token_uri` points at the emulator. */
export function keyFileOf(account: TestServiceAccount, tokenUri: string, extra: Record<string, unknown> = {}): string {
  return JSON.stringify(
    {
      type: 'service_account',
      project_id: account.projectId,
      private_key_id: account.privateKeyId,
      private_key: account.privateKeyPem,
      client_email: account.clientEmail,
      client_id: '104567890123456789012',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: tokenUri,
      auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs',
      client_x509_cert_url: `https://www.googleapis.com/robot/v1/metadata/x509/${encodeURIComponent(account.clientEmail)}`,
      universe_domain: 'googleapis.com',
      ...extra,
    },
    null,
    2,
  );
}

const grantError = (description: string): FakeResponse => ({
  status: 400,
  body: { error: 'invalid_grant', error_description: description },
});

export interface AssertionCheck {
  publicKey: KeyObject;
  clientEmail: string;
  audience: string;
  nowMs: number;
}

/** Checks a token request's form; null when the assertion is good, else Google's error answer. */
export function checkAssertion(form: URLSearchParams, check: AssertionCheck): FakeResponse | null {
  if (form.get('grant_type') !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
    return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type.' } };
  }
  const parts = (form.get('assertion') ?? '').split('.');
  if (parts.length !== 3) return grantError('Invalid JWT: not three segments.');
  const [h, c, s] = parts as [string, string, string];
  let header: { alg?: string };
  let claims: { iss?: string; aud?: string; scope?: string; iat?: number; exp?: number };
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
    claims = JSON.parse(Buffer.from(c, 'base64url').toString('utf8')) as typeof claims;
  } catch {
    return grantError('Invalid JWT: segments are not base64url JSON.');
  }
  if (header.alg !== 'RS256') return grantError('Invalid JWT: alg must be RS256.');
  if (!verify('RSA-SHA256', Buffer.from(`${h}.${c}`), check.publicKey, Buffer.from(s, 'base64url'))) {
    return grantError('Invalid JWT Signature.');
  }
  if (claims.iss !== check.clientEmail)
    return { status: 401, body: { error: 'invalid_client', error_description: 'The OAuth client was not found.' } };
  if (claims.aud !== check.audience) return grantError('Invalid JWT: aud does not match the token endpoint.');
  if (!claims.scope?.split(' ').some((x) => x.startsWith('https://www.googleapis.com/auth/'))) {
    return grantError('Invalid JWT: no scope.');
  }
  const now = Math.floor(check.nowMs / 1000);
  const { iat, exp } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || exp <= iat || exp - iat > 3600) {
    return grantError('Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe.');
  }
  if (iat > now + 300 || exp < now) {
    return grantError(
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values.',
    );
  }
  return null;
}
