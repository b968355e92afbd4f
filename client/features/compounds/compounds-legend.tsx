import type { CompoundFeature } from '../../../common/api.ts';
import { COVERAGE_MODES, type CoverageMode } from '../../../common/domain.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { COVERAGE_MODE_COLORS, toCssColor } from '../../lib/theme.ts';

export type CompoundsLegendProps = {
  /** compounds per coverage mode on the map, or null while they load */
  counts: Record<CoverageMode, number> | null;
};

/** Swatches for the compound fill colours, with how many compounds each mode has. */
export function CompoundsLegend({ counts }: CompoundsLegendProps) {
  const { t } = useI18n();
  return (
    <ul className="legend" aria-label={t('legend.compounds')}>
      {COVERAGE_MODES.map((mode) => (
        <li
          key={mode}
          className={mode === 'none' ? 'legend__item legend__item--alert' : 'legend__item'}
        >
          <span
            className="legend__swatch"
            style={{ background: toCssColor(COVERAGE_MODE_COLORS[mode]) }}
            aria-hidden="true"
          />
          <span className="legend__label">{t(`coverageMode.${mode}`)}</span>
          {counts && (
            <span className="legend__count">{t('legend.count', { count: counts[mode] })}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Counts compounds per coverage mode (compounds without a mode are not counted). */
export function countByCoverageMode(
  compounds: readonly CompoundFeature[],
): Record<CoverageMode, number> {
  const counts: Record<CoverageMode, number> = {
    professional: 0,
    street_company: 0,
    self_managed: 0,
    none: 0,
  };
  for (const { properties } of compounds) {
    if (properties.coverageMode) counts[properties.coverageMode] += 1;
  }
  return counts;
}
