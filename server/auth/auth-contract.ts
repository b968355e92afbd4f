import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { ROLES, type LoginResult, type SessionUser } from '../../common/auth.ts';
import {
  ANYONE,
  errorResponses,
  int,
  jsonResponse,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { loginSchema } from './auth-routes.ts';

export const sessionUserSchema = z
  .object({
    id: int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    scope: z.object({
      district: z.boolean(),
      streets: z.array(z.string()),
      communities: z.array(z.string()),
      grids: z.array(z.string()),
      enterpriseId: int()
        .optional()
        .meta({ description: 'the enterprise role: its one enterprise' }),
    }),
  })
  .meta({ id: 'SessionUser' }) satisfies z.ZodType<SessionUser>;

const loginResultSchema = z
  .object({ token: z.string(), expiresAt: timestamp(), user: sessionUserSchema })
  .meta({ id: 'LoginResult' }) satisfies z.ZodType<LoginResult>;

export const authPaths: ZodOpenApiPathsObject = {
  '/api/auth/login': {
    post: {
      tags: ['auth'],
      summary: 'Log in: a session token for the Authorization: Bearer header',
      security: ANYONE,
      requestBody: { content: { 'application/json': { schema: loginSchema } } },
      responses: {
        ...jsonResponse('A session token and who you are', loginResultSchema),
        ...errorResponses(400, 401, 429),
      },
    },
  },
  '/api/auth/logout': {
    post: {
      tags: ['auth'],
      summary: 'End every session of the user (all devices) and their live sockets',
      security: USER,
      responses: { '204': { description: 'Logged out' }, ...errorResponses(401, 403) },
    },
  },
  '/api/auth/me': {
    get: {
      tags: ['auth'],
      summary: 'The logged-in user',
      security: USER,
      responses: { ...jsonResponse('You', sessionUserSchema), ...errorResponses(401, 403) },
    },
  },
};
