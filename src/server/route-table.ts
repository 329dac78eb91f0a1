/**
 * A minimal path router: `/secrets/:id/versions/:version_id` patterns matched
 * segment by segment, telling "no such path" (404) from "path exists, wrong
 * method" (405 with the allowed methods).
 */
import { HttpError } from './http-error.js';

export interface RouteDef {
  readonly method: string;
  readonly pattern: string;
}

export type RouteMatch<R extends RouteDef> =
  | { readonly kind: 'found'; readonly route: R; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'wrong-method'; readonly allowed: readonly string[] }
  | { readonly kind: 'none' };

interface Compiled<R> {
  readonly route: R;
  readonly segments: readonly string[];
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw HttpError.badRequest('The request path is not valid percent-encoding.');
  }
}

function matchSegments(pattern: readonly string[], path: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== path.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const want = pattern[i] ?? '';
    const got = path[i] ?? '';
    if (want.startsWith(':')) params[want.slice(1)] = decodeSegment(got);
    else if (want !== got) return undefined;
  }
  return params;
}

export class RouteTable<R extends RouteDef> {
  private readonly compiled: readonly Compiled<R>[];

  constructor(routes: readonly R[]) {
    this.compiled = routes.map((route) => ({ route, segments: splitPath(route.pattern) }));
  }

  match(method: string, path: string): RouteMatch<R> {
    const segments = splitPath(path);
    const allowed: string[] = [];
    for (const { route, segments: pattern } of this.compiled) {
      const params = matchSegments(pattern, segments);
      if (params === undefined) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allowed.push(route.method);
    }
    return allowed.length > 0 ? { kind: 'wrong-method', allowed } : { kind: 'none' };
  }
}
