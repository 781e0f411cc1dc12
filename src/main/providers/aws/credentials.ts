/**
 * An AWS account's secret is one string (JSON: access key id, secret, optional
 * session token and regions) kept in the SecretStore like any other token.
 * This reads it back and says, per field, what is wrong with it.
 */
import { AwsCredentials } from '../../../shared/aws';
import { AppError, type FieldIssue } from '../../../shared/errors';
import { registerSecret } from '../../ports/log';

/** Fields let the form show each message under its own input. */
const credentialsError = (message: string, fields: FieldIssue[]) => new AppError('invalid_input', message, { fields });

/** Parses the stored/entered secret; throws invalid_input with per-field messages. */
export function parseAwsCredentials(secret: string): AwsCredentials {
  let json: unknown;
  try {
    json = JSON.parse(secret);
  } catch {
    throw credentialsError(
      'AWS needs an access key id and a secret access key, entered in their own fields (this looks like a single token).',
      [{ path: 'token', message: 'Enter the access key id and secret access key in their fields.' }],
    );
  }
  const parsed = AwsCredentials.safeParse(json);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => ({
      path: String(i.path[0] ?? 'token'),
      message: i.message,
    }));
    throw credentialsError(`The AWS credentials are not valid: ${fields.map((f) => f.message).join(' ')}`, fields);
  }
  const creds = parsed.data;
  // Redact each part on its own too: a log line would hold them separately, not as the JSON.
  registerSecret(creds.secretAccessKey);
  if (creds.sessionToken) registerSecret(creds.sessionToken);
  return creds;
}
