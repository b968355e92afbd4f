import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { authPaths } from '../auth/auth-contract.ts';
import { bundlingPaths } from '../bundling/bundling-contract.ts';
import { commandFeedPaths } from '../command-feed/command-feed-contract.ts';
import { committeesPaths } from '../committees/committees-contract.ts';
import { compoundsPaths } from '../compounds/compounds-contract.ts';
import { coveragePaths } from '../coverage/coverage-contract.ts';
import { enterprisesPaths } from '../enterprises/enterprises-contract.ts';
import { grievancesPaths } from '../grievances/grievances-contract.ts';
import { fundsPaths } from '../funds/funds-contract.ts';
import { healthPaths } from '../health/health-contract.ts';
import { importsPaths } from '../imports/imports-contract.ts';
import { layersPaths } from '../layers/layers-contract.ts';
import { reportsPaths } from '../reports/reports-contract.ts';
import { photosPaths } from '../photos/photos-contract.ts';
import { stationsPaths } from '../stations/stations-contract.ts';
import { usersPaths } from '../users/users-contract.ts';
import { wallPaths } from '../wall/wall-contract.ts';

/** Every domain's REST contract, in the order the reference shows them. */
export const API_PATHS: ZodOpenApiPathsObject = mergePaths(
  healthPaths,
  authPaths,
  usersPaths,
  layersPaths,
  compoundsPaths,
  coveragePaths,
  grievancesPaths,
  photosPaths,
  wallPaths,
  bundlingPaths,
  commandFeedPaths,
  committeesPaths,
  stationsPaths,
  enterprisesPaths,
  importsPaths,
  fundsPaths,
  reportsPaths,
);

// two domains may document methods of one path (GET /api/enterprises in compounds, POST in enterprises)
function mergePaths(...domains: ZodOpenApiPathsObject[]): ZodOpenApiPathsObject {
  const merged: ZodOpenApiPathsObject = {};
  for (const paths of domains) {
    for (const [path, item] of Object.entries(paths)) merged[path] = { ...merged[path], ...item };
  }
  return merged;
}

/**
 * The OpenAPI 3.1 document of the REST API, generated from the same zod schemas the routes parse
 * with (requests) and that describe the common/ types (answers). Served at /api/openapi.json.
 */
export function buildOpenApiDocument(version: string) {
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: '鲤城区红色物业指挥平台 API',
      version,
      description:
        'REST API of the Licheng red-property command system. Coordinates are WGS84 (EPSG:4326). Every 4xx/5xx answer is an ApiError naming the offending field. Live events travel over Socket.IO (common/events.ts); the platform contract is in docs/command-feed.md.',
    },
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          description: 'The token from POST /api/auth/login',
        },
        apiKey: {
          type: 'apiKey',
          in: 'header',
          name: 'X-API-Key',
          description: 'The integration key (machine intake of events only)',
        },
      },
    },
    paths: API_PATHS,
  });
}
