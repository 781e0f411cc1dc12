/**
 * What volsnap requires of each Hetzner Cloud answer it reads (after the
 * official spec, docs.hetzner.cloud/cloud.spec.json). Unknown fields are
 * allowed; a missing id or a list that is not a list fails validation, which
 * the HTTP layer reports as "Hetzner Cloud sent an answer volsnap could not
 * understand".
 */
import { z } from 'zod';

const id = z.number().int().nonnegative();
const labels = z.record(z.string(), z.string()).nullable().optional();
const locationName = z.looseObject({ name: z.string() });

export const hzMeta = z
  .looseObject({
    pagination: z
      .looseObject({
        next_page: z.number().int().positive().nullable().optional(),
        total_entries: z.number().int().nonnegative().nullable().optional(),
      })
      .optional(),
  })
  .optional();

export const hzServer = z.looseObject({
  id,
  name: z.string(),
  server_type: z.looseObject({ disk: z.number().optional() }).nullable().optional(),
  primary_disk_size: z.number().nullable().optional(),
  datacenter: z.looseObject({ location: locationName.nullable().optional() }).nullable().optional(),
  location: locationName.nullable().optional(),
  labels,
});
export type HzServer = z.infer<typeof hzServer>;

export const hzVolume = z.looseObject({
  id,
  name: z.string(),
  size: z.number(),
  server: id.nullable(),
  location: locationName.nullable().optional(),
  labels,
});
export type HzVolume = z.infer<typeof hzVolume>;

export const hzImage = z.looseObject({
  id,
  type: z.string().max(40),
  status: z.string().max(40),
  name: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
  image_size: z.number().nullable().optional(),
  created: z.string().nullable().optional(),
  created_from: z.looseObject({ id, name: z.string().optional() }).nullable().optional(),
  bound_to: id.nullable().optional(),
  labels,
  protection: z.looseObject({ delete: z.boolean() }),
});
export type HzImage = z.infer<typeof hzImage>;

export const hzServersPage = z.looseObject({ servers: z.array(hzServer), meta: hzMeta });
export const hzVolumesPage = z.looseObject({ volumes: z.array(hzVolume), meta: hzMeta });
export const hzImagesPage = z.looseObject({ images: z.array(hzImage), meta: hzMeta });
export const hzImageAnswer = z.looseObject({ image: hzImage });

/** A DELETE: no content (204), or at most an empty JSON object; anything else is not understood. */
export const hzNoContent = z.union([z.undefined(), z.strictObject({})]);
