/**
 * Offset paging as Secrets Manager v2 lists do it: `offset`/`limit` query
 * parameters (limit default 200, max 1000) and a response carrying
 * `total_count`, `limit`, `offset` and `first`/`next`/`previous`/`last` hrefs.
 */
import { HttpError } from './http-error.js';

export const DEFAULT_LIMIT = 200;
export const MAX_LIMIT = 1000;

export interface PageRequest {
  readonly offset: number;
  readonly limit: number;
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    throw HttpError.badRequest(`The ${name} parameter must be an integer from ${min} to ${max}.`, {
      type: 'parameter',
      name,
    });
  }
  return Number(raw);
}

export function parsePage(query: URLSearchParams): PageRequest {
  return {
    offset: intParam(query, 'offset', 0, 0, Number.MAX_SAFE_INTEGER),
    limit: intParam(query, 'limit', DEFAULT_LIMIT, 1, MAX_LIMIT),
  };
}

export interface PageLinks {
  readonly total_count: number;
  readonly limit: number;
  readonly offset: number;
  readonly first: { readonly href: string };
  readonly next?: { readonly href: string };
  readonly previous?: { readonly href: string };
  readonly last: { readonly href: string };
}

/** Links keep every other query parameter of the request (filters, sort). */
export function pageLinks(requestUrl: URL, page: PageRequest, total: number): PageLinks {
  const href = (offset: number | undefined): { href: string } => {
    const url = new URL(requestUrl.href);
    url.searchParams.set('limit', String(page.limit));
    if (offset === undefined || offset === 0) url.searchParams.delete('offset');
    else url.searchParams.set('offset', String(offset));
    return { href: url.href };
  };
  const lastOffset = total === 0 ? 0 : Math.floor((total - 1) / page.limit) * page.limit;
  return {
    total_count: total,
    limit: page.limit,
    offset: page.offset,
    first: href(0),
    ...(page.offset + page.limit < total ? { next: href(page.offset + page.limit) } : {}),
    ...(page.offset > 0 ? { previous: href(Math.max(0, page.offset - page.limit)) } : {}),
    last: href(lastOffset),
  };
}

/** A page cut from a complete in-memory list. */
export function slicePage<T>(items: readonly T[], page: PageRequest): T[] {
  return items.slice(page.offset, page.offset + page.limit);
}
