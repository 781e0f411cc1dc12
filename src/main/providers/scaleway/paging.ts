/**
 * The two ways Scaleway pages lists: the Block API puts `total_count` in the
 * body (`page`/`page_size`), the Instance API sends it in the `X-Total-Count`
 * header (`page`/`per_page`); PROVIDERS.md section 2. Every page is validated
 * against the endpoint's schema (schemas.ts).
 */
import type { z } from 'zod';
import type { HttpClient, HttpRequest } from '../http/client';
import { collectPages } from '../http/setup';
import { PAGE_SIZE } from './api';

export interface ListRequest<B, T> {
  path: string;
  /** The page's shape, e.g. `scwVolumesPage`. */
  schema: z.ZodType<B>;
  /** The page's items: `(b) => b.volumes`. */
  itemsOf: (body: B) => T[];
  query?: Record<string, string>;
  action: string;
  scope: string;
}

function nextPage(req: HttpRequest): HttpRequest {
  return { ...req, query: { ...req.query, page: Number(req.query?.page ?? 1) + 1 } };
}

/** Pages one list: `sizeParam` names the page size, `totalOf` reads the total from the body or headers. */
function pages<B, T>(
  http: HttpClient,
  list: ListRequest<B, T>,
  sizeParam: 'page_size' | 'per_page',
  totalOf: (body: B, headers: Headers) => number,
): Promise<T[]> {
  let seen = 0;
  return collectPages(
    http,
    {
      method: 'GET',
      path: list.path,
      query: { ...list.query, page: 1, [sizeParam]: PAGE_SIZE },
      action: list.action,
      scope: list.scope,
    },
    list.schema,
    list.itemsOf,
    (b, req, headers) => {
      const items = list.itemsOf(b);
      seen += items.length;
      return items.length > 0 && seen < totalOf(b, headers) ? nextPage(req) : null;
    },
  );
}

/** Every item of a Block API list. */
export function blockPages<B extends { total_count: number }, T>(
  http: HttpClient,
  list: ListRequest<B, T>,
): Promise<T[]> {
  return pages(http, list, 'page_size', (b) => b.total_count);
}

/** Every item of an Instance API list. */
export function instancePages<B extends { total_count?: number }, T>(
  http: HttpClient,
  list: ListRequest<B, T>,
): Promise<T[]> {
  return pages(http, list, 'per_page', (b, headers) => Number(headers.get('x-total-count') ?? b.total_count ?? 0));
}
