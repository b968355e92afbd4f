import { z } from 'zod';
import {
  INTERVIEW_OUTCOMES,
  INTERVIEW_REASONS,
  PARTY_BUILDING_KINDS,
  PARTY_ORGS,
} from '../../common/enterprises.ts';
import { isValidCreditCode } from './credit-code.ts';

// What the enterprise routes accept; every message names the accepted range.

const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const VERSION = 'expected the version you last saw (a positive integer)';
const version = z
  .number({ error: VERSION })
  .int({ error: VERSION })
  .min(1, { error: VERSION })
  .max(2_147_483_647, { error: VERSION });
const text = (min: number, max: number, what = 'a text') =>
  z
    .string({ error: `expected ${what} of ${min}–${max} characters` })
    .trim()
    .min(min, { error: `expected ${what} of ${min}–${max} characters` })
    .max(max, { error: `expected ${what} of ${min}–${max} characters` });
const id = (what: string) =>
  z.coerce
    .number({ error: `expected ${what} id 1–2147483647` })
    .int({ error: `expected ${what} id 1–2147483647` })
    .min(1, { error: `expected ${what} id 1–2147483647` })
    .max(2_147_483_647, { error: `expected ${what} id 1–2147483647` });
const period = z
  .string({ error: 'expected a period YYYY or YYYYQ1–YYYYQ4, e.g. 2026Q4' })
  .regex(/^(19|20)\d{2}(Q[1-4])?$/, {
    error: 'expected a period YYYY or YYYYQ1–YYYYQ4, e.g. 2026Q4',
  });
const mark = z
  .number({ error: 'expected a mark 0–100' })
  .min(0, { error: 'expected a mark 0–100' })
  .max(100, { error: 'expected a mark 0–100' });

export const creditCode = z
  .string({ error: 'expected an 18-character unified social credit code (GB 32100-2015)' })
  .trim()
  .toUpperCase()
  .refine(isValidCreditCode, {
    error:
      'expected an 18-character unified social credit code (GB 32100-2015) with both check characters right',
  });

const registerFields = {
  name: text(1, 100, 'a name'),
  creditCode,
  founded: z
    .number({ error: 'expected a year 1949–2100' })
    .int({ error: 'expected a year 1949–2100' })
    .min(1949, { error: 'expected a year 1949–2100' })
    .max(2100, { error: 'expected a year 1949–2100' }),
  address: text(0, 200, 'an address'),
  partyOrg: z.enum(PARTY_ORGS, { error: `expected one of ${PARTY_ORGS.join(', ')}` }),
  charterPartyClause: z.boolean({ error: 'expected true or false' }),
};

export const createEnterpriseSchema = z.object(registerFields).strict();
export const editEnterpriseSchema = z.object(registerFields).partial().extend({ version }).strict();

export const enterpriseIdSchema = z.object({ id: id('an enterprise') });
export const interviewIdSchema = z.object({
  id: id('an enterprise'),
  interviewId: id('an interview'),
});
export const contractIdSchema = z.object({ id: id('an enterprise'), compoundId: id('a compound') });
export const drawIdSchema = z.object({ drawId: id('a draw') });

export const managerSchema = z
  .object({
    version,
    name: text(1, 50, 'a name'),
    certificate: text(1, 50, 'a certificate number'),
    compoundIds: z
      .array(id('a compound'), { error: 'expected a list of compound ids' })
      .max(200, { error: 'expected at most 200 compounds' })
      .refine((l) => new Set(l).size === l.length, { error: 'expected each compound once' }),
  })
  .strict();

export const contractSchema = z.object({ version, startsOn: isoDate, endsOn: isoDate }).strict();

const recordBase = {
  version,
  onDate: isoDate,
  compoundId: id('a compound').nullable().default(null),
  managerId: id('a project manager').nullable().default(null),
};

export const recordSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('bad_conduct'), ...recordBase, description: text(1, 500) }).strict(),
    z
      .object({
        kind: z.literal('evaluation'),
        ...recordBase,
        year: z
          .number({ error: 'expected a year 2000–2100' })
          .int({ error: 'expected a year 2000–2100' })
          .min(2000, { error: 'expected a year 2000–2100' })
          .max(2100, { error: 'expected a year 2000–2100' }),
        unitCode: z
          .string()
          .regex(/^\d{12}$/, { error: 'expected a 12-digit street or community code' }),
        contractPerformance: mark,
        partyBuilding: mark,
        comments: text(0, 1000, 'comments'),
      })
      .strict(),
    z
      .object({
        kind: z.literal('party_building'),
        ...recordBase,
        step: z.enum(PARTY_BUILDING_KINDS, {
          error: `expected one of ${PARTY_BUILDING_KINDS.join(', ')}`,
        }),
        person: text(0, 50, 'a name').optional(),
        project: text(0, 200, 'a project').optional(),
        note: text(0, 500, 'a note').optional(),
      })
      .strict(),
  ],
  { error: 'expected kind one of bad_conduct, evaluation, party_building' },
);

export const interviewSchema = z
  .object({
    version,
    reason: z.enum(INTERVIEW_REASONS, { error: `expected one of ${INTERVIEW_REASONS.join(', ')}` }),
    subject: text(1, 500, 'a subject'),
    deadline: isoDate,
  })
  .strict();
export const answerSchema = z.object({ version, answer: text(1, 2000, 'an answer') }).strict();
export const closeInterviewSchema = z
  .object({
    version,
    outcome: z.enum(INTERVIEW_OUTCOMES, {
      error: `expected one of ${INTERVIEW_OUTCOMES.join(', ')}`,
    }),
  })
  .strict();

export const drawSchema = z
  .object({
    period,
    seed: z
      .number({ error: 'expected a seed 0–2147483647' })
      .int({ error: 'expected a seed 0–2147483647' })
      .min(0, { error: 'expected a seed 0–2147483647' })
      .max(2_147_483_647, { error: 'expected a seed 0–2147483647' })
      .optional(),
    enterpriseCount: z
      .number({ error: 'expected a count 1–1000' })
      .int({ error: 'expected a count 1–1000' })
      .min(1, { error: 'expected a count 1–1000' })
      .max(1000, { error: 'expected a count 1–1000' }),
    inspectorCount: z
      .number({ error: 'expected a count 1–100' })
      .int({ error: 'expected a count 1–100' })
      .min(1, { error: 'expected a count 1–100' })
      .max(100, { error: 'expected a count 1–100' }),
    inspectors: z
      .array(text(1, 50, 'a name'), { error: 'expected a list of 1–100 inspectors' })
      .min(1, { error: 'expected a list of 1–100 inspectors' })
      .max(100, { error: 'expected a list of 1–100 inspectors' })
      .refine((l) => new Set(l).size === l.length, { error: 'expected each inspector once' }),
    stratified: z.boolean({ error: 'expected true or false' }).default(false),
  })
  .strict();

export const resultsSchema = z
  .object({
    enterpriseId: id('an enterprise'),
    version,
    // default: today
    inspectedOn: isoDate.optional(),
    items: z
      .array(
        z
          .object({
            item: text(1, 100, 'an item'),
            passed: z.boolean({ error: 'expected true or false' }),
            note: text(0, 500, 'a note').default(''),
            compoundId: id('a compound').nullable().default(null),
          })
          .strict(),
        { error: 'expected a list of 1–50 items' },
      )
      .min(1, { error: 'expected a list of 1–50 items' })
      .max(50, { error: 'expected a list of 1–50 items' })
      .refine((l) => new Set(l.map((i) => i.item)).size === l.length, {
        error: 'expected each item once',
      }),
  })
  .strict();

export const publishSchema = z.object({ period }).strict();
