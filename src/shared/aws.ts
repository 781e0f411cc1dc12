/**
 * AWS facts both sides need: the shape of the credentials the Add account form
 * sends (as ONE secret string, JSON) and the tags volsnap writes on snapshots,
 * which the IAM policy below also names. Plain data and zod, no Node.
 */
import { z } from 'zod';

/** Ownership tag: key and value (the DeleteSnapshot condition in the IAM policy checks it). */
export const AWS_OWNER_TAG = { key: 'managed-by', value: 'volsnap' } as const;
/** The rule key volsnap created the snapshot for. */
export const AWS_RULE_TAG_KEY = 'volsnap-rule';

/** Access key ids: AKIA (long-term) or ASIA (temporary) followed by 16 upper-case letters and digits. */
const ACCESS_KEY_ID = /^(AKIA|ASIA)[A-Z0-9]{16}$/;
/** Region codes such as eu-west-1, us-gov-west-1, ap-southeast-5. */
export const AWS_REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

export const AwsCredentials = z
  .object({
    accessKeyId: z
      .string()
      .trim()
      .regex(
        ACCESS_KEY_ID,
        'An access key id is 20 characters starting with AKIA (or ASIA for temporary keys), e.g. AKIAIOSFODNN7EXAMPLE.',
      ),
    secretAccessKey: z
      .string()
      .trim()
      .regex(
        /^[A-Za-z0-9/+=]{40}$/,
        'A secret access key is 40 characters of letters, digits, "/" and "+". Copy it again from the key you created.',
      ),
    sessionToken: z
      .string()
      .trim()
      .max(3000, 'This session token is too long (over 3,000 characters).')
      .regex(/^[A-Za-z0-9/+=]+$/, 'A session token has only letters, digits, "/", "+" and "=".')
      .optional(),
    /** Regions to scan; absent or empty means every region enabled for the account. */
    regions: z
      .array(z.string().regex(AWS_REGION_PATTERN, 'Write regions as codes such as eu-west-1, us-east-1.'))
      .max(40)
      .optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.accessKeyId.startsWith('ASIA') && !c.sessionToken) {
      ctx.addIssue({
        code: 'custom',
        path: ['sessionToken'],
        message: 'Keys starting with ASIA are temporary: paste the session token that came with them.',
      });
    }
  });
export type AwsCredentials = z.infer<typeof AwsCredentials>;

/** "eu-west-1, us-east-1" or one per line, as typed in the form, to a list (empty = all regions). */
export function parseRegionList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,;]+/)
        .map((r) => r.trim().toLowerCase())
        .filter(Boolean),
    ),
  ];
}

/** The one secret string stored for an AWS account. */
export function encodeAwsCredentials(credentials: AwsCredentials): string {
  return JSON.stringify(credentials);
}
