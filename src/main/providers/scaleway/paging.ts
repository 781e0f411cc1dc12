/**
 * The two ways Scaleway pages lists: the Block API puts `total_count` in the
 * body (`page`/`page_size`), the Instance API sends it in the `X-Total-Count`
 * header (`page`/`per_page`); PROVIDERS.md section 2.
 */
import type { HttpClient, HttpRequest } from '../http/client';
import { collectPages } from '../http/setup';
import { PAGE_SIZE } from './api';

export interface ListRequest {
  path: string;
  /** The array's key in the body: "volumes", "servers", "images", ... */
  key: string;
  query?: Record<string, string>;
  action: string;
  scope: string;
}

function nextPage(req: HttpRequest): HttpRequest {
  return { ...req, query: { ...req.query, page: Number(req.query?.page ?? 1) + 1 } };
}

/** Every item of a Block API list. */
export function blockPages<T>(http: HttpClient, list: ListRequest): Promise<T[]> {
  let seen = 0;
  return collectPages<Record<string, unknown>, T>(
    http,
    {
      method: 'GET',
      path: list.path,
      query: { ...list.query, page: 1, page_size: PAGE_SIZE },
      action: list.action,
      scope: list.scope,
    },
    (b) => b[list.key] as T[],
    (b, req) => {
      const items = (b[list.key] as T[] | undefined) ?? [];
      seen += items.length;
      const total = typeof b.total_count === 'number' ? b.total_count : 0;
      return items.length > 0 && seen < total ? nextPage(req) : null;
    },
  );
}

/** Every item of an Instance API list. */
export function instancePages<T>(http: HttpClient, list: ListRequest): Promise<T[]> {
  let seen = 0;
  return collectPages<Record<string, unknown>, T>(
    http,
    {
      method: 'GET',
      path: list.path,
      query: { ...list.query, page: 1, per_page: PAGE_SIZE },
      action: list.action,
      scope: list.scope,
    },
    (b) => b[list.key] as T[],
    (b, req, headers) => {
      const items = (b[list.key] as T[] | undefined) ?? [];
      seen += items.length;
      const total = Number(headers.get('x-total-count') ?? b.total_count ?? 0);
      return items.length > 0 && seen < total ? nextPage(req) : null;
    },
  );
}
