/**
 * The service-account key is checked at input, with messages that say what is
 * wrong and never repeat the private key; and volsnap's names, labels and
 * requestIds are ones Compute Engine accepts.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { snapshotName } from '../../../src/main/domain/naming';
import { redact } from '../../../src/main/ports/log';
import { signAssertion } from '../../../src/main/providers/gcp/auth';
import { parseServiceAccountKey } from '../../../src/main/providers/gcp/key';
import {
  engineNameOf,
  describeEngineName,
  gceSnapshotName,
  isGceName,
  parseDiskId,
  requestIdFor,
} from '../../../src/main/providers/gcp/names';
import { operationHandle, parseHandle } from '../../../src/main/providers/gcp/operations';
import { AppError } from '../../../src/shared/errors';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const good = {
  type: 'service_account',
  project_id: 'my-project-123',
  private_key_id: 'abcdef0123456789abcdef0123456789abcdef01',
  private_key: pem,
  client_email: 'backup@my-project-123.iam.gserviceaccount.com',
  token_uri: 'https://oauth2.googleapis.com/token',
};
const text = (over: Record<string, unknown>) => JSON.stringify({ ...good, ...over });

function refusal(input: string): AppError {
  try {
    parseServiceAccountKey(input);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('invalid_input');
    expect(e.extra.fields?.[0]?.path).toBe('token');
    expect(e.message).not.toContain('PRIVATE KEY');
    expect(e.message).toContain('https://console.cloud.google.com/iam-admin/serviceaccounts');
    return e;
  }
  throw new Error('the key was accepted');
}

describe('service-account key at input', () => {
  it('accepts a well-formed key and reads the project from it', () => {
    const key = parseServiceAccountKey(text({}));
    expect(key).toMatchObject({ projectId: 'my-project-123', clientEmail: good.client_email });
  });

  it('refuses each kind of wrong input with its own message', () => {
    expect(refusal('not json').message).toMatch(/not a JSON key file/);
    expect(refusal(JSON.stringify({ type: 'authorized_user', refresh_token: 'x' })).message).toMatch(/user credential/);
    expect(refusal(text({ private_key: undefined })).message).toMatch(/lacks "private_key"/);
    expect(refusal(text({ type: 'external_account' })).message).toMatch(/"external_account", not "service_account"/);
    expect(refusal(text({ client_email: 'nobody' })).message).toMatch(/client_email/);
    expect(refusal(text({ project_id: 'Bad Project' })).message).toMatch(/project_id/);
    expect(refusal(text({ private_key: 'hello' })).message).toMatch(/not a PEM private key/);
    const broken = pem.replace(/\n[A-Za-z0-9+/]{20}/, '\n!!!!');
    expect(refusal(text({ private_key: broken })).message).toMatch(/could not be read/);
    expect(refusal(text({ token_uri: 'http://oauth2.example.com/token' })).message).toMatch(/must use https/);
    expect(refusal(text({ token_uri: 'nope' })).message).toMatch(/not a valid URL/);
  });

  it('allows plain http only to this machine', () => {
    expect(parseServiceAccountKey(text({ token_uri: 'http://127.0.0.1:8080/token' })).tokenUri).toContain('127.0.0.1');
  });

  it('registers the private key for redaction, in raw and JSON-escaped form', () => {
    parseServiceAccountKey(text({}));
    const line = pem.split('\n')[5]!;
    expect(redact(`oops ${line}`)).not.toContain(line);
    expect(redact(JSON.stringify({ private_key: pem }))).not.toContain(line);
  });

  it('signs an RS256 JWT with the claims Google expects', () => {
    const key = parseServiceAccountKey(text({}));
    const jwt = signAssertion(key, Date.parse('2026-01-01T00:00:00Z'));
    const [h, c] = jwt
      .split('.')
      .slice(0, 2)
      .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
    expect(h).toEqual({ alg: 'RS256', typ: 'JWT', kid: good.private_key_id });
    expect(c).toEqual({
      iss: good.client_email,
      scope: 'https://www.googleapis.com/auth/compute',
      aud: good.token_uri,
      iat: 1767225600,
      exp: 1767229200,
    });
  });
});

describe('names Compute Engine accepts', () => {
  it('every engine name becomes a valid, distinct, deterministic snapshot name per disk', () => {
    const names = new Set<string>();
    const engineNames = new Set<string>();
    const volumes = ['DB_data.1', 'ÄÖÜ', 'x'.repeat(80), '---', 'data'];
    for (const volume of volumes) {
      for (const template of ['volsnap-{volume}-{utc}', '{rule}.{volume}_{datetime}', 'volsnap-{volume}']) {
        const engine = snapshotName({
          template,
          targetName: volume,
          ruleName: 'Nightly Backup',
          timeZone: 'Europe/Berlin',
          slot: new Date('2026-03-29T01:30:00Z'),
        });
        engineNames.add(engine);
        for (const disk of ['europe-west1-b/data', 'us-central1-a/data']) {
          const name = gceSnapshotName(engine, disk);
          expect(isGceName(name), name).toBe(true);
          expect(name.startsWith('volsnap-')).toBe(true);
          expect(gceSnapshotName(engine, disk)).toBe(name);
          names.add(name);
        }
      }
    }
    expect(names.size).toBe(engineNames.size * 2);
    expect(engineNames.size).toBe(10);
  });

  it('keeps the engine name in the description and reads it back', () => {
    expect(engineNameOf(describeEngineName('volsnap-DB_1-20260101T000000Z'))).toBe('volsnap-DB_1-20260101T000000Z');
    expect(engineNameOf('made by hand')).toBeNull();
    expect(engineNameOf(undefined)).toBeNull();
  });

  it('requestIds are deterministic UUIDs that differ per part', () => {
    const a = requestIdFor('createSnapshot', 'volsnap-a', 'r1', 0);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(requestIdFor('createSnapshot', 'volsnap-a', 'r1', 0)).toBe(a);
    expect(requestIdFor('createSnapshot', 'volsnap-a', 'r1', 1)).not.toBe(a);
    expect(requestIdFor('createSnapshot', 'volsnap-a', 'r2', 0)).not.toBe(a);
  });

  it('operation handles and disk ids round-trip', () => {
    const h = operationHandle('volsnap-a-1234abcd', 'europe-west1-b', 'operation-1712-abc');
    expect(parseHandle(h)).toEqual({
      name: 'volsnap-a-1234abcd',
      zone: 'europe-west1-b',
      operation: 'operation-1712-abc',
    });
    expect(parseHandle('volsnap-a-1234abcd')).toBeNull();
    expect(parseDiskId('europe-west1-b/db-data')).toEqual({ zone: 'europe-west1-b', disk: 'db-data' });
    expect(() => parseDiskId('regions/europe-west1/shared')).toThrow(/not a Google Cloud disk/);
  });
});
