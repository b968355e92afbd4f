import { useState } from 'react';
import {
  ACTION_FROM,
  COMMITTEE_ACTIONS,
  type CommitteeAction,
  type CommitteeFile,
  type CommitteeMember,
  type MajorMatter,
  type OrderOutcome,
} from '../../../common/committees.ts';
import { districtIsoDate } from '../../lib/locale-format.ts';
import { useCommitteeChange, type CommitteeChange } from './committees-api.ts';
import { blankMember } from './member-editor.tsx';

/** The supervision records a form may add (三(三)); `order_closed` closes an open order. */
export const RECORD_CHOICES = [
  'meeting',
  'account_check',
  'violation',
  'order',
  'order_closed',
] as const;
export type RecordChoice = (typeof RECORD_CHOICES)[number];
export type EditorChoice = CommitteeAction | 'disclosure' | 'evaluation' | RecordChoice;
export const isRecordChoice = (c: EditorChoice): c is RecordChoice =>
  (RECORD_CHOICES as readonly string[]).includes(c);

/** The form's fields; each choice reads the ones it needs. */
export type EditorFields = {
  date: string;
  termStart: string;
  termEnd: string;
  quarter: string;
  year: number;
  score: number;
  comments: string;
  workFunds: boolean;
  commonRevenue: boolean;
  note: string;
  /** a meeting's matter, report ('' = not reported), attendance */
  matter: MajorMatter;
  reportedOn: string;
  streetOffice: boolean;
  residentsCommittee: boolean;
  /** the record's words: a decision, findings, a violation or what to correct */
  text: string;
  compliant: boolean;
  memberName: string;
  suspended: boolean;
  deadline: string;
  /** the open order to close, and how */
  orderId: number;
  outcome: OrderOutcome;
};

/**
 * The changes a committee in its state may take: lifecycle steps, then duties and supervision
 * records while it sits, and closing an order while one is open.
 */
export function choicesFor(file: CommitteeFile): EditorChoice[] {
  const actions: EditorChoice[] = COMMITTEE_ACTIONS.filter((a) =>
    ACTION_FROM[a].includes(file.state),
  );
  const sitting = file.state === 'elected' || file.state === 'temporary';
  const records: EditorChoice[] = ['meeting', 'account_check', 'violation', 'order'];
  const open = file.orders.some((o) => o.outcome === null);
  return [
    ...actions,
    ...(sitting ? (['disclosure', 'evaluation', ...records] as const) : []),
    ...(open ? (['order_closed'] as const) : []),
  ];
}

/** The path and body of a supervision record (the date field is the record's date). */
function recordChange(choice: RecordChoice, f: EditorFields, version: number): CommitteeChange {
  const text = f.text;
  const [path, body]: [string, Record<string, unknown>] =
    choice === 'meeting'
      ? [
          'meetings',
          {
            kind: f.matter,
            meetingOn: f.date,
            reportedOn: f.reportedOn || null,
            attendance: { streetOffice: f.streetOffice, residentsCommittee: f.residentsCommittee },
            decision: text,
          },
        ]
      : choice === 'account_check'
        ? ['account-checks', { checkedOn: f.date, findings: text, compliant: f.compliant }]
        : choice === 'violation'
          ? [
              'violations',
              {
                memberName: f.memberName,
                description: text,
                suspended: f.suspended,
                reportedOn: f.date,
              },
            ]
          : choice === 'order'
            ? ['orders', { orderedOn: f.date, deadline: f.deadline, subject: text }]
            : [`orders/${f.orderId}/close`, { outcome: f.outcome, closedOn: f.date }];
  return { kind: 'record', path, body: { version, ...body } };
}

/** The body POSTed for a choice, with the version the form was opened at. */
export function changeFor(
  choice: EditorChoice,
  f: EditorFields,
  members: CommitteeMember[],
  version: number,
): CommitteeChange {
  if (isRecordChoice(choice)) return recordChange(choice, f, version);
  const note = f.note.trim() ? { note: f.note.trim() } : {};
  if (choice === 'disclosure') {
    const { quarter, workFunds, commonRevenue } = f;
    return {
      kind: 'disclosure',
      body: { version, quarter, publishedOn: f.date, workFunds, commonRevenue },
    };
  }
  if (choice === 'evaluation') {
    const { year, score, comments } = f;
    return { kind: 'evaluation', body: { version, year, score, comments, publishedOn: f.date } };
  }
  const dated: Record<CommitteeAction, Record<string, unknown>> = {
    prepare: { formedOn: f.date },
    elect: { electedOn: f.date, termStart: f.termStart, termEnd: f.termEnd, members },
    approve: { approvedOn: f.date },
    temporary: { formedOn: f.date, termEnd: f.termEnd, members },
    party_group: { formedOn: f.date },
    end_term: { endedOn: f.date },
  };
  return {
    kind: 'action',
    action: choice as CommitteeAction,
    body: { version, ...dated[choice as CommitteeAction], ...note },
  };
}

function initialFields(today: string): EditorFields {
  const year = Number(today.slice(0, 4));
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3); // the last completed quarter
  return {
    date: today,
    termStart: today,
    termEnd: `${year + 5}${today.slice(4)}`,
    quarter: q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`,
    year: year - 1,
    score: 90,
    comments: '',
    workFunds: true,
    commonRevenue: true,
    note: '',
    matter: 'provider_hiring',
    reportedOn: '',
    streetOffice: true,
    residentsCommittee: true,
    text: '',
    compliant: true,
    memberName: '',
    suspended: false,
    deadline: today,
    orderId: 0,
    outcome: 'corrected',
  };
}

/**
 * The change form of one committee: which change, its fields and members, and the submission
 * (the server's refusal, 409 or 422 with the plan's rule, comes back as `error`).
 */
export function useCommitteeEditor(token: string, file: CommitteeFile) {
  const choices = choicesFor(file);
  const [choice, setChoice] = useState<EditorChoice>(choices[0] ?? 'prepare');
  const [fields, setFields] = useState<EditorFields>(() =>
    initialFields(districtIsoDate(Date.now())),
  );
  const [members, setMembers] = useState<CommitteeMember[]>(() =>
    [0, 1, 2, 3, 4].map((i) => blankMember('elected', i === 0)),
  );
  const change = useCommitteeChange(token, file.compoundId);
  const current = choices.includes(choice) ? choice : (choices[0] ?? null);
  const openOrders = file.orders.filter((o) => o.outcome === null);
  // the order picked, or the first open one
  const orderId = openOrders.some((o) => o.id === fields.orderId)
    ? fields.orderId
    : (openOrders[0]?.id ?? 0);
  const membersFor = (kind: 'elected' | 'temporary') =>
    members.map((m) => ({
      ...m,
      organisation: kind === 'temporary' ? (m.organisation ?? 'owner_representative') : null,
    }));
  return {
    choices,
    choice: current,
    setChoice,
    fields,
    setField: <K extends keyof EditorFields>(key: K, value: EditorFields[K]) =>
      setFields((f) => ({ ...f, [key]: value })),
    members: membersFor(current === 'temporary' ? 'temporary' : 'elected'),
    setMembers,
    openOrders,
    orderId,
    submit: () => {
      if (current === null) return;
      const kind = current === 'temporary' ? 'temporary' : 'elected';
      change.mutate(changeFor(current, { ...fields, orderId }, membersFor(kind), file.version));
    },
    pending: change.isPending,
    error: change.error?.body ?? null,
    saved: change.isSuccess,
  };
}
