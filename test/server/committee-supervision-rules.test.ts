import { describe, expect, it } from 'vitest';
import type { CorrectionOrder } from '../../common/committees.ts';
import {
  checkMeeting,
  orderDuties,
  orderStatus,
  supervisionFile,
} from '../../server/committees/committee-supervision.ts';

// The supervision rules as pure functions (三(三)): reported beforehand, attendance where the
// matter needs it, orders open, overdue or closed on a day.

const nobody = { streetOffice: false, residentsCommittee: false };
const both = { streetOffice: true, residentsCommittee: true };

describe('major-matter meetings', () => {
  it('needs the report strictly before the meeting day', () => {
    const outcome = (reportedOn: string | null) =>
      checkMeeting({
        kind: 'maintenance_fund',
        meetingOn: '2026-11-20',
        reportedOn,
        attendance: nobody,
      })[0]!.outcome;
    expect(outcome('2026-11-19')).toBe('meets');
    expect(outcome('2026-11-20')).toBe('breach');
    expect(outcome('2026-11-21')).toBe('breach');
    expect(outcome(null)).toBe('breach');
    expect(
      checkMeeting({
        kind: 'maintenance_fund',
        meetingOn: '2026-11-20',
        reportedOn: null,
        attendance: nobody,
      })[0]!.detail,
    ).toBe('not reported before the meeting of 2026-11-20');
  });

  it('needs the street office and residents’ committee at provider and public-revenue meetings only', () => {
    const attendance = (kind: Parameters<typeof checkMeeting>[0]['kind'], a = nobody) =>
      checkMeeting({ kind, meetingOn: '2026-11-20', reportedOn: '2026-11-10', attendance: a })[1]!;
    for (const kind of [
      'provider_hiring',
      'provider_firing',
      'provider_renewal',
      'public_revenue',
    ] as const) {
      expect(attendance(kind).outcome).toBe('breach');
      expect(attendance(kind, both).outcome).toBe('meets');
    }
    for (const kind of ['maintenance_fund', 'renovation', 'public_facilities'] as const) {
      expect(attendance(kind).outcome).toBe('not_applicable');
    }
    expect(
      attendance('public_revenue', { streetOffice: false, residentsCommittee: true }).detail,
    ).toBe('the street office did not attend');
  });
});

describe('orders to correct', () => {
  const order = (id: number, deadline: string, outcome: CorrectionOrder['outcome'] = null) => ({
    id,
    orderedOn: '2026-10-01',
    deadline,
    subject: `order ${id}`,
    outcome,
    closedOn: outcome ? '2026-11-01' : null,
    status: orderStatus({ deadline, outcome }, '2026-12-04'),
  });

  it('is open until its deadline, overdue after, and closed by its outcome', () => {
    expect(orderStatus({ deadline: '2026-12-04', outcome: null }, '2026-12-04')).toBe('open');
    expect(orderStatus({ deadline: '2026-12-03', outcome: null }, '2026-12-04')).toBe('overdue');
    expect(orderStatus({ deadline: '2026-12-03', outcome: 'revoked' }, '2026-12-04')).toBe(
      'revoked',
    );
  });

  it('owes the open orders only, soonest first', () => {
    const duties = orderDuties(
      [order(1, '2026-12-20'), order(2, '2026-11-30'), order(3, '2026-10-31', 'corrected')],
      '2026-12-04',
    );
    expect(duties.map((d) => [d.period, d.dueOn, d.status, d.details])).toEqual([
      ['order 2', '2026-11-30', 'missing', { orderId: 2 }],
      ['order 1', '2026-12-20', 'due', { orderId: 1 }],
    ]);
  });

  it('reads rows into the file, newest first', () => {
    const f = supervisionFile(
      [
        {
          id: 1,
          compoundId: 9,
          kind: 'account_check',
          onDate: '2026-10-01',
          details: { findings: 'a', compliant: true },
          deadline: null,
          outcome: null,
          closedOn: null,
        },
        {
          id: 2,
          compoundId: 9,
          kind: 'account_check',
          onDate: '2026-11-01',
          details: { findings: 'b', compliant: false },
          deadline: null,
          outcome: null,
          closedOn: null,
        },
        {
          id: 3,
          compoundId: 9,
          kind: 'order',
          onDate: '2026-11-02',
          details: { subject: 's' },
          deadline: '2026-11-30',
          outcome: null,
          closedOn: null,
        },
      ],
      '2026-12-04',
    );
    expect(f.accountChecks.map((c) => c.findings)).toEqual(['b', 'a']);
    expect(f.orders).toEqual([
      {
        id: 3,
        orderedOn: '2026-11-02',
        deadline: '2026-11-30',
        subject: 's',
        outcome: null,
        closedOn: null,
        status: 'overdue',
      },
    ]);
    expect(f.meetings).toEqual([]);
    expect(f.violations).toEqual([]);
  });
});
