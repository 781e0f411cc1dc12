/**
 * The demo cloud's state file, validated when it is read back: an entry
 * without an id or with a wrong type makes the whole file untrusted (the demo
 * then starts afresh and keeps the file aside), so no snapshot is ever reported
 * with the id "undefined".
 */
import { z } from 'zod';

export const demoSnapshotRecord = z.object({
  id: z.string().min(1),
  targetId: z.string().min(1),
  name: z.string(),
  createdAt: z.string(),
  readyAt: z.string(),
  fails: z.boolean(),
  sizeGb: z.number(),
  ruleKey: z.string().nullable(),
  owned: z.boolean(),
});

export const demoStateFile = z.object({
  version: z.literal(1),
  nextId: z.number().int().nonnegative(),
  attempts: z.record(z.string(), z.number().int().nonnegative()),
  snapshots: z.array(demoSnapshotRecord),
});
