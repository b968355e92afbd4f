import type { Score, ScoreComponent } from '../../../common/enterprises.ts';
import type { Translate } from '../../lib/i18n.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type ScoreBreakdownProps = { score: Score; asOf: string };

/** A credit score with each component's points and the record, interview or register that gave them. */
export function ScoreBreakdown({ score, asOf }: ScoreBreakdownProps) {
  const { t } = useI18n();
  return (
    <section className="score-breakdown" aria-label={t('ent.score.label')}>
      <h3 className="score-breakdown__total" data-score={score.score}>
        {t('ent.score.title', { score: score.score, date: asOf })}
      </h3>
      <ul className="score-breakdown__items">
        {score.components.map((c, i) => (
          <li
            key={i}
            className={`score-breakdown__item score-breakdown__item--${c.points < 0 ? 'minus' : 'plus'}`}
            data-key={c.key}
            data-source-id={c.source.id ?? ''}
          >
            <span className="score-breakdown__points">{signed(c.points)}</span>
            <span>{t(`ent.component.${c.key}`)}</span>
            <small>{sourceText(c, t)}</small>
          </li>
        ))}
      </ul>
    </section>
  );
}

const signed = (x: number) => (x > 0 && x < 100 ? `+${x}` : String(x));

function sourceText(c: ScoreComponent, t: Translate): string {
  const { kind, id, onDate, note } = c.source;
  const where =
    kind === 'record' && id !== null
      ? t('ent.source.record', { id, date: onDate ?? '' })
      : kind === 'interview' && id !== null
        ? t('ent.source.interview', { id, date: onDate ?? '' })
        : kind === 'feedback'
          ? t('ent.source.feedback')
          : kind === 'register' && c.key === 'party_org'
            ? t(`ent.partyOrg.${note as 'branch'}`)
            : '';
  const words =
    c.key === 'evaluation'
      ? t('ent.source.evaluation', { mean: note })
      : kind === 'record' || kind === 'interview' || kind === 'feedback'
        ? note
        : '';
  return [where, words].filter(Boolean).join(' · ');
}
