/**
 * What volsnap requires of each Scaleway answer it reads (Block Storage v1 and
 * Instance v1, after the generated SDK's types). Unknown fields are allowed; a
 * missing id or a list that is not a list fails validation, which the HTTP
 * layer reports as "Scaleway sent an answer volsnap could not understand".
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);

export const scwVolume = z.looseObject({
  id,
  name: z.string(),
  size: z.number(),
  project_id: z.string().min(1),
  references: z
    .array(z.looseObject({ product_resource_type: z.string(), product_resource_id: z.string() }))
    .nullable()
    .optional(),
  status: z.string().max(40),
  tags: z.array(z.string()).nullable().optional(),
  zone: z.string().optional(),
});
export type ScwVolume = z.infer<typeof scwVolume>;

export const scwSnapshot = z.looseObject({
  id,
  name: z.string(),
  size: z.number().nullable().optional(),
  status: z.string().max(40),
  tags: z.array(z.string()).nullable().optional(),
  created_at: z.string().nullable().optional(),
});
export type ScwSnapshot = z.infer<typeof scwSnapshot>;

const totalCount = z.number().int().nonnegative();
export const scwVolumesPage = z.looseObject({ volumes: z.array(scwVolume), total_count: totalCount });
export const scwSnapshotsPage = z.looseObject({ snapshots: z.array(scwSnapshot), total_count: totalCount });
export const scwServersPage = z.looseObject({ servers: z.array(z.looseObject({ id, name: z.string() })) });

/** A DELETE: no content (204), or at most an empty JSON object; anything else is not understood. */
export const scwNoContent = z.union([z.undefined(), z.strictObject({})]);
