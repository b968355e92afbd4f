import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { LayerCollections } from '../../common/api.ts';
import {
  COVERAGE_MODES,
  STATION_KINDS,
  STATION_SERVICES,
  STREET_KINDS,
  type LayerName,
} from '../../common/domain.ts';
import {
  ANYONE,
  count,
  errorResponses,
  featureCollectionSchema,
  int,
  multiPolygonSchema,
  pointSchema,
  polygonSchema,
  USER,
} from '../openapi/wire-schemas.ts';
import { layerQuerySchema } from './layers-routes.ts';

const keyed = { code: z.string(), name: z.string() };
const id = { id: int(), name: z.string() };

// each layer's properties: the key and name always, the rest only when asked for with `fields=`
const layerSchemas = {
  district: featureCollectionSchema(z.union([multiPolygonSchema, polygonSchema]), z.object(keyed)),
  streets: featureCollectionSchema(
    polygonSchema,
    z.object({
      ...keyed,
      kind: z.enum(STREET_KINDS).optional(),
      areaKm2: z.number().optional(),
    }),
  ),
  communities: featureCollectionSchema(
    polygonSchema,
    z.object({ ...keyed, streetCode: z.string().optional(), areaKm2: z.number().optional() }),
  ),
  grids: featureCollectionSchema(
    polygonSchema,
    z.object({ ...keyed, communityCode: z.string().optional() }),
  ),
  compounds: featureCollectionSchema(
    polygonSchema,
    z.object({
      ...id,
      coverageMode: z.enum(COVERAGE_MODES).optional(),
      households: count().optional(),
      buildings: count().optional(),
      yearBuilt: int().optional(),
      longTermManaged: z.boolean().optional(),
      streetCode: z.string().optional(),
      communityCode: z.string().optional(),
      gridCode: z.string().optional(),
      enterpriseId: int().nullable().optional(),
    }),
  ),
  stations: featureCollectionSchema(
    pointSchema,
    z.object({
      ...id,
      kind: z.enum(STATION_KINDS).optional(),
      services: z.array(z.enum(STATION_SERVICES)).optional(),
      streetCode: z.string().nullable().optional(),
      communityCode: z.string().nullable().optional(),
      compoundId: int().nullable().optional(),
    }),
  ),
  cameras: featureCollectionSchema(
    pointSchema,
    z.object({
      ...id,
      compoundId: int().optional(),
      platformCameraId: z.string().optional(),
      streamUrl: z.string().optional(),
    }),
  ),
} satisfies { [L in LayerName]: z.ZodType<LayerCollections[L]> };

const SUMMARIES: Record<LayerName, string> = {
  district: 'The district outline (鲤城区)',
  streets: 'The 8 streets (街道) and the 清濛经济开发区',
  communities: 'Communities (社区)',
  grids: 'Grids (网格)',
  compounds: 'Residential compounds (小区) by coverage mode',
  stations: 'Party-mass service stations (党群服务中心/站点)',
  cameras: 'Video monitoring points (login; `streamUrl` for operators and district admins)',
};

// one path per layer, so each documents its own properties (the route is /api/layers/{layer})
export const layersPaths: ZodOpenApiPathsObject = Object.fromEntries(
  (Object.keys(layerSchemas) as LayerName[]).map((layer) => [
    `/api/layers/${layer}`,
    {
      get: {
        tags: ['layers'],
        summary: SUMMARIES[layer],
        description:
          'GeoJSON (WGS84). `bbox=minLng,minLat,maxLng,maxLat` keeps the features that meet it; `fields=` adds properties beyond the key and name.',
        security: layer === 'cameras' ? USER : ANYONE,
        requestParams: { query: layerQuerySchema(layer) },
        responses: {
          '200': {
            description: 'A FeatureCollection',
            content: { 'application/geo+json': { schema: layerSchemas[layer] } },
          },
          ...errorResponses(400, 401, 403),
        },
      },
    },
  ]),
);
