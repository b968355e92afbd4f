import type { CommitteeFile } from '../../../common/committees.ts';
import { refusalText } from '../../lib/field-error.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { DutyFields, RecordFields } from './change-form-fields.tsx';
import { MemberEditor } from './member-editor.tsx';
import { refusalWords } from './rule-detail.ts';
import { isRecordChoice, useCommitteeEditor, type EditorChoice } from './use-committee-editor.ts';

export type CommitteeChangeFormProps = { token: string; file: CommitteeFile };

/**
 * The form for a committee's next change: the lifecycle step, duty or supervision record, its
 * dates, fields and members.
 */
export function CommitteeChangeForm({ token, file }: CommitteeChangeFormProps) {
  const { t } = useI18n();
  const e = useCommitteeEditor(token, file);
  if (e.choice === null) return null;
  const withMembers = e.choice === 'elect' || e.choice === 'temporary';
  const withTermEnd = withMembers;
  return (
    <form
      className="committee-form"
      aria-label={t('supervise.form.title')}
      onSubmit={(ev) => {
        ev.preventDefault();
        e.submit();
      }}
    >
      <h3 className="panel__eyebrow">{t('supervise.form.title')}</h3>
      <label>
        {t('supervise.form.action')}
        <select
          name="choice"
          value={e.choice}
          onChange={(ev) => e.setChoice(ev.target.value as EditorChoice)}
        >
          {e.choices.map((c) => (
            <option key={c} value={c}>
              {t(`committeeAction.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {e.choice === 'elect' ? t('supervise.form.electedOn') : t('supervise.form.date')}
        <input
          type="date"
          name="date"
          value={e.fields.date}
          onChange={(ev) => e.setField('date', ev.target.value)}
        />
      </label>
      {e.choice === 'elect' && (
        <label>
          {t('supervise.form.termStart')}
          <input
            type="date"
            name="termStart"
            value={e.fields.termStart}
            onChange={(ev) => e.setField('termStart', ev.target.value)}
          />
        </label>
      )}
      {withTermEnd && (
        <label>
          {t('supervise.form.termEnd')}
          <input
            type="date"
            name="termEnd"
            value={e.fields.termEnd}
            onChange={(ev) => e.setField('termEnd', ev.target.value)}
          />
        </label>
      )}
      <DutyFields e={e} />
      <RecordFields e={e} />
      {withMembers && (
        <MemberEditor
          token={token}
          kind={e.choice === 'temporary' ? 'temporary' : 'elected'}
          members={e.members}
          onChange={e.setMembers}
        />
      )}
      {!isRecordChoice(e.choice) && (
        <label>
          {t('supervise.form.note')}
          <input
            name="note"
            value={e.fields.note}
            onChange={(ev) => e.setField('note', ev.target.value)}
          />
        </label>
      )}
      <button type="submit" disabled={e.pending}>
        {e.pending ? t('supervise.form.saving') : t('supervise.form.submit')}
      </button>
      {e.error && (
        <p className="panel__status panel__status--error" role="alert" data-code={e.error.code}>
          {t('supervise.form.refused', { message: refusalText(e.error, refusalWords(t)) })}
        </p>
      )}
    </form>
  );
}
