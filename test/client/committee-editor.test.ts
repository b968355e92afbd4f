import { describe, expect, it } from 'vitest';
import type { CommitteeFile, CorrectionOrder } from '../../common/committees.ts';
import {
  changeFor,
  choicesFor,
  type EditorFields,
} from '../../client/features/committees/use-committee-editor.ts';
import {
  accountCheckSchema,
  meetingSchema,
  orderCloseSchema,
  orderSchema,
  violationSchema,
} from '../../server/committees/committees-schemas.ts';

// The change form's choices and the bodies it posts for the supervision records: what the server's
// schemas accept, at the path the server serves.

const fields: EditorFields = {
  date: '2026-11-20',
  termStart: '2026-11-20',
  termEnd: '2031-11-20',
  quarter: '2026-Q3',
  year: 2025,
  score: 90,
  comments: '',
  workFunds: true,
  commonRevenue: true,
  note: 'ignored by records',
  matter: 'provider_hiring',
  reportedOn: '',
  streetOffice: true,
  residentsCommittee: false,
  text: '选聘新的物业服务人',
  compliant: false,
  memberName: '委员3',
  suspended: true,
  deadline: '2026-12-20',
  orderId: 7,
  outcome: 'revoked',
};

const order = (outcome: CorrectionOrder['outcome']): CorrectionOrder => ({
  id: 7,
  orderedOn: '2026-11-01',
  deadline: '2026-11-30',
  subject: 's',
  outcome,
  closedOn: outcome ? '2026-12-01' : null,
  status: outcome ?? 'overdue',
});
const file = (state: CommitteeFile['state'], orders: CorrectionOrder[] = []) =>
  ({ state, orders }) as unknown as CommitteeFile;

describe('the committee change form', () => {
  it('offers the records while the committee sits, and closing while an order is open', () => {
    expect(choicesFor(file('elected'))).toEqual([
      'elect',
      'temporary',
      'party_group',
      'end_term',
      'disclosure',
      'evaluation',
      'meeting',
      'account_check',
      'violation',
      'order',
    ]);
    expect(choicesFor(file('term_ended', [order(null)]))).toEqual([
      'prepare',
      'elect',
      'temporary',
      'order_closed',
    ]);
    expect(choicesFor(file('term_ended', [order('corrected')]))).not.toContain('order_closed');
  });

  it('posts what the server accepts, at its path', () => {
    const cases = [
      ['meeting', 'meetings', meetingSchema],
      ['account_check', 'account-checks', accountCheckSchema],
      ['violation', 'violations', violationSchema],
      ['order', 'orders', orderSchema],
      ['order_closed', 'orders/7/close', orderCloseSchema],
    ] as const;
    for (const [choice, path, schema] of cases) {
      const change = changeFor(choice, fields, [], 5);
      expect(change).toMatchObject({ kind: 'record', path });
      expect(schema.safeParse(change.body).success).toBe(true);
    }
    expect(changeFor('meeting', fields, [], 5).body).toEqual({
      version: 5,
      kind: 'provider_hiring',
      meetingOn: '2026-11-20',
      reportedOn: null,
      attendance: { streetOffice: true, residentsCommittee: false },
      decision: '选聘新的物业服务人',
    });
  });
});
