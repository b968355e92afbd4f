import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { ROLES } from '../../common/auth.ts';
import type { UserRecord } from '../../common/users.ts';
import {
  auditEntrySchema,
  errorResponses,
  int,
  jsonResponse,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  createUserSchema,
  editUserSchema,
  ownPasswordSchema,
  passwordResetSchema,
  userIdParamSchema,
} from './users-schemas.ts';

const userRecordSchema = z
  .object({
    id: int(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    scope: z.object({
      streets: z.array(z.string()),
      communities: z.array(z.string()),
      grids: z.array(z.string()),
      enterpriseId: int().optional(),
    }),
    active: z.boolean(),
    version: int(),
  })
  .meta({ id: 'UserRecord' }) satisfies z.ZodType<UserRecord>;

export const usersPaths: ZodOpenApiPathsObject = {
  '/api/users': {
    get: {
      tags: ['users'],
      summary:
        'The users the caller may manage: a district admin everyone; a street admin the community admins and grid managers of their street; a community admin the grid managers of their community',
      security: USER,
      responses: {
        ...jsonResponse('Users (never a password or its hash)', z.array(userRecordSchema)),
        ...errorResponses(401, 403),
      },
    },
    post: {
      tags: ['users'],
      summary:
        'Create a user with a role and scope the caller may give (within their area, no role above their own)',
      security: USER,
      requestBody: { content: { 'application/json': { schema: createUserSchema } } },
      responses: {
        ...jsonResponse('The created user', userRecordSchema, '201'),
        ...errorResponses(400, 401, 403, 409),
      },
    },
  },
  '/api/users/{id}': {
    patch: {
      tags: ['users'],
      summary:
        'Change a user’s display name, role, scope or activity; deactivation ends their sessions. Versioned and audited',
      security: USER,
      requestParams: { path: userIdParamSchema },
      requestBody: { content: { 'application/json': { schema: editUserSchema } } },
      responses: {
        ...jsonResponse('The user after the change', userRecordSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/users/{id}/password': {
    post: {
      tags: ['users'],
      summary: 'Set a new password for a user (an admin’s reset); ends the user’s sessions',
      security: USER,
      requestParams: { path: userIdParamSchema },
      requestBody: { content: { 'application/json': { schema: passwordResetSchema } } },
      responses: {
        ...jsonResponse('The user after the change', userRecordSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/users/{id}/history': {
    get: {
      tags: ['users'],
      summary:
        'A user’s audit trail (who, when, before → after; never a password), for those who may manage the user',
      security: USER,
      requestParams: { path: userIdParamSchema },
      responses: {
        ...jsonResponse('The audit trail, oldest first', z.array(auditEntrySchema)),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/auth/password': {
    post: {
      tags: ['auth'],
      summary:
        'Change your own password: the current one is required; every session of yours ends (log in again)',
      security: USER,
      requestBody: { content: { 'application/json': { schema: ownPasswordSchema } } },
      responses: {
        '204': { description: 'Changed; log in again with the new password' },
        ...errorResponses(400, 401, 403),
      },
    },
  },
};
