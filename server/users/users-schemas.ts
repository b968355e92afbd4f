import { z } from 'zod';
import { ROLES } from '../../common/auth.ts';

// What the users routes accept; every message names the accepted range.

const USERNAME = 'expected a username of 3–32 characters a–z, 0–9, _';
const DISPLAY_NAME = 'expected a display name of 1–50 characters';
const PASSWORD = 'expected a password of 12–200 characters';
const VERSION = 'expected the version you last saw (a positive integer)';

const displayName = z
  .string({ error: DISPLAY_NAME })
  .trim()
  .min(1, { error: DISPLAY_NAME })
  .max(50, { error: DISPLAY_NAME });
const password = z
  .string({ error: PASSWORD })
  .min(12, { error: PASSWORD })
  .max(200, { error: PASSWORD });
const role = z.enum(ROLES, { error: `expected one of ${ROLES.join(', ')}` });
const codes = (digits: number) =>
  z
    .array(
      z
        .string()
        .regex(new RegExp(`^\\d{${digits}}$`), { error: `expected a ${digits}-digit code` }),
      { error: `expected a list of ${digits}-digit codes` },
    )
    .max(50, { error: 'expected at most 50 codes' });
const scope = z
  .object(
    {
      streets: codes(12),
      communities: codes(12),
      grids: codes(15),
      enterpriseId: z
        .number({ error: 'expected an enterprise id 1–2147483647' })
        .int({ error: 'expected an enterprise id 1–2147483647' })
        .min(1, { error: 'expected an enterprise id 1–2147483647' })
        .max(2_147_483_647, { error: 'expected an enterprise id 1–2147483647' })
        .optional(),
    },
    {
      error:
        "expected { streets, communities, grids, enterpriseId? }: lists of 12-digit street and community codes and 15-digit grid codes; an enterprise user's enterprise id",
    },
  )
  .strict();
const version = z
  .number({ error: VERSION })
  .int({ error: VERSION })
  .min(1, { error: VERSION })
  .max(2_147_483_647, { error: VERSION });

export const userIdParamSchema = z.object({
  id: z.coerce
    .number({ error: 'expected a positive integer user id' })
    .int({ error: 'expected a positive integer user id' })
    .min(1, { error: 'expected a positive integer user id' })
    .max(2_147_483_647, { error: 'expected a user id ≤ 2147483647' }),
});

export const createUserSchema = z
  .object({
    username: z.string({ error: USERNAME }).regex(/^[a-z0-9_]{3,32}$/, { error: USERNAME }),
    displayName,
    role,
    scope,
    password,
  })
  .strict();

export const editUserSchema = z
  .object({
    version,
    displayName: displayName.optional(),
    role: role.optional(),
    scope: scope.optional(),
    active: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .strict()
  .refine((b) => [b.displayName, b.role, b.scope, b.active].some((v) => v !== undefined), {
    error: 'expected a change: at least one of displayName, role, scope, active',
  });

export const passwordResetSchema = z.object({ version, password }).strict();

export const ownPasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'expected your current password (1–256 characters)' })
      .min(1, { error: 'expected your current password (1–256 characters)' })
      .max(256, { error: 'expected your current password (1–256 characters)' }),
    newPassword: password,
  })
  .strict();
