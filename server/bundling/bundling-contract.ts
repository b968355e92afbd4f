import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  PROPOSAL_ACTIONS,
  PROPOSAL_STATES,
  type BundleEvaluation,
  type BundleProposal,
  type BundleProposalDetail,
  type BundlingResult,
} from '../../common/bundling.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { evaluateSchema, suggestSchema } from './bundling-routes.ts';
import {
  actionSchemas,
  createSchema,
  editSchema,
  idSchema,
  listSchema,
} from './proposals-routes.ts';

const compactnessSchema = z.object({
  sumDistanceToCentreM: z.number(),
  hullAreaM2: z.number(),
  spanM: z.number(),
});

const bundleFigures = {
  compoundIds: z.array(int()),
  anchorId: int().nullable(),
  households: count(),
  unmanagedHouseholds: count(),
  unmanagedCompounds: count(),
  buildings: count(),
  compactness: compactnessSchema,
};

const VIOLATION_CODES = [
  'empty',
  'unknown_compound',
  'duplicate_compound',
  'mixed_units',
  'not_connected',
  'no_unmanaged',
  'several_managed',
  'managed_not_allowed',
  'below_minimum_households',
  'above_maximum_households',
  'above_maximum_compounds',
] as const;

const bundlingResultSchema = z
  .object({
    options: z.object({
      neighbourDistanceM: z.number(),
      minHouseholds: z.number(),
      maxHouseholds: z.number(),
      maxCompounds: int(),
      unit: z.enum(['community', 'street']),
      allowManagedAnchor: z.boolean(),
      restarts: int(),
      seed: int(),
    }),
    bundles: z.array(z.object({ unitCode: z.string(), ...bundleFigures })),
    leftovers: z.array(
      z.object({
        compoundId: int(),
        unitCode: z.string(),
        households: count(),
        reason: z.enum(['isolated', 'too_few_households', 'unplaced']),
      }),
    ),
    summary: z.object({
      unmanagedCompounds: count(),
      unmanagedHouseholds: count(),
      coveredCompounds: count(),
      coveredHouseholds: count(),
      bundles: count(),
      anchoredBundles: count(),
      sumDistanceToCentreM: z.number(),
    }),
  })
  .meta({ id: 'BundlingResult' }) satisfies z.ZodType<BundlingResult>;

const bundleEvaluationSchema = z
  .object({
    unitCode: z.string().nullable(),
    ...bundleFigures,
    viable: z.boolean(),
    violations: z.array(z.object({ code: z.enum(VIOLATION_CODES), message: z.string() })),
  })
  .meta({ id: 'BundleEvaluation' }) satisfies z.ZodType<BundleEvaluation>;

const providerSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('professional'), enterpriseId: int(), enterpriseName: z.string() }),
  z.object({ mode: z.literal('street_company') }),
  z.object({ mode: z.literal('self_managed') }),
]);

const proposalFields = {
  id: int(),
  name: z.string(),
  state: z.enum(PROPOSAL_STATES),
  unitCode: z.string(),
  streetCode: z.string(),
  compoundIds: z.array(int()),
  anchorId: int().nullable(),
  households: count(),
  unmanagedHouseholds: count(),
  unmanagedCompounds: count(),
  provider: providerSchema.nullable(),
  contractedOn: isoDate().nullable(),
  createdBy: z.string(),
  createdAt: timestamp(),
  updatedAt: timestamp(),
  version: int().meta({ description: 'send it back with an edit or action; a stale one gets 409' }),
};

const proposalSchema = z
  .object(proposalFields)
  .meta({ id: 'BundleProposal' }) satisfies z.ZodType<BundleProposal>;

const proposalDetailSchema = z
  .object({
    ...proposalFields,
    audit: z.array(
      z.object({
        at: timestamp(),
        actor: z.string(),
        action: z.enum(PROPOSAL_ACTIONS),
        fromState: z.enum(PROPOSAL_STATES).nullable(),
        toState: z.enum(PROPOSAL_STATES),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'BundleProposalDetail' }) satisfies z.ZodType<BundleProposalDetail>;

const PLANNERS = 'Planners and district admins anywhere; a street admin in their own street.';

const ACTION_SUMMARIES = {
  approve: 'Approve a draft',
  assign: 'Name the provider that will serve the bundle',
  contract: 'Mark it contracted: its unmanaged compounds take the provider’s mode',
  withdraw: 'Withdraw a draft or approved proposal',
} as const;

export const bundlingPaths: ZodOpenApiPathsObject = {
  '/api/bundles/suggest': {
    post: {
      tags: ['bundling'],
      summary:
        'Suggest bundles of neighbouring unmanaged compounds (打包) for a street or the district',
      description: PLANNERS,
      security: USER,
      requestBody: { content: { 'application/json': { schema: suggestSchema } } },
      responses: {
        ...jsonResponse('Bundles and leftovers', bundlingResultSchema),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/bundles/evaluate': {
    post: {
      tags: ['bundling'],
      summary: 'Check a hand-made selection against the bundling rules',
      description: PLANNERS,
      security: USER,
      requestBody: { content: { 'application/json': { schema: evaluateSchema } } },
      responses: {
        ...jsonResponse('The evaluation', bundleEvaluationSchema),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/bundles/proposals': {
    get: {
      tags: ['bundling'],
      summary: 'Bundle proposals, newest first',
      description: `${PLANNERS} Operators read.`,
      security: USER,
      requestParams: { query: listSchema },
      responses: {
        ...jsonResponse('Proposals', z.array(proposalSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
    post: {
      tags: ['bundling'],
      summary: 'Save a viable selection as a draft proposal',
      description: PLANNERS,
      security: USER,
      requestBody: { content: { 'application/json': { schema: createSchema } } },
      responses: {
        ...jsonResponse('Created', proposalSchema, '201'),
        ...errorResponses(400, 401, 403, 409),
      },
    },
  },
  '/api/bundles/proposals/{id}': {
    get: {
      tags: ['bundling'],
      summary: 'One proposal with its audit trail',
      security: USER,
      requestParams: { path: idSchema },
      responses: {
        ...jsonResponse('The proposal', proposalDetailSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    patch: {
      tags: ['bundling'],
      summary: 'Edit a draft (name, compounds)',
      description: PLANNERS,
      security: USER,
      requestParams: { path: idSchema },
      requestBody: { content: { 'application/json': { schema: editSchema } } },
      responses: {
        ...jsonResponse('The proposal', proposalSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  ...Object.fromEntries(
    (Object.keys(actionSchemas) as (keyof typeof actionSchemas)[]).map((action) => [
      `/api/bundles/proposals/{id}/${action}`,
      {
        post: {
          tags: ['bundling'],
          summary: ACTION_SUMMARIES[action],
          description: PLANNERS,
          security: USER,
          requestParams: { path: idSchema },
          requestBody: { content: { 'application/json': { schema: actionSchemas[action] } } },
          responses: {
            ...jsonResponse('The proposal', proposalSchema),
            ...errorResponses(400, 401, 403, 404, 409),
          },
        },
      },
    ]),
  ),
};
