import { COMMITTEE_RULES, type RuleCheck } from '../../../common/committees.ts';
import type { RefusalCheck } from '../../../common/errors.ts';
import type { Translate } from '../../lib/i18n.ts';

/**
 * A check's figures worded in the active locale (the server's `detail` is English).
 * @example ruleDetail(t, {rule: 'temporary_size', figures: {members: 4}, …}) // '4 名委员，至少需要 5 名'
 */
export function ruleDetail(t: Translate, c: Pick<RuleCheck, 'rule' | 'figures'>): string {
  const f = c.figures;
  switch (c.rule) {
    case 'party_share': {
      const base = t('ruleDetail.party_share', {
        party: f.partyMembers as number,
        members: f.members as number,
        share: f.share as number,
      });
      return f.beforePlan
        ? `${base}${t('ruleDetail.party_share.beforePlan', { date: String(f.electedOn) })}`
        : base;
    }
    case 'temporary_size':
    case 'temporary_odd':
      return t(`ruleDetail.${c.rule}`, { members: f.members as number });
    case 'temporary_owner_share':
      return t('ruleDetail.temporary_owner_share', {
        owners: f.ownerMembers as number,
        members: f.members as number,
      });
    case 'party_group':
      return f.recorded
        ? t('ruleDetail.party_group.recorded')
        : t('ruleDetail.party_group', {
            party: f.partyMembers as number,
            minimum: f.minimum as number,
          });
    case 'term':
      return f.termEnd
        ? t('ruleDetail.term', { date: String(f.termEnd) })
        : t('ruleDetail.term.ended');
    case 'meeting_reported':
      if (!f.reportedOn)
        return t('ruleDetail.meeting_reported.never', { meeting: String(f.meetingOn) });
      return t(
        f.before ? 'ruleDetail.meeting_reported.before' : 'ruleDetail.meeting_reported.late',
        {
          reported: String(f.reportedOn),
          meeting: String(f.meetingOn),
        },
      );
    case 'meeting_attendance': {
      const absent = [
        ...(f.streetOffice ? [] : [t('ruleDetail.who.street_office')]),
        ...(f.residentsCommittee ? [] : [t('ruleDetail.who.residents_committee')]),
      ];
      return absent.length === 0
        ? t('ruleDetail.meeting_attendance.all')
        : t('ruleDetail.meeting_attendance.absent', { who: absent.join(t('ruleDetail.and')) });
    }
  }
}

/**
 * A 422 refusal's rule worded in the active locale, the plan's section and words kept: the
 * committee form's alert; null for a rule that is not a committee rule.
 * @example refusalWords(zh)({rule: 'temporary_size', section: '三(一)', words: '…', figures: {members: 4}}) // '三(一)「…」：4 名委员，至少需要 5 名'
 */
export function refusalWords(t: Translate) {
  return (c: RefusalCheck): string | null => {
    if (!(COMMITTEE_RULES as readonly string[]).includes(c.rule)) return null;
    const detail = ruleDetail(t, { rule: c.rule as RuleCheck['rule'], figures: c.figures });
    return t('refusal.rule', { section: c.section ?? '', words: c.words ?? '', detail });
  };
}
