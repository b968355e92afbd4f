/** The app's pages; the server answers index.html for any non-API path. */
export type Page = 'map' | 'dispatch';

/**
 * The page for a location pathname: `/dispatch` (with or without a trailing slash), else the map.
 * @example pageFor('/dispatch/') // 'dispatch'
 */
export function pageFor(pathname: string): Page {
  return pathname.replace(/\/+$/, '') === '/dispatch' ? 'dispatch' : 'map';
}
