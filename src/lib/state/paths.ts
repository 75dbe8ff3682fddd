/** Internal links with a query string, resolved against the app's base path. */
import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';

export type Route = '/' | '/compare';

export const withQuery = (route: Route, query: string): ResolvedPathname =>
  `${resolve(route)}${query ? `?${query}` : ''}` as ResolvedPathname;
