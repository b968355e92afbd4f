/** The app's pages; the server answers index.html for any non-API path. */
export type Page = 'map' | 'dispatch' | 'plan' | 'wall' | 'supervise' | 'ledgers';

/**
 * The page for a location pathname: `/dispatch`, `/plan`, `/wall` or `/supervise` (with or without a
 * trailing slash),
 * else the map.
 * @example pageFor('/dispatch/') // 'dispatch'
 */
export function pageFor(pathname: string): Page {
  const path = pathname.replace(/\/+$/, '');
  if (path === '/dispatch') return 'dispatch';
  if (path === '/plan') return 'plan';
  if (path === '/wall') return 'wall';
  if (path === '/supervise') return 'supervise';
  if (path === '/ledgers') return 'ledgers';
  return 'map';
}
