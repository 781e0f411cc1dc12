/**
 * What volsnap requires of each DigitalOcean answer it reads (after the OpenAPI
 * spec, docs.digitalocean.com/reference/api). Unknown fields are allowed; a
 * missing id, a list that is not a list, or a wrong type fails validation, and
 * the HTTP layer turns that into "DigitalOcean sent an answer volsnap could not
 * understand", never an empty list or a success.
 */
import { z } from 'zod';

/** Ids are UUID strings for volumes, integers (or numeric strings) for Droplet images. */
const imageId = z.union([z.string().min(1).max(200), z.number().int().nonnegative()]);
const tags = z.array(z.string()).nullable().optional();

export const doLinks = z
  .looseObject({ pages: z.looseObject({ next: z.string().max(4000).optional() }).optional() })
  .optional();

export const doAccountAnswer = z.looseObject({
  account: z.looseObject({
    email: z.string(),
    status: z.string().max(40),
    team: z.looseObject({ name: z.string().optional() }).nullable().optional(),
  }),
});

export const doVolume = z.looseObject({
  id: z.string().min(1).max(200),
  name: z.string(),
  size_gigabytes: z.number(),
  region: z.looseObject({ slug: z.string() }),
  droplet_ids: z.array(z.number().int()).nullable().optional(),
  tags,
});
export type DoVolume = z.infer<typeof doVolume>;

export const doDroplet = z.looseObject({
  id: z.number().int().nonnegative(),
  name: z.string(),
  disk: z.number(),
  region: z.looseObject({ slug: z.string() }),
  tags,
});
export type DoDroplet = z.infer<typeof doDroplet>;

export const doSnapshot = z.looseObject({
  id: imageId,
  name: z.string(),
  created_at: z.string(),
  size_gigabytes: z.number().nullable().optional(),
  tags,
  type: z.string().max(40).optional(),
});
export type DoSnapshot = z.infer<typeof doSnapshot>;

export const doAction = z.looseObject({
  id: z.number().int().nonnegative(),
  status: z.enum(['in-progress', 'completed', 'errored']),
  started_at: z.string().nullable().optional(),
});
export type DoAction = z.infer<typeof doAction>;

export const doImage = z.looseObject({ id: imageId, tags });
export type DoImage = z.infer<typeof doImage>;

export const doVolumesPage = z.looseObject({ volumes: z.array(doVolume), links: doLinks });
export const doDropletsPage = z.looseObject({ droplets: z.array(doDroplet), links: doLinks });
export const doSnapshotsPage = z.looseObject({ snapshots: z.array(doSnapshot), links: doLinks });
export const doImagesPage = z.looseObject({ images: z.array(doImage), links: doLinks });
export const doSnapshotAnswer = z.looseObject({ snapshot: doSnapshot });
export const doActionAnswer = z.looseObject({ action: doAction });

/** A DELETE or tag call: no content (204), or at most an empty JSON object; anything else is not understood. */
export const doNoContent = z.union([z.undefined(), z.strictObject({})]);
