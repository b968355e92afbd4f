import {
  ATTENDED_MATTERS,
  type AccountCheck,
  type CommitteeDuty,
  type CorrectionOrder,
  type MajorMatter,
  type MajorMeeting,
  type MeetingAttendance,
  type MemberViolation,
  type OrderOutcome,
  type OrderStatus,
  type RuleCheck,
} from '../../common/committees.ts';
import { dutyStatus, RULE_TEXT } from './committee-rules.ts';

// The street's and community's supervision records of a committee (三(三)): major-matter meetings,
// 业账社管 checks, members' violations and orders to correct. Pure: rows in, what the file shows
// out, judged on a given day.

/** One row of committee_records as the queries read it. */
export type SupervisionRow = {
  id: number;
  compoundId: number;
  kind: 'meeting' | 'account_check' | 'violation' | 'order';
  onDate: string;
  details: Record<string, unknown>;
  deadline: string | null;
  outcome: OrderOutcome | null;
  closedOn: string | null;
};

/**
 * A major-matter meeting's checks: reported to the party bodies before the meeting (a report on
 * the meeting's day or after, or none, is a breach), and for provider and public-revenue matters
 * the street office and the residents' committee both attending.
 * @example checkMeeting({kind: 'renovation', meetingOn: '2026-11-20', reportedOn: '2026-11-21', …})[0].outcome // 'breach'
 */
export function checkMeeting(m: {
  kind: MajorMatter;
  meetingOn: string;
  reportedOn: string | null;
  attendance: MeetingAttendance;
}): RuleCheck[] {
  const reported = m.reportedOn !== null && m.reportedOn < m.meetingOn;
  const checks: RuleCheck[] = [
    {
      rule: 'meeting_reported',
      ...RULE_TEXT.meeting_reported,
      outcome: reported ? 'meets' : 'breach',
      detail:
        m.reportedOn === null
          ? `not reported before the meeting of ${m.meetingOn}`
          : `reported ${m.reportedOn}, ${reported ? 'before' : 'not before'} the meeting of ${m.meetingOn}`,
      figures: { reportedOn: m.reportedOn ?? '', meetingOn: m.meetingOn, before: reported },
    },
  ];
  const absent = [
    ...(m.attendance.streetOffice ? [] : ['the street office']),
    ...(m.attendance.residentsCommittee ? [] : ["the residents' committee"]),
  ];
  checks.push({
    rule: 'meeting_attendance',
    ...RULE_TEXT.meeting_attendance,
    outcome: !ATTENDED_MATTERS.includes(m.kind)
      ? 'not_applicable'
      : absent.length === 0
        ? 'meets'
        : 'breach',
    detail:
      absent.length === 0
        ? "the street office and the residents' committee attended"
        : `${absent.join(' and ')} did not attend`,
    figures: {
      streetOffice: m.attendance.streetOffice,
      residentsCommittee: m.attendance.residentsCommittee,
    },
  });
  return checks;
}

/** An order's status on a day: closed by its outcome, else open until its deadline, then overdue. */
export function orderStatus(
  o: { deadline: string; outcome: OrderOutcome | null },
  today: string,
): OrderStatus {
  if (o.outcome !== null) return o.outcome;
  return today > o.deadline ? 'overdue' : 'open';
}

/**
 * The open orders as duties (`due` before the deadline, `missing` past it), soonest deadline
 * first; closed ones owe nothing.
 */
export function orderDuties(orders: readonly CorrectionOrder[], today: string): CommitteeDuty[] {
  return orders
    .filter((o) => o.outcome === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline) || a.id - b.id)
    .map((o) => ({
      kind: 'order',
      period: o.subject,
      dueOn: o.deadline,
      doneOn: null,
      status: dutyStatus(o.deadline, null, today),
      details: { orderId: o.id },
    }));
}

export type SupervisionFile = {
  meetings: MajorMeeting[];
  accountChecks: AccountCheck[];
  violations: MemberViolation[];
  orders: CorrectionOrder[];
};

/** A committee's supervision records, newest first within each kind, judged on `today`. */
export function supervisionFile(rows: readonly SupervisionRow[], today: string): SupervisionFile {
  const newest = [...rows].sort((a, b) => b.onDate.localeCompare(a.onDate) || b.id - a.id);
  const f: SupervisionFile = { meetings: [], accountChecks: [], violations: [], orders: [] };
  for (const r of newest) {
    const d = r.details;
    if (r.kind === 'meeting') {
      const m = {
        id: r.id,
        kind: d.kind as MajorMatter,
        meetingOn: r.onDate,
        reportedOn: (d.reportedOn as string | null) ?? null,
        attendance: d.attendance as MeetingAttendance,
        decision: d.decision as string,
      };
      f.meetings.push({ ...m, checks: checkMeeting(m) });
    } else if (r.kind === 'account_check') {
      f.accountChecks.push({
        id: r.id,
        checkedOn: r.onDate,
        findings: d.findings as string,
        compliant: d.compliant as boolean,
      });
    } else if (r.kind === 'violation') {
      f.violations.push({
        id: r.id,
        memberName: d.memberName as string,
        description: d.description as string,
        suspended: d.suspended as boolean,
        reportedOn: r.onDate,
      });
    } else {
      const order = {
        id: r.id,
        orderedOn: r.onDate,
        deadline: r.deadline!,
        subject: d.subject as string,
        outcome: r.outcome,
        closedOn: r.closedOn,
      };
      f.orders.push({ ...order, status: orderStatus(order, today) });
    }
  }
  return f;
}
