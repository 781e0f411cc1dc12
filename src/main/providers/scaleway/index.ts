/**
 * Scaleway, one concern per file: api.ts (wire shapes, zones), dialect.ts
 * (errors), paging.ts, volume-snapshots.ts (Block Storage), server-backups.ts,
 * image-ownership.ts and backup-deletion.ts (Instance server backups),
 * client.ts (the ProviderClient). Only the providers index imports this folder.
 */
export { ScalewayClient } from './client';
export { scalewayDialect } from './dialect';
export { SCALEWAY_API_URL, SCALEWAY_BLOCK_ZONES, SCALEWAY_INSTANCE_ZONES } from './api';
