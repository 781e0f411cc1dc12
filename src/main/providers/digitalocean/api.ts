/**
 * DigitalOcean API v2 constants and the pagination helper; the shapes volsnap
 * reads, and their validation, are in schemas.ts.
 */
import type { HttpRequest } from '../http/client';

export const DIGITALOCEAN_API_URL = 'https://api.digitalocean.com';
export const LABEL = 'DigitalOcean';
/** The spec's maximum `per_page`. */
export const PER_PAGE = 200;

export type { DoAction, DoDroplet, DoImage, DoSnapshot, DoVolume } from './schemas';

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
