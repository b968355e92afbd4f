import { GRADES } from '../../../common/grievances.ts';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

/** The marker colours by grade, and what pulsing means. */
export function GradeLegend() {
  const { t } = useI18n();
  return (
    <section className="panel grade-legend" aria-label={t('legend.grades')}>
      <h2 className="grade-legend__title">{t('legend.grades')}</h2>
      <ul className="grade-legend__list">
        {GRADES.map((grade) => (
          <li key={grade} className="grade-legend__item">
            <span
              className="grade-dot"
              style={{ background: toCssColor(GRADE_COLORS[grade]) }}
              aria-hidden="true"
            />
            {grade} {t(`grade.${grade}`)}
          </li>
        ))}
      </ul>
      <p className="grade-legend__note">
        <span className="pulse-sample" aria-hidden="true" />
        {t('legend.pulse')}
      </p>
    </section>
  );
}
