import { useState } from 'react';
import type { CompoundDetail } from '../../../common/api.ts';
import type { CoverageMode } from '../../../common/domain.ts';
import { FieldError, FormError } from '../../lib/field-error.tsx';
import { districtIsoDate } from '../../lib/locale-format.ts';
import { RegisterHistory } from '../../lib/register-history.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { ModeFields } from './compound-create-form.tsx';
import { useCompoundChange, useCompoundHistory } from './compound-register-api.ts';
import { footprintWords } from './footprint-words.ts';
import { numberOrText } from './use-compound-draft.ts';

export type CompoundRecordProps = {
  token: string;
  compound: CompoundDetail;
  enterprises: { id: number; name: string }[];
  /** after a retirement: the compound left the register */
  onRetired: () => void;
};

type Choice = 'edit' | 'mode' | 'retire';
const CHOICES: Choice[] = ['mode', 'edit', 'retire'];
const FIELDS = [
  'name',
  'households',
  'buildings',
  'yearBuilt',
  'coverageMode',
  'enterpriseId',
  'changedOn',
  'retiredOn',
  'reason',
] as const;
const HISTORY_FIELDS = new Set([
  'name',
  'households',
  'buildings',
  'yearBuilt',
  'coverageMode',
  'enterpriseId',
  'communityCode',
]);

/** One compound of the register: what it is, its next change (correct, change mode, retire), its history. */
export function CompoundRecord({ token, compound, enterprises, onRetired }: CompoundRecordProps) {
  const { t } = useI18n();
  const history = useCompoundHistory(token, compound.id);
  const change = useCompoundChange(token);
  const [choice, setChoice] = useState<Choice>('mode');
  const [f, set] = useCompoundFields(compound);
  const error = change.error?.body ?? null;
  const words = footprintWords(t);
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={t(`compoundField.${field}`)} words={words} />
  );
  const reason = f.reason.trim() ? f.reason : undefined;
  const submit = () => {
    const version = compound.version;
    const bodies: Record<Choice, Record<string, unknown>> = {
      edit: {
        version,
        name: f.name,
        households: numberOrText(f.households),
        buildings: numberOrText(f.buildings),
        yearBuilt: numberOrText(f.yearBuilt),
        ...(reason ? { reason } : {}),
      },
      mode: {
        version,
        coverageMode: f.coverageMode,
        enterpriseId: f.enterpriseId === '' ? null : Number(f.enterpriseId),
        changedOn: f.date,
        reason: f.reason,
      },
      retire: { version, retiredOn: f.date, reason: f.reason },
    };
    change.mutate(
      { kind: choice, id: compound.id, body: bodies[choice] },
      { onSuccess: () => (choice === 'retire' ? onRetired() : set('reason', '')) },
    );
  };
  const text = (key: 'name' | 'households' | 'buildings' | 'yearBuilt') => (
    <label>
      {t(`compoundField.${key}`)}
      <input name={key} value={f[key]} onChange={(e) => set(key, e.target.value)} />
      {err(key)}
    </label>
  );
  return (
    <section
      className="register-record"
      data-compound-id={compound.id}
      data-version={compound.version}
    >
      <h2 className="side-panel__title">{compound.name}</h2>
      <dl className="register-record__facts">
        <dt>{t('compoundField.communityCode')}</dt>
        <dd>{compound.community.name}</dd>
        <dt>{t('compoundField.coverageMode')}</dt>
        <dd data-testid="compound-mode">{t(`coverageMode.${compound.coverageMode}`)}</dd>
        <dt>{t('compoundField.households')}</dt>
        <dd>{compound.households}</dd>
        <dt>{t('registers.version')}</dt>
        <dd>{compound.version}</dd>
      </dl>
      <form
        className="register-form"
        aria-label={t('registers.change')}
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <label>
          {t('registers.action')}
          <select
            name="choice"
            value={choice}
            onChange={(e) => setChoice(e.target.value as Choice)}
          >
            {CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`registers.compound.${c}`)}
              </option>
            ))}
          </select>
        </label>
        {choice === 'edit' && (
          <>
            {text('name')}
            <div className="register-form__row">
              {text('households')}
              {text('buildings')}
              {text('yearBuilt')}
            </div>
          </>
        )}
        {choice === 'mode' && (
          <ModeFields
            mode={f.coverageMode}
            enterpriseId={f.enterpriseId}
            enterprises={enterprises}
            onMode={(m: CoverageMode) => set('coverageMode', m)}
            onEnterprise={(id) => set('enterpriseId', id)}
          />
        )}
        {choice === 'mode' && err('coverageMode')}
        {choice === 'mode' && err('enterpriseId')}
        {choice !== 'edit' && (
          <label>
            {t(choice === 'mode' ? 'compoundField.changedOn' : 'compoundField.retiredOn')}
            <input
              type="date"
              name="date"
              value={f.date}
              onChange={(e) => set('date', e.target.value)}
            />
            {err(choice === 'mode' ? 'changedOn' : 'retiredOn')}
          </label>
        )}
        <label>
          {t('compoundField.reason')}
          <input name="reason" value={f.reason} onChange={(e) => set('reason', e.target.value)} />
          {err('reason')}
        </label>
        <button type="submit" disabled={change.isPending}>
          {change.isPending ? t('supervise.form.saving') : t('supervise.form.submit')}
        </button>
        <FormError error={error} fields={FIELDS} words={words} />
      </form>
      <RegisterHistory
        history={history}
        labelOf={(k) => (HISTORY_FIELDS.has(k) ? t(`compoundField.${k as 'name'}`) : null)}
        valueOf={(k, v) =>
          k === 'coverageMode'
            ? t(`coverageMode.${v as CoverageMode}`)
            : v === null
              ? '—'
              : String(v)
        }
      />
    </section>
  );
}

// the change form's fields as typed, from the compound; dates default to today
function useCompoundFields(compound: CompoundDetail) {
  const [f, setF] = useState(() => ({
    name: compound.name,
    households: String(compound.households),
    buildings: String(compound.buildings),
    yearBuilt: String(compound.yearBuilt),
    coverageMode: compound.coverageMode,
    enterpriseId: compound.enterprise ? String(compound.enterprise.id) : '',
    date: districtIsoDate(Date.now()),
    reason: '',
  }));
  const set = (key: keyof typeof f, value: string) => setF((prev) => ({ ...prev, [key]: value }));
  return [f, set] as const;
}
