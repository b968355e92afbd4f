import {
  MEMBER_ORGANISATIONS,
  MEMBER_ROLES,
  type CommitteeMember,
} from '../../../common/committees.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useMembershipChecks } from './committees-api.ts';
import { ruleDetail } from './rule-detail.ts';

export type MemberEditorProps = {
  token: string;
  kind: 'elected' | 'temporary';
  members: CommitteeMember[];
  onChange: (members: CommitteeMember[]) => void;
};

/** Rows of members (name, role, owner, party member, and for a temporary committee its body),
 * with the server's live checks of the plan's rules for this membership. */
export function MemberEditor({ token, kind, members, onChange }: MemberEditorProps) {
  const { t } = useI18n();
  const checks = useMembershipChecks(token, kind, members);
  const set = (i: number, patch: Partial<CommitteeMember>) =>
    onChange(members.map((m, k) => (k === i ? { ...m, ...patch } : m)));
  return (
    <fieldset className="member-editor">
      <legend>{t('supervise.file.members')}</legend>
      {members.map((m, i) => (
        <div className="member-editor__row" key={i} data-row={i}>
          <input
            aria-label={t('supervise.members.name')}
            placeholder={t('supervise.members.name')}
            value={m.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <select
            aria-label={t('supervise.members.role')}
            value={m.role}
            onChange={(e) => set(i, { role: e.target.value as CommitteeMember['role'] })}
          >
            {MEMBER_ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`memberRole.${r}`)}
              </option>
            ))}
          </select>
          <label>
            <input
              type="checkbox"
              checked={m.owner}
              onChange={(e) => set(i, { owner: e.target.checked })}
            />
            {t('supervise.members.owner')}
          </label>
          <label>
            <input
              type="checkbox"
              checked={m.partyMember}
              onChange={(e) => set(i, { partyMember: e.target.checked })}
            />
            {t('supervise.members.party')}
          </label>
          {kind === 'temporary' && (
            <select
              aria-label={t('supervise.members.org')}
              value={m.organisation ?? 'owner_representative'}
              onChange={(e) =>
                set(i, { organisation: e.target.value as CommitteeMember['organisation'] })
              }
            >
              {MEMBER_ORGANISATIONS.map((o) => (
                <option key={o} value={o}>
                  {t(`memberOrg.${o}`)}
                </option>
              ))}
            </select>
          )}
          <button type="button" onClick={() => onChange(members.filter((_, k) => k !== i))}>
            {t('supervise.members.remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        onClick={() => onChange([...members, blankMember(kind, members.length === 0)])}
      >
        {t('supervise.members.add')}
      </button>
      {checks.status === 'ready' && (
        <ul className="rule-checks rule-checks--live" aria-label={t('supervise.members.checks')}>
          {checks.data.map((c) => (
            <li key={c.rule} className={`rule-check rule-check--${c.outcome}`} data-rule={c.rule}>
              <strong>{t(`ruleOutcome.${c.outcome}`)}</strong> {ruleDetail(t, c)}
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

/** A new member row: the first is the chair; a temporary committee's members name their body. */
export function blankMember(kind: 'elected' | 'temporary', first: boolean): CommitteeMember {
  return {
    name: '',
    role: first ? 'chair' : 'member',
    owner: true,
    partyMember: false,
    organisation: kind === 'temporary' ? 'owner_representative' : null,
  };
}
