import { describe, expect, it } from 'vitest';
import { checkMeeting } from '../../server/committees/committee-supervision.ts';
import {
  checkPartyGroup,
  checkPartyShare,
  checkTemporary,
} from '../../server/committees/committee-rules.ts';
import { ruleDetail } from '../../client/features/committees/rule-detail.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

// The checks the server answers, worded in each locale from their figures; in English the words
// are the server's own detail, so the two cannot drift apart unnoticed.

const zh = createTranslator('zh-CN');
const en = createTranslator('en');
const counts = (members: number, partyMembers: number, ownerMembers = members) => ({
  members,
  partyMembers,
  ownerMembers,
});

describe('ruleDetail', () => {
  const checks = [
    checkPartyShare(counts(7, 2), '2025-05-01'),
    checkPartyShare(counts(9, 2), '2021-06-01'),
    ...checkTemporary(counts(4, 0, 2)),
    checkPartyGroup(counts(7, 2), false),
    checkPartyGroup(counts(7, 4), true),
    ...checkMeeting({
      kind: 'provider_hiring',
      meetingOn: '2026-11-20',
      reportedOn: '2026-11-21',
      attendance: { streetOffice: true, residentsCommittee: false },
    }),
  ];

  it('words every check in English exactly as the server does', () => {
    expect(checks.map((c) => ruleDetail(en, c))).toEqual(checks.map((c) => c.detail));
  });

  it('words them in Chinese', () => {
    expect(checks.map((c) => ruleDetail(zh, c))).toEqual([
      '7 名委员中党员 2 名（29%），要求党员比例不低于 50% 或不少于 3 人',
      '9 名委员中党员 2 名（22%），要求党员比例不低于 50% 或不少于 3 人；2021-06-01 选举，早于方案印发：逐步提高',
      '4 名委员，至少需要 5 名',
      '4 名委员，须为单数',
      '4 名委员中业主 2 名，须不少于一半',
      '党员 2 名，设立党小组至少需要 3 名',
      '已登记党小组',
      '2026-11-21 才报告，未早于 2026-11-20 的会议',
      '社区居委会未列席',
    ]);
  });
});
