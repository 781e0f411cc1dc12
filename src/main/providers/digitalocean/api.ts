/**
 * DigitalOcean API v2 shapes volsnap reads (the fields it uses, after the
 * official spec in digitalocean/openapi), and the pagination helpers.
 */
import type { HttpRequest } from '../http/client';

export const DIGITALOCEAN_API_URL = 'https://api.digitalocean.com';
export const LABEL = 'DigitalOcean';
/** The spec's maximum `per_page`. */
export const PER_PAGE = 200;

export interface DoVolume {
  id: string;
  name: string;
  size_gigabytes: number;
  region: { slug: string; name?: string };
  droplet_ids: number[] | null;
  tags: string[] | null;
}
export interface DoDroplet {
  id: number;
  name: string;
  disk: number;
  region: { slug: string };
  tags: string[] | null;
}
export interface DoSnapshot {
  id: string | number;
  name: string;
  created_at: string;
  size_gigabytes: number;
  min_disk_size: number;
  resource_id?: string;
  resource_type?: string;
  tags?: string[] | null;
  type?: 'snapshot' | 'backup';
}
export interface DoAction {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  resource_id: number | null;
}
export interface DoImage {
  id: number;
  name: string;
  tags: string[] | null;
}
export interface DoPage {
  links?: { pages?: { next?: string } };
}

/**
 * The next page of a list: a `links.pages.next` URL replaces the request path
 * (method and wording stay); none when the link is absent.
 */
export function nextPage(body: DoPage, previous: HttpRequest): HttpRequest | null {
  const next = body.links?.pages?.next;
  return next ? { ...previous, path: next, query: undefined } : null;
}
