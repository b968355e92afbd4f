/** The app's pages; the server answers index.html for any non-API path. */
export type Page =
  | 'map'
  | 'dispatch'
  | 'plan'
  | 'wall'
  | 'supervise'
  | 'registers'
  | 'enterprises'
  | 'red-black-list'
  | 'ledgers';

/**
 * The page for a location pathname: `/dispatch`, `/plan`, `/wall`, `/supervise`, `/registers`,
 * `/enterprises` or `/red-black-list` (public) (with or without a trailing slash),
 * else the map.
 * @example pageFor('/dispatch/') // 'dispatch'
 */
export function pageFor(pathname: string): Page {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/dispatch') return 'dispatch';
  if (path === '/plan') return 'plan';
  if (path === '/wall') return 'wall';
  if (path === '/supervise') return 'supervise';
  if (path === '/registers') return 'registers';
  if (path === '/enterprises') return 'enterprises';
  if (path === '/red-black-list') return 'red-black-list';
  if (path === '/ledgers') return 'ledgers';
  return 'map';
}
