import { toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { COVERAGE_SHARE_RAMP } from './coverage-layer.ts';

/** The colour ramp of the street coverage layer, 0% to 100%. */
export function CoverageLegend() {
  const { t } = useI18n();
  const gradient = `linear-gradient(90deg, ${COVERAGE_SHARE_RAMP.map(toCssColor).join(', ')})`;
  return (
    <div className="ramp-legend" aria-label={t('legend.streetCoverage')}>
      <span className="ramp-legend__bar" style={{ background: gradient }} aria-hidden="true" />
      <span className="ramp-legend__ticks">
        <span>0%</span>
        <span>50%</span>
        <span>100%</span>
      </span>
    </div>
  );
}
