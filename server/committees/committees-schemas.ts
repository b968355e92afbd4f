import { z } from 'zod';
import {
  COMMITTEE_COMPLIANCES,
  COMMITTEE_STATES,
  MAJOR_MATTERS,
  MEMBER_ORGANISATIONS,
  ORDER_OUTCOMES,
  MEMBER_ROLES,
  SUPERVISION_GROUP_ROLES,
  type CommitteeAction,
} from '../../common/committees.ts';

// What the committee routes accept; every message names the accepted range.

const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const version = z
  .number({ error: 'expected the version you last saw (a positive integer)' })
  .int({ error: 'expected the version you last saw (a positive integer)' })
  .min(0, { error: 'expected the version you last saw (a positive integer)' });
const note = z.string().max(500, { error: 'at most 500 characters' }).optional();
const code12 = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit code' });

const memberSchema = z
  .object({
    name: z
      .string({ error: 'expected a name of 1–50 characters' })
      .trim()
      .min(1, { error: 'expected a name of 1–50 characters' })
      .max(50, { error: 'expected a name of 1–50 characters' }),
    role: z.enum(MEMBER_ROLES, { error: `expected one of ${MEMBER_ROLES.join(', ')}` }),
    owner: z.boolean({ error: 'expected true or false' }),
    partyMember: z.boolean({ error: 'expected true or false' }),
    organisation: z
      .enum(MEMBER_ORGANISATIONS, { error: `expected one of ${MEMBER_ORGANISATIONS.join(', ')}` })
      .nullable()
      .default(null),
  })
  .strict();

// 1–51 members with exactly one chair; on a temporary committee each names its organisation
const membersSchema = (temporary: boolean) =>
  z
    .array(memberSchema, { error: 'expected a list of members' })
    .min(1, { error: 'expected 1–51 members' })
    .max(51, { error: 'expected 1–51 members' })
    .superRefine((members, ctx) => {
      const chairs = members.filter((m) => m.role === 'chair').length;
      if (chairs !== 1)
        ctx.addIssue({ code: 'custom', message: `expected exactly one chair, got ${chairs}` });
      members.forEach((m, i) => {
        if (temporary && m.organisation === null) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'organisation'],
            message: `a temporary committee's member names the organisation: one of ${MEMBER_ORGANISATIONS.join(', ')}`,
          });
        }
        if (!temporary && m.organisation !== null) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'organisation'],
            message: 'expected null: an elected member is an owner, not a delegate',
          });
        }
      });
    });

export const committeeActionSchemas = {
  prepare: z.object({ version, formedOn: isoDate, note }).strict(),
  elect: z
    .object({
      version,
      electedOn: isoDate,
      termStart: isoDate,
      termEnd: isoDate,
      members: membersSchema(false),
      note,
    })
    .strict(),
  approve: z.object({ version, approvedOn: isoDate, note }).strict(),
  temporary: z
    .object({ version, formedOn: isoDate, termEnd: isoDate, members: membersSchema(true), note })
    .strict(),
  party_group: z.object({ version, formedOn: isoDate, note }).strict(),
  end_term: z.object({ version, endedOn: isoDate, note }).strict(),
} as const satisfies Record<CommitteeAction, z.ZodType>;

export const committeeListSchema = z
  .object({
    streetCode: code12.optional(),
    communityCode: code12.optional(),
    state: z
      .enum(COMMITTEE_STATES, { error: `expected one of ${COMMITTEE_STATES.join(', ')}` })
      .optional(),
    compliance: z
      .enum(COMMITTEE_COMPLIANCES, { error: `expected one of ${COMMITTEE_COMPLIANCES.join(', ')}` })
      .optional(),
  })
  .strict();

export const committeeIdSchema = z.object({
  compoundId: z.coerce
    .number({ error: 'expected a compound id 1–2147483647' })
    .int({ error: 'expected a compound id 1–2147483647' })
    .min(1, { error: 'expected a compound id 1–2147483647' })
    .max(2_147_483_647, { error: 'expected a compound id 1–2147483647' }),
});

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'expected a quarter YYYY-Qn, n 1–4' });
export const disclosureSchema = z
  .object({
    version,
    quarter,
    publishedOn: isoDate,
    workFunds: z.boolean({ error: 'expected true or false' }),
    commonRevenue: z.boolean({ error: 'expected true or false' }),
  })
  .strict();
export const evaluationSchema = z
  .object({
    version,
    year: z
      .number({ error: 'expected a year 2000–2100' })
      .int()
      .min(2000, { error: 'expected a year 2000–2100' })
      .max(2100, { error: 'expected a year 2000–2100' }),
    score: z
      .number({ error: 'expected a score 0–100' })
      .int({ error: 'expected a score 0–100' })
      .min(0, { error: 'expected a score 0–100' })
      .max(100, { error: 'expected a score 0–100' }),
    comments: z
      .string({ error: 'expected comments of 1–1000 characters' })
      .trim()
      .min(1, { error: 'expected comments of 1–1000 characters' })
      .max(1000, { error: 'expected comments of 1–1000 characters' }),
    publishedOn: isoDate,
  })
  .strict();

/** POST /api/committees/check: the rules a proposed membership would meet, for forms' live checks. */
export const checkSchema = z
  .object({
    kind: z.enum(['elected', 'temporary'], { error: 'expected elected or temporary' }),
    members: z
      .array(memberSchema.partial({ name: true, role: true }), {
        error: 'expected a list of members',
      })
      .max(51, { error: 'expected at most 51 members' }),
  })
  .strict();

const text = (max: number) =>
  z
    .string({ error: `expected a text of 1–${max} characters` })
    .trim()
    .min(1, { error: `expected a text of 1–${max} characters` })
    .max(max, { error: `expected a text of 1–${max} characters` });
const flag = z.boolean({ error: 'expected true or false' });

/** POST …/meetings: a major-matter meeting (重大事项); reportedOn null when it was not reported. */
export const meetingSchema = z
  .object({
    version,
    kind: z.enum(MAJOR_MATTERS, { error: `expected one of ${MAJOR_MATTERS.join(', ')}` }),
    meetingOn: isoDate,
    reportedOn: isoDate.nullable(),
    attendance: z
      .object(
        { streetOffice: flag, residentsCommittee: flag },
        {
          error: 'expected {streetOffice, residentsCommittee}, each true or false',
        },
      )
      .strict(),
    decision: text(1000),
  })
  .strict();

/** POST …/account-checks: a 业账社管 check of the committee's income and spending. */
export const accountCheckSchema = z
  .object({ version, checkedOn: isoDate, findings: text(1000), compliant: flag })
  .strict();

/** POST …/violations: a member's negative-list violation; suspended = 责令暂停履行职责. */
export const violationSchema = z
  .object({
    version,
    memberName: text(50),
    description: text(1000),
    suspended: flag,
    reportedOn: isoDate,
  })
  .strict();

/** POST …/orders: the street office's order to correct (责令限期改正). */
export const orderSchema = z
  .object({ version, orderedOn: isoDate, deadline: isoDate, subject: text(500) })
  .strict();

/** POST …/orders/{orderId}/close: corrected, or the decision revoked (撤销其决定). */
export const orderCloseSchema = z
  .object({
    version,
    outcome: z.enum(ORDER_OUTCOMES, { error: `expected one of ${ORDER_OUTCOMES.join(', ')}` }),
    closedOn: isoDate,
  })
  .strict();

export const orderIdSchema = committeeIdSchema.extend({
  orderId: z.coerce
    .number({ error: 'expected an order id 1–2147483647' })
    .int({ error: 'expected an order id 1–2147483647' })
    .min(1, { error: 'expected an order id 1–2147483647' })
    .max(2_147_483_647, { error: 'expected an order id 1–2147483647' }),
});

/** POST …/supervision-group: a member joins the 业账社管 supervision group. */
export const groupMemberSchema = z
  .object({
    version,
    name: text(50),
    role: z.enum(SUPERVISION_GROUP_ROLES, {
      error: `expected one of ${SUPERVISION_GROUP_ROLES.join(', ')}`,
    }),
    fromDate: isoDate,
  })
  .strict();

/** POST …/supervision-group/{memberId}/end: the membership ends on toDate. */
export const groupMemberEndSchema = z.object({ version, toDate: isoDate }).strict();

export const groupMemberIdSchema = committeeIdSchema.extend({
  memberId: z.coerce
    .number({ error: 'expected a member id 1–2147483647' })
    .int({ error: 'expected a member id 1–2147483647' })
    .min(1, { error: 'expected a member id 1–2147483647' })
    .max(2_147_483_647, { error: 'expected a member id 1–2147483647' }),
});
