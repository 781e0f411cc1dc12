/**
 * Scaleway API shapes volsnap reads (the fields it uses), after the official
 * SDK (scaleway/scaleway-sdk-js, packages_generated/{block,instance}), and the
 * zones each API serves (the SDK's LOCALITY; PROVIDERS.md section 2).
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

export interface ScwReference {
  product_resource_type: string;
  product_resource_id: string;
  status?: string;
}
/** Block API volume. */
export interface ScwVolume {
  id: string;
  name: string;
  size: number;
  project_id: string;
  references: ScwReference[];
  status: string;
  tags: string[];
  zone: string;
}
/** Block API snapshot. */
export interface ScwSnapshot {
  id: string;
  name: string;
  size: number;
  status: string;
  tags: string[];
  created_at: string | null;
  zone: string;
  parent_volume?: { id: string } | null;
}
/** Instance API server (list servers); `volumes` is keyed "0", "1", ... */
export interface ScwServer {
  id: string;
  name: string;
  zone: string;
  state?: string;
  tags?: string[];
  volumes?: Record<string, { id: string; size?: number; volume_type?: string }>;
}
/** A volume inside an image: its `id` is a snapshot's (Block API for `sbs_snapshot`, else Instance API). */
export interface ScwImageVolume {
  id: string;
  name?: string;
  size?: number;
  volume_type?: string;
}
/** Instance API image, as made by the server `backup` action. */
export interface ScwImage {
  id: string;
  name: string;
  state: string;
  from_server: string | null;
  creation_date: string | null;
  tags: string[] | null;
  root_volume?: ScwImageVolume | null;
  extra_volumes?: Record<string, ScwImageVolume> | null;
}
/** Instance API task (most fields deprecated; `href_result` names what was made). */
export interface ScwTask {
  id?: string;
  status?: string;
  href_result?: string;
}
