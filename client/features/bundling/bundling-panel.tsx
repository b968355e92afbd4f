import type { BundlingProgress, BundlingResult } from '../../../common/bundling.ts';
import { toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { bundleColor } from './bundles-layer.ts';

export type UnitOption = { code: string; name: string };

export type BundlingPanelProps = {
  streets: UnitOption[];
  /** null = the whole district */
  streetCode: string | null;
  onStreetChange: (code: string | null) => void;
  onSuggest: () => void;
  running: boolean;
  progress: BundlingProgress | null;
  result: BundlingResult | null;
  error: string | null;
  /** coverage changed (a contract) since the suggestion was computed */
  stale: boolean;
  compoundNames: ReadonlyMap<number, string>;
  unitNames: ReadonlyMap<string, string>;
  /** the bundle whose compounds are the current selection */
  adoptedIndex: number | null;
  onAdopt: (index: number) => void;
  onPickCompound: (id: number) => void;
};

/** Left panel: the street picker, "suggest", its progress, the suggested bundles and leftovers. */
export function BundlingPanel(props: BundlingPanelProps) {
  const { t } = useI18n();
  const { result, progress, running } = props;
  const share = progress && progress.total > 0 ? progress.done / progress.total : 0;
  return (
    <section className="panel plan-panel" aria-labelledby="plan-suggest-title">
      <h2 id="plan-suggest-title" className="panel__title">
        {t('plan.suggestTitle')}
      </h2>
      <div className="plan-row">
        <label className="form-field plan-row__grow">
          <span className="form-field__label">{t('plan.street')}</span>
          <select
            className="select"
            name="street"
            value={props.streetCode ?? ''}
            onChange={(event) => props.onStreetChange(event.target.value || null)}
          >
            <option value="">{t('plan.wholeDistrict')}</option>
            {props.streets.map((street) => (
              <option key={street.code} value={street.code}>
                {street.name}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="button button--primary plan-row__action"
          onClick={props.onSuggest}
          disabled={running}
        >
          {running ? t('plan.suggesting') : t('plan.suggest')}
        </button>
      </div>
      {running && (
        <div
          className="plan-progress"
          role="progressbar"
          aria-label={t('plan.progressLabel')}
          aria-valuemin={0}
          aria-valuemax={progress?.total ?? 0}
          aria-valuenow={progress?.done ?? 0}
        >
          <div className="plan-progress__bar" style={{ width: `${Math.round(share * 100)}%` }} />
          <span className="plan-progress__text">
            {progress
              ? t('plan.progress', { done: progress.done, total: progress.total })
              : t('plan.progressStarting')}
          </span>
        </div>
      )}
      {props.error && (
        <p className="form-error" role="alert">
          {props.error}
        </p>
      )}
      {result && (
        <>
          {props.stale && <p className="plan-stale">{t('plan.stale')}</p>}
          <p className="plan-summary" data-testid="suggest-summary">
            {t('plan.summary', {
              bundles: result.summary.bundles,
              covered: result.summary.coveredCompounds,
              unmanaged: result.summary.unmanagedCompounds,
              households: result.summary.coveredHouseholds,
              totalHouseholds: result.summary.unmanagedHouseholds,
            })}
          </p>
          <h3 className="panel__subtitle">{t('plan.bundles', { count: result.bundles.length })}</h3>
          <ul className="plan-list" aria-label={t('plan.bundlesLabel')}>
            {result.bundles.map((bundle, index) => (
              <li key={`${bundle.unitCode}-${bundle.compoundIds.join(',')}`}>
                <button
                  type="button"
                  className={`plan-bundle${props.adoptedIndex === index ? ' plan-bundle--active' : ''}`}
                  onClick={() => props.onAdopt(index)}
                  aria-pressed={props.adoptedIndex === index}
                  title={t('plan.adopt')}
                >
                  <span
                    className="plan-bundle__swatch"
                    style={{ background: toCssColor(bundleColor(index)) }}
                    aria-hidden="true"
                  />
                  <span className="plan-bundle__name">
                    {props.unitNames.get(bundle.unitCode) ?? bundle.unitCode}
                    {bundle.anchorId !== null && (
                      <span className="plan-bundle__anchor">{t('plan.anchored')}</span>
                    )}
                  </span>
                  <span className="plan-bundle__figures">
                    {t('plan.bundleLabel', {
                      households: bundle.households,
                      count: bundle.compoundIds.length,
                    })}
                  </span>
                </button>
              </li>
            ))}
          </ul>
          <h3 className="panel__subtitle">
            {t('plan.leftovers', { count: result.leftovers.length })}
          </h3>
          {result.leftovers.length === 0 ? (
            <p className="panel__note">{t('plan.noLeftovers')}</p>
          ) : (
            <ul className="plan-list" aria-label={t('plan.leftoversLabel')}>
              {result.leftovers.map((leftover) => (
                <li key={leftover.compoundId}>
                  <button
                    type="button"
                    className="plan-leftover"
                    onClick={() => props.onPickCompound(leftover.compoundId)}
                  >
                    <span className="plan-leftover__name">
                      {props.compoundNames.get(leftover.compoundId) ?? `#${leftover.compoundId}`}
                    </span>
                    <span className="plan-leftover__households">
                      {t('unit.households', { count: leftover.households })}
                    </span>
                    <span className={`plan-reason plan-reason--${leftover.reason}`}>
                      {t(`plan.reason.${leftover.reason}`)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {!result && !running && <p className="panel__note">{t('plan.suggestHint')}</p>}
    </section>
  );
}
