import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  COMMITTEE_ACTIONS,
  COMMITTEE_CHANGES,
  COMMITTEE_COMPLIANCES,
  COMMITTEE_RULES,
  COMMITTEE_STATES,
  DUTY_KINDS,
  DUTY_STATUSES,
  MAJOR_MATTERS,
  MEMBER_ORGANISATIONS,
  MEMBER_ROLES,
  ORDER_OUTCOMES,
  ORDER_STATUSES,
  RULE_OUTCOMES,
  TERM_ALERTS,
  type CommitteeFile,
  type CommitteeList,
  type DueDuty,
  type RuleCheck,
  SUPERVISION_GROUP_ROLES,
} from '../../common/committees.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  checkSchema,
  committeeActionSchemas,
  committeeIdSchema,
  committeeListSchema,
  disclosureSchema,
  evaluationSchema,
  meetingSchema,
  accountCheckSchema,
  violationSchema,
  orderSchema,
  orderCloseSchema,
  orderIdSchema,
  groupMemberSchema,
  groupMemberEndSchema,
  groupMemberIdSchema,
} from './committees-schemas.ts';

const ruleCheckSchema = z
  .object({
    rule: z.enum(COMMITTEE_RULES),
    section: z.string(),
    words: z.string(),
    outcome: z.enum(RULE_OUTCOMES),
    detail: z.string(),
    figures: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'RuleCheck' }) satisfies z.ZodType<RuleCheck>;

const summaryShape = {
  compoundId: int(),
  compoundName: z.string(),
  streetCode: z.string(),
  streetName: z.string(),
  communityCode: z.string(),
  communityName: z.string(),
  state: z.enum(COMMITTEE_STATES),
  version: count(),
  counts: z.object({ members: count(), ownerMembers: count(), partyMembers: count() }),
  partyGroup: z.boolean(),
  termStart: isoDate().nullable(),
  termEnd: isoDate().nullable(),
  compliance: z.enum(COMMITTEE_COMPLIANCES),
  termAlert: z.enum(TERM_ALERTS).nullable(),
  lateDuties: count(),
  checks: z.array(ruleCheckSchema),
};

const dutyShape = {
  kind: z.enum(DUTY_KINDS),
  period: z.string(),
  dueOn: isoDate(),
  doneOn: isoDate().nullable(),
  status: z.enum(DUTY_STATUSES),
  details: z
    .union([
      z.object({ workFunds: z.boolean(), commonRevenue: z.boolean() }),
      z.object({ score: int(), comments: z.string() }),
      z.object({ orderId: int() }),
    ])
    .nullable(),
};

const committeeListAnswer = z
  .object({
    committees: z.array(z.object(summaryShape).meta({ id: 'CommitteeSummary' })),
    totals: z.object(
      Object.fromEntries(COMMITTEE_COMPLIANCES.map((k) => [k, count()])) as Record<
        (typeof COMMITTEE_COMPLIANCES)[number],
        ReturnType<typeof count>
      >,
    ),
  })
  .meta({ id: 'CommitteeList' }) satisfies z.ZodType<CommitteeList>;

const committeeFileSchema = z
  .object({
    ...summaryShape,
    members: z.array(
      z.object({
        name: z.string(),
        role: z.enum(MEMBER_ROLES),
        owner: z.boolean(),
        partyMember: z.boolean(),
        organisation: z.enum(MEMBER_ORGANISATIONS).nullable(),
      }),
    ),
    electedOn: isoDate().nullable(),
    approvedOn: isoDate().nullable(),
    duties: z.array(z.object(dutyShape)),
    meetings: z.array(
      z.object({
        id: int(),
        kind: z.enum(MAJOR_MATTERS),
        meetingOn: isoDate(),
        reportedOn: isoDate().nullable(),
        attendance: z.object({ streetOffice: z.boolean(), residentsCommittee: z.boolean() }),
        decision: z.string(),
        checks: z.array(ruleCheckSchema),
      }),
    ),
    accountChecks: z.array(
      z.object({ id: int(), checkedOn: isoDate(), findings: z.string(), compliant: z.boolean() }),
    ),
    violations: z.array(
      z.object({
        id: int(),
        memberName: z.string(),
        description: z.string(),
        suspended: z.boolean(),
        reportedOn: isoDate(),
      }),
    ),
    supervisionGroup: z.array(
      z.object({
        id: int(),
        name: z.string(),
        role: z.enum(SUPERVISION_GROUP_ROLES),
        fromDate: isoDate(),
        toDate: isoDate().nullable(),
      }),
    ),
    orders: z.array(
      z.object({
        id: int(),
        orderedOn: isoDate(),
        deadline: isoDate(),
        subject: z.string(),
        outcome: z.enum(ORDER_OUTCOMES).nullable(),
        closedOn: isoDate().nullable(),
        status: z.enum(ORDER_STATUSES),
      }),
    ),
    history: z.array(
      z.object({
        action: z.enum([...COMMITTEE_ACTIONS, ...COMMITTEE_CHANGES]),
        actor: z.string(),
        at: z.iso.datetime(),
        stateBefore: z.enum(COMMITTEE_STATES),
        stateAfter: z.enum(COMMITTEE_STATES),
        note: z.string().nullable(),
      }),
    ),
  })
  .meta({ id: 'CommitteeFile' }) satisfies z.ZodType<CommitteeFile>;

const dueDutySchema = z.object({
  ...dutyShape,
  compoundId: int(),
  compoundName: z.string(),
  communityName: z.string(),
}) satisfies z.ZodType<DueDuty>;

const ACTION_SUMMARY: Record<(typeof COMMITTEE_ACTIONS)[number], string> = {
  prepare: 'The street forms the preparatory group (筹备组)',
  elect: 'Record an election with its members: the committee awaits approval',
  approve:
    'Approve (审批) an elected committee; refused (422) when party members are under 50% and under 3 (三(三))',
  temporary:
    'Form a 临时物业管理委员会; refused (422) unless ≥ 5 members, odd, owners ≥ 50% (三(一))',
  party_group: 'Record the committee’s 党小组 (needs ≥ 3 party members)',
  end_term: 'End the term: re-election (换届) is due',
};

export const committeesPaths: ZodOpenApiPathsObject = {
  '/api/committees': {
    get: {
      tags: ['committees'],
      summary: "Owners' committees in the caller's area, with the plan's rules checked",
      security: USER,
      requestParams: { query: committeeListSchema },
      responses: {
        ...jsonResponse('Committees', committeeListAnswer),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/committees/due': {
    get: {
      tags: ['committees'],
      summary: "Duties due this month or late in the caller's area",
      security: USER,
      responses: {
        ...jsonResponse('Duties', z.array(dueDutySchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/committees/check': {
    post: {
      tags: ['committees'],
      summary: 'The rules a proposed membership would meet (live checks in forms)',
      security: USER,
      requestBody: { content: { 'application/json': { schema: checkSchema } } },
      responses: {
        ...jsonResponse('Checks', z.array(ruleCheckSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/committees/{compoundId}': {
    get: {
      tags: ['committees'],
      summary: "A compound's committee file: members, duties, history",
      security: USER,
      requestParams: { path: committeeIdSchema },
      responses: {
        ...jsonResponse('The file', committeeFileSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  ...Object.fromEntries(
    COMMITTEE_ACTIONS.map((action) => [
      `/api/committees/{compoundId}/${action.replace('_', '-')}`,
      {
        post: {
          tags: ['committees'],
          summary: ACTION_SUMMARY[action],
          security: USER,
          requestParams: { path: committeeIdSchema },
          requestBody: {
            content: { 'application/json': { schema: committeeActionSchemas[action] } },
          },
          responses: {
            ...jsonResponse('The committee file after the change', committeeFileSchema),
            ...errorResponses(400, 401, 403, 404, 409, 422),
          },
        },
      },
    ]),
  ),
  '/api/committees/{compoundId}/disclosures': {
    post: {
      tags: ['committees'],
      summary: "Record a quarter's publication of work funds and common-area revenue (三(三))",
      security: USER,
      requestParams: { path: committeeIdSchema },
      requestBody: { content: { 'application/json': { schema: disclosureSchema } } },
      responses: {
        ...jsonResponse('The committee file', committeeFileSchema, '201'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/committees/{compoundId}/evaluations': {
    post: {
      tags: ['committees'],
      summary: "Record the community's yearly evaluation of the committee (三(三))",
      security: USER,
      requestParams: { path: committeeIdSchema },
      requestBody: { content: { 'application/json': { schema: evaluationSchema } } },
      responses: {
        ...jsonResponse('The committee file', committeeFileSchema, '201'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  ...supervisionPaths(),
};

function supervisionPaths(): ZodOpenApiPathsObject {
  const post = (
    summary: string,
    schema: z.ZodType,
    status: '200' | '201' = '201',
    path: z.ZodObject = status === '201' ? committeeIdSchema : orderIdSchema,
  ) => ({
    post: {
      tags: ['committees'],
      summary,
      security: USER,
      requestParams: { path },
      requestBody: { content: { 'application/json': { schema } } },
      responses: {
        ...jsonResponse('The committee file', committeeFileSchema, status),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  });
  return {
    '/api/committees/{compoundId}/meetings': post(
      'Record a major-matter meeting (重大事项); one not reported beforehand, or without the street office and residents’ committee at a provider or public-revenue meeting, is recorded and flagged by its checks (三(三))',
      meetingSchema,
    ),
    '/api/committees/{compoundId}/account-checks': post(
      'Record a 业账社管 check of the committee’s income and spending of common funds (三(三))',
      accountCheckSchema,
    ),
    '/api/committees/{compoundId}/violations': post(
      'Record a member’s negative-list violation, and whether the member is suspended (责令暂停履行职责)',
      violationSchema,
    ),
    '/api/committees/{compoundId}/orders': post(
      'Record the street office’s order to correct (责令限期改正) with its deadline; open past it, it is a late duty',
      orderSchema,
    ),
    '/api/committees/{compoundId}/orders/{orderId}/close': post(
      'Close an order to correct: corrected, or the decision revoked (撤销其决定)',
      orderCloseSchema,
      '200',
    ),
    '/api/committees/{compoundId}/supervision-group': post(
      'Record a member of the 业账社管 supervision group: name, role (community party organisation, owners’ committee, property enterprise, residents’ representative), from when (三(三))',
      groupMemberSchema,
    ),
    '/api/committees/{compoundId}/supervision-group/{memberId}/end': post(
      'End a membership of the 业账社管 supervision group on a date',
      groupMemberEndSchema,
      '200',
      groupMemberIdSchema,
    ),
  };
}
