/**
 * Scaleway API constants: the zones each API serves (the SDK's LOCALITY;
 * PROVIDERS.md section 2). The shapes volsnap reads are in schemas.ts.
 */

export const SCALEWAY_API_URL = 'https://api.scaleway.com';
export const LABEL = 'Scaleway';

/** Block Storage API zones. */
export const SCALEWAY_BLOCK_ZONES = [
  'fr-par-1',
  'fr-par-2',
  'fr-par-3',
  'nl-ams-1',
  'nl-ams-2',
  'nl-ams-3',
  'pl-waw-1',
  'pl-waw-2',
  'pl-waw-3',
];
/** Instance API zones: the Block ones plus it-mil-1. */
export const SCALEWAY_INSTANCE_ZONES = [...SCALEWAY_BLOCK_ZONES, 'it-mil-1'];

/** Largest page either API serves. */
export const PAGE_SIZE = 100;

export type { ScwImage, ScwImageVolume, ScwServer, ScwSnapshot, ScwVolume } from './schemas';
