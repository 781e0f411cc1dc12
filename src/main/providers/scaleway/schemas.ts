/**
 * What volsnap requires of each Scaleway answer it reads (Block Storage v1 and
 * Instance v1, after the generated SDK's types, scaleway/scaleway-sdk-js
 * packages_generated/{block,instance}). Unknown fields are allowed; a missing
 * id or a list that is not a list fails validation, which the HTTP layer
 * reports as "Scaleway sent an answer volsnap could not understand".
 */
import { z } from 'zod';

const id = z.string().min(1).max(200);
const tags = z.array(z.string()).nullable().optional();
/** A status or state word; short, as it may end up in a message. */
const state = z.string().max(40);

/** Block API volume. */
export const scwVolume = z.looseObject({
  id,
  name: z.string(),
  size: z.number(),
  project_id: z.string().min(1),
  references: z
    .array(z.looseObject({ product_resource_type: z.string(), product_resource_id: z.string() }))
    .nullable()
    .optional(),
  status: state,
  tags,
  zone: z.string().optional(),
});
export type ScwVolume = z.infer<typeof scwVolume>;

/** Block API snapshot. */
export const scwSnapshot = z.looseObject({
  id,
  name: z.string(),
  size: z.number().nullable().optional(),
  status: state,
  tags,
  created_at: z.string().nullable().optional(),
});
export type ScwSnapshot = z.infer<typeof scwSnapshot>;

/** Instance API server (list servers); `volumes` is keyed "0", "1", ... */
export const scwServer = z.looseObject({
  id,
  name: z.string(),
  zone: z.string().min(1).max(40),
  state: state.optional(),
  tags,
  volumes: z
    .record(
      z.string(),
      z.looseObject({ id, size: z.number().nullable().optional(), volume_type: z.string().optional() }),
    )
    .nullable()
    .optional(),
});
export type ScwServer = z.infer<typeof scwServer>;

/** A volume inside an image: its `id` is a snapshot's (Block API for `sbs_snapshot`, else Instance API). */
export const scwImageVolume = z.looseObject({
  id,
  name: z.string().optional(),
  size: z.number().nullable().optional(),
  volume_type: z.string().max(40).optional(),
});
export type ScwImageVolume = z.infer<typeof scwImageVolume>;

/** Instance API image, as made by the server `backup` action. */
export const scwImage = z.looseObject({
  id,
  name: z.string(),
  state,
  from_server: z.string().nullable().optional(),
  creation_date: z.string().nullable().optional(),
  tags,
  root_volume: scwImageVolume.nullable().optional(),
  extra_volumes: z.record(z.string(), scwImageVolume).nullable().optional(),
});
export type ScwImage = z.infer<typeof scwImage>;

/** Instance API task (most fields deprecated; `href_result` names what was made, when it does). */
export const scwTaskAnswer = z.looseObject({
  task: z
    .looseObject({
      id: z.string().optional(),
      status: z.string().optional(),
      href_result: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

/** A snapshot as far as a deletion mark needs it (both APIs). */
export const scwMarkedSnapshot = z.looseObject({ id, tags });

const totalCount = z.number().int().nonnegative();
/** Block API lists carry `total_count` in the body. */
export const scwVolumesPage = z.looseObject({ volumes: z.array(scwVolume), total_count: totalCount });
export const scwSnapshotsPage = z.looseObject({ snapshots: z.array(scwSnapshot), total_count: totalCount });
export const scwMarkedBlockPage = z.looseObject({ snapshots: z.array(scwMarkedSnapshot), total_count: totalCount });
/** Instance API lists send the total in `X-Total-Count`; the body may repeat it. */
export const scwServersPage = z.looseObject({ servers: z.array(scwServer), total_count: totalCount.optional() });
export const scwImagesPage = z.looseObject({ images: z.array(scwImage), total_count: totalCount.optional() });
export const scwMarkedInstancePage = z.looseObject({
  snapshots: z.array(scwMarkedSnapshot),
  total_count: totalCount.optional(),
});
export const scwImageAnswer = z.looseObject({ image: scwImage });

/** A marked snapshot: the Block API answers the snapshot, the Instance API `{snapshot}`. */
export const scwPatchedSnapshot = z.union([z.looseObject({ id }), z.looseObject({ snapshot: z.looseObject({ id }) })]);

/** A DELETE: no content (204), or at most an empty JSON object; anything else is not understood. */
export const scwNoContent = z.union([z.undefined(), z.strictObject({})]);
