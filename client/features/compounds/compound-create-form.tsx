import { COVERAGE_MODES, type CoverageMode } from '../../../common/domain.ts';
import { FieldError, FormError, type ApiErrorBody } from '../../lib/field-error.tsx';
import { useI18n } from '../../lib/use-i18n.tsx';
import { footprintWords } from './footprint-words.ts';
import type { CompoundDraft } from './use-compound-draft.ts';

export type CompoundCreateFormProps = {
  draft: CompoundDraft;
  /** the communities the admin may register in */
  communities: { code: string; name: string }[];
  enterprises: { id: number; name: string }[];
  drawing: boolean;
  onDraw: () => void;
  onSubmit: () => void;
  pending: boolean;
  error: ApiErrorBody | null;
};

const FIELDS = [
  'name',
  'communityCode',
  'households',
  'buildings',
  'yearBuilt',
  'coverageMode',
  'enterpriseId',
  'geometry',
  'reason',
] as const;

/** Registers a compound (a survey's 摸排 finding): its figures, service, and footprint drawn or pasted. */
export function CompoundCreateForm(props: CompoundCreateFormProps) {
  const { t } = useI18n();
  const { draft, error } = props;
  const f = draft.fields;
  const words = footprintWords(t);
  const label = (field: (typeof FIELDS)[number]) => t(`compoundField.${field}`);
  const err = (field: (typeof FIELDS)[number]) => (
    <FieldError error={error} field={field} label={label(field)} words={words} />
  );
  const text = (
    field: 'name' | 'households' | 'buildings' | 'yearBuilt' | 'reason',
    type = 'text',
  ) => (
    <label>
      {label(field)}
      <input
        name={field}
        type={type}
        value={f[field]}
        onChange={(e) => draft.setField(field, e.target.value)}
      />
      {err(field)}
    </label>
  );
  return (
    <form
      className="register-form"
      aria-label={t('registers.compound.create')}
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit();
      }}
    >
      <h3 className="panel__eyebrow">{t('registers.compound.create')}</h3>
      {text('name')}
      <label>
        {label('communityCode')}
        <select
          name="communityCode"
          value={f.communityCode}
          onChange={(e) => draft.setField('communityCode', e.target.value)}
        >
          {props.communities.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </select>
        {err('communityCode')}
      </label>
      <div className="register-form__row">
        {text('households', 'number')}
        {text('buildings', 'number')}
        {text('yearBuilt', 'number')}
      </div>
      <ModeFields
        mode={f.coverageMode}
        enterpriseId={f.enterpriseId}
        enterprises={props.enterprises}
        onMode={(m) => draft.setField('coverageMode', m)}
        onEnterprise={(id) => draft.setField('enterpriseId', id)}
      />
      {err('coverageMode')}
      {err('enterpriseId')}
      <fieldset className="register-form__geometry">
        <legend>{label('geometry')}</legend>
        <button type="button" onClick={props.onDraw} disabled={props.drawing}>
          {props.drawing ? t('registers.compound.drawing') : t('registers.compound.draw')}
        </button>
        <textarea
          name="geojson"
          rows={3}
          placeholder={t('registers.compound.pastePlaceholder')}
          value={f.geojson}
          onChange={(e) => draft.setField('geojson', e.target.value)}
        />
        <small data-testid="geometry-status">
          {draft.geometry
            ? t('registers.compound.vertices', {
                count: draft.geometry.coordinates[0]!.length - 1,
              })
            : f.geojson.trim()
              ? t('registers.compound.pasteInvalid')
              : t('registers.compound.noGeometry')}
        </small>
        {err('geometry')}
      </fieldset>
      {text('reason')}
      <button type="submit" disabled={props.pending}>
        {props.pending ? t('supervise.form.saving') : t('registers.compound.submit')}
      </button>
      <FormError error={error} fields={FIELDS} words={words} />
    </form>
  );
}

export type ModeFieldsProps = {
  mode: CoverageMode;
  enterpriseId: string;
  enterprises: { id: number; name: string }[];
  onMode: (mode: CoverageMode) => void;
  onEnterprise: (id: string) => void;
};

/** The mode of service, and the enterprise when it is a professional one. */
export function ModeFields({
  mode,
  enterpriseId,
  enterprises,
  onMode,
  onEnterprise,
}: ModeFieldsProps) {
  const { t } = useI18n();
  return (
    <>
      <label>
        {t('compoundField.coverageMode')}
        <select
          name="coverageMode"
          value={mode}
          onChange={(e) => {
            const next = e.target.value as CoverageMode;
            onMode(next);
            if (next !== 'professional') onEnterprise('');
          }}
        >
          {COVERAGE_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`coverageMode.${m}`)}
            </option>
          ))}
        </select>
      </label>
      {mode === 'professional' && (
        <label>
          {t('compoundField.enterpriseId')}
          <select
            name="enterpriseId"
            value={enterpriseId}
            onChange={(e) => onEnterprise(e.target.value)}
          >
            <option value="">{t('registers.choose')}</option>
            {enterprises.map((e) => (
              <option key={e.id} value={String(e.id)}>
                {e.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
