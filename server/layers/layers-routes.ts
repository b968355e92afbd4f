import { Router } from 'express';
import { z } from 'zod';
import { LAYER_FIELDS } from '../../common/api.ts';
import { LAYER_NAMES, type LayerName } from '../../common/domain.ts';
import type { BBox } from '../../common/geo.ts';
import { unauthorized } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findLayerGeoJson } from './layers-queries.ts';

const bboxSchema = z
  .string()
  .transform((s) => s.split(',').map((v) => (v.trim() === '' ? NaN : Number(v))))
  .pipe(
    z
      .tuple(
        [
          z.number({ error: 'minLng must be a number in [-180, 180]' }).min(-180).max(180),
          z.number({ error: 'minLat must be a number in [-90, 90]' }).min(-90).max(90),
          z.number({ error: 'maxLng must be a number in [-180, 180]' }).min(-180).max(180),
          z.number({ error: 'maxLat must be a number in [-90, 90]' }).min(-90).max(90),
        ],
        { error: 'expected 4 comma-separated numbers minLng,minLat,maxLng,maxLat' },
      )
      .refine(([a, b, c, d]) => a <= c && b <= d, {
        error: 'expected minLng ≤ maxLng and minLat ≤ maxLat',
      }),
  );

export const layerQuerySchema = (layer: LayerName) => {
  const allowed: readonly string[] = LAYER_FIELDS[layer];
  const list = allowed.length ? allowed.join(', ') : 'none for this layer';
  return z
    .object({
      bbox: bboxSchema.optional(),
      fields: z
        .string()
        .transform((s) => [
          ...new Set(
            s
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean),
          ),
        ])
        .refine((fs) => fs.every((f) => allowed.includes(f)), {
          error: `expected a comma-separated subset of: ${list}`,
        })
        .optional(),
    })
    .strict();
};

const layerParamSchema = z.object({
  layer: z.enum(LAYER_NAMES, { error: `expected one of: ${LAYER_NAMES.join(', ')}` }),
});

// Who may read what of the layers (README "What is public"): the map of the plan — boundaries,
// compounds by coverage mode, party-mass service stations — is public; cameras and the link from
// a compound to its enterprise need a login; cameras' stream addresses need the command centre.
const LOGIN_LAYERS: readonly LayerName[] = ['cameras'];
const LOGIN_FIELDS: readonly string[] = ['enterpriseId'];
const COMMAND_CENTRE_FIELDS: readonly string[] = ['streamUrl'];

/** Refuses a read of a layer or field the principal may not see (401 anonymous, 403 by role). */
function checkLayerAccess(p: Principal | undefined, layer: LayerName, fields: string[]): void {
  const needsLogin =
    LOGIN_LAYERS.includes(layer) ||
    fields.some((f) => LOGIN_FIELDS.includes(f) || COMMAND_CENTRE_FIELDS.includes(f));
  if (needsLogin && p?.kind !== 'user') throw unauthorized();
  const restricted = fields.find((f) => COMMAND_CENTRE_FIELDS.includes(f));
  if (restricted && !(p?.kind === 'user' && ['operator', 'district_admin'].includes(p.role))) {
    throw new AppError(
      403,
      'forbidden',
      `fields: ${restricted} is for operators and district admins`,
      'fields',
    );
  }
}

/** GET /api/layers/{layer}?bbox=&fields= → GeoJSON FeatureCollection */
export function layersRouter(db: Db): Router {
  const router = Router();
  router.get('/api/layers/:layer', async (req, res) => {
    const { layer } = parseInput(layerParamSchema, req.params, 'layer');
    const q = parseInput(layerQuerySchema(layer), req.query);
    checkLayerAccess(req.principal, layer, q.fields ?? []);
    const body = await findLayerGeoJson(db, layer, {
      bbox: q.bbox as BBox | undefined,
      fields: q.fields ?? [],
    });
    res.type('application/geo+json').send(body);
  });
  return router;
}
