/**
 * DigitalOcean, one concern per file: api.ts (wire shapes, paging),
 * dialect.ts (errors, rate limits, scopes), client.ts (the ProviderClient,
 * volumes), droplet-snapshots.ts (Droplet actions, tagging), action-handle.ts.
 * Only the providers index imports this folder.
 */
export { DigitalOceanClient } from './client';
export { digitalOceanDialect } from './dialect';
export { DIGITALOCEAN_API_URL } from './api';
export { encodeActionHandle, parseActionHandle, type ActionHandle } from './action-handle';
