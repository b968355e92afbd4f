import type { FormEvent } from 'react';
import type { BundleEvaluation } from '../../../common/bundling.ts';
import { formatDistance } from '../../lib/i18n.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

/** The evaluation of the current selection: none yet, on its way, answered, or refused. */
export type EvaluationState =
  | { status: 'idle' }
  | { status: 'loading'; last: BundleEvaluation | null }
  | { status: 'ready'; data: BundleEvaluation }
  | { status: 'error'; message: string };

export type SelectionPanelProps = {
  selected: { id: number; name: string; unmanaged: boolean }[];
  evaluation: EvaluationState;
  name: string;
  onNameChange: (name: string) => void;
  onSave: () => void;
  saving: boolean;
  saveError: string | null;
  onRemove: (id: number) => void;
  onClear: () => void;
  /** the lasso is being drawn (its button sits on the map) */
  drawing: boolean;
};

/**
 * The hand-made bundle: its compounds, its metrics from POST /api/bundles/evaluate (households,
 * compounds, span, viability and every broken rule), and saving it as a proposal.
 */
export function SelectionPanel(props: SelectionPanelProps) {
  const { t } = useI18n();
  const { evaluation, selected } = props;
  const shown =
    evaluation.status === 'ready'
      ? evaluation.data
      : evaluation.status === 'loading'
        ? evaluation.last
        : null;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    props.onSave();
  };
  return (
    <section className="panel plan-panel" aria-labelledby="plan-selection-title">
      <h2 id="plan-selection-title" className="panel__title">
        {t('plan.selectionTitle')}
      </h2>
      <div className="plan-row">
        <p className="panel__note plan-row__grow">
          {props.drawing ? t('plan.lassoHint') : t('plan.selectHint')}
        </p>
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={props.onClear}
          disabled={selected.length === 0}
        >
          {t('plan.clear')}
        </button>
      </div>
      {selected.length > 0 && (
        <ul className="chips plan-chips" aria-label={t('plan.selectedLabel')}>
          {selected.map((compound) => (
            <li key={compound.id}>
              <button
                type="button"
                className={`chip${compound.unmanaged ? ' plan-chip--unmanaged' : ''}`}
                onClick={() => props.onRemove(compound.id)}
                title={t('plan.remove')}
              >
                {compound.name} ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {evaluation.status === 'error' && (
        <p className="form-error" role="alert">
          {evaluation.message}
        </p>
      )}
      {shown && (
        <div
          className="plan-metrics"
          data-testid="selection-metrics"
          aria-busy={evaluation.status === 'loading'}
        >
          <div className="stat-tiles">
            <Tile
              value={t('unit.households', { count: shown.households })}
              label={t('plan.households')}
            />
            <Tile value={String(shown.compoundIds.length)} label={t('plan.compounds')} />
            <Tile
              value={t('plan.unmanagedOf', {
                count: shown.unmanagedCompounds,
                households: shown.unmanagedHouseholds,
              })}
              label={t('plan.unmanaged')}
            />
            <Tile value={formatDistance(t, shown.compactness.spanM)} label={t('plan.span')} />
          </div>
          <p
            className={`plan-viability ${shown.viable ? 'check--ok' : 'check--fail'}`}
            data-testid="viability"
          >
            {shown.viable ? t('plan.viable') : t('plan.notViable')}
            {shown.anchorId !== null && ` · ${t('plan.anchoredBy', { id: shown.anchorId })}`}
          </p>
          {shown.violations.length > 0 && (
            <ul className="plan-violations" aria-label={t('plan.violationsLabel')}>
              {shown.violations.map((violation) => (
                <li key={violation.code} data-code={violation.code}>
                  <strong>{t(`plan.violation.${violation.code}`)}</strong>
                  <span className="plan-violations__message">{violation.message}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <form className="plan-save" onSubmit={onSubmit}>
        <label className="form-field">
          <span className="form-field__label">{t('plan.proposalName')}</span>
          <input
            className="input"
            name="proposalName"
            value={props.name}
            maxLength={100}
            onChange={(event) => props.onNameChange(event.target.value)}
            placeholder={t('plan.proposalNamePlaceholder')}
          />
        </label>
        {props.saveError && (
          <p className="form-error" role="alert">
            {props.saveError}
          </p>
        )}
        <button
          type="submit"
          className="button button--primary plan-save__submit"
          disabled={props.saving || selected.length === 0 || props.name.trim() === ''}
        >
          {props.saving ? t('plan.saving') : t('plan.save')}
        </button>
      </form>
    </section>
  );
}

function Tile({ value, label }: { value: string; label: string }) {
  return (
    <div className="stat-tile">
      <span className="stat-tile__value">{value}</span>
      <span className="stat-tile__label">{label}</span>
    </div>
  );
}
