/**
 * What volsnap reads from each Compute Engine answer, as zod schemas shaped
 * after the official discovery document (test/fixtures/gcp/). Only the fields
 * volsnap uses are named; int64 values arrive as decimal strings. They are
 * checked by the HTTP layer's `read()`: an answer that does not parse is an
 * error, never an empty list or a success.
 */
import { z } from 'zod';

const int64 = z.string().regex(/^\d+$/);
const labels = z.record(z.string(), z.string());

export const GceProject = z.object({ name: z.string().min(1), id: z.string().optional() });

export const GceDisk = z.object({
  name: z.string().min(1).max(63),
  id: z.string().optional(),
  /** URL of the zone; absent for regional disks, which carry `region`. */
  zone: z.string().optional(),
  region: z.string().optional(),
  sizeGb: int64.optional(),
  status: z.string().optional(),
  users: z.array(z.string()).optional(),
  labels: labels.optional(),
  selfLink: z.string().optional(),
});
export type GceDisk = z.infer<typeof GceDisk>;

const warning = z.object({ code: z.string().optional(), message: z.string().optional() }).optional();

export const GceDiskAggregatedList = z.object({
  items: z.record(z.string(), z.object({ disks: z.array(GceDisk).optional(), warning })).optional(),
  nextPageToken: z.string().optional(),
  unreachables: z.array(z.string()).optional(),
});
export type GceDiskAggregatedList = z.infer<typeof GceDiskAggregatedList>;

export const GceSnapshotStatus = z.enum(['CREATING', 'UPLOADING', 'READY', 'FAILED', 'DELETING']);

export const GceSnapshot = z.object({
  name: z.string().min(1).max(63),
  id: z.string().optional(),
  status: GceSnapshotStatus,
  description: z.string().optional(),
  sourceDisk: z.string().optional(),
  diskSizeGb: int64.optional(),
  storageBytes: int64.optional(),
  creationTimestamp: z.string().optional(),
  labels: labels.optional(),
});
export type GceSnapshot = z.infer<typeof GceSnapshot>;

export const GceSnapshotList = z.object({
  items: z.array(GceSnapshot).optional(),
  nextPageToken: z.string().optional(),
});
export type GceSnapshotList = z.infer<typeof GceSnapshotList>;

export const GceOperation = z.object({
  name: z.string().min(1),
  status: z.enum(['PENDING', 'RUNNING', 'DONE']),
  zone: z.string().optional(),
  targetLink: z.string().optional(),
  httpErrorStatusCode: z.number().int().optional(),
  error: z
    .object({ errors: z.array(z.object({ code: z.string().optional(), message: z.string().optional() })).min(1) })
    .optional(),
});
export type GceOperation = z.infer<typeof GceOperation>;
