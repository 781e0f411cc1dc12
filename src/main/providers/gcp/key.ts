/**
 * The Google Cloud credential: a service-account JSON key, stored whole as the
 * account's one secret. This module checks its shape before anything is sent,
 * so a wrong file gets a message that says what is wrong and what to do, and it
 * registers every secret part of it for redaction before the key is used.
 */
import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { registerSecret } from '../../ports/log';

export interface ServiceAccountKey {
  projectId: string;
  clientEmail: string;
  privateKey: string;
  privateKeyId: string | null;
  tokenUri: string;
}

/** Where a user makes a key; named in every message about a bad key. */
export const KEY_ADVICE =
  'In https://console.cloud.google.com/iam-admin/serviceaccounts open the service account, then Keys > Add key > Create new key > JSON, and paste the whole file or choose it';

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

const KeyShape = z.object({
  type: z.string(),
  project_id: z.string(),
  private_key_id: z.string().optional(),
  private_key: z.string(),
  client_email: z.string(),
  token_uri: z.string(),
});

function bad(message: string): AppError {
  return new AppError('invalid_input', `${message} ${KEY_ADVICE}.`, {
    fields: [{ path: 'token', message }],
  });
}

/** https, or plain http only to this machine (the same rule as API URL overrides). */
function checkTokenUri(uri: string): void {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    throw bad('The key\'s "token_uri" is not a valid URL.');
  }
  const local = loopbackHosts.has(parsed.hostname) || parsed.hostname.startsWith('127.');
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw bad('The key\'s "token_uri" must use https:// (plain http only for localhost).');
  }
}

/** Marks the key's secret parts, in every form they could appear in a log line. */
function registerKeySecrets(privateKey: string, privateKeyId: string | null): void {
  // Not the whole file: redaction masks any 12-character run of a secret, and the file's public
  // parts (Google URLs, the account e-mail) would then be masked in every message. The private
  // key, raw and JSON-escaped, covers the file's secret part.
  registerSecret(privateKey);
  registerSecret(JSON.stringify(privateKey).slice(1, -1));
  if (privateKeyId) registerSecret(privateKeyId);
  // Each base64 line of the PEM body, so even a partial leak is masked.
  for (const line of privateKey.split(/\r?\n|\\n/))
    if (line.length >= 40 && !line.startsWith('-----')) registerSecret(line);
}

/**
 * Parses and checks a pasted or chosen service-account key. Throws an
 * invalid_input AppError (field `token`) naming the problem; never echoes the key.
 */
export function parseServiceAccountKey(text: string): ServiceAccountKey {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw bad('This is not a JSON key file: paste the whole content of the .json file Google gave you.');
  }
  if (raw && typeof raw === 'object' && (raw as { type?: unknown }).type === 'authorized_user') {
    throw bad(
      'This is a user credential (from "gcloud auth application-default login"), not a service-account key; volsnap needs a service-account key.',
    );
  }
  const shape = KeyShape.safeParse(raw);
  if (!shape.success) {
    const missing = shape.error.issues.map((i) => `"${i.path.join('.')}"`).join(', ');
    throw bad(`The key file lacks ${missing}; it is not a complete service-account key.`);
  }
  const key = shape.data;
  if (key.type !== 'service_account')
    throw bad(`The key's "type" is "${key.type.slice(0, 40)}", not "service_account".`);
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(key.client_email))
    throw bad('The key\'s "client_email" is not an e-mail address.');
  if (!/^[a-z][-a-z0-9.:]{2,100}$/.test(key.project_id))
    throw bad('The key\'s "project_id" is not a Google Cloud project id.');
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(key.private_key)) {
    throw bad('The key\'s "private_key" is not a PEM private key.');
  }
  registerKeySecrets(key.private_key, key.private_key_id ?? null);
  try {
    const parsed = createPrivateKey(key.private_key);
    if (parsed.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw bad('The key\'s "private_key" could not be read as an RSA private key; the file may be damaged.');
  }
  checkTokenUri(key.token_uri);
  return {
    projectId: key.project_id,
    clientEmail: key.client_email,
    privateKey: key.private_key,
    privateKeyId: key.private_key_id ?? null,
    tokenUri: key.token_uri,
  };
}
