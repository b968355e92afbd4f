import { useState } from 'react';
import type { EnterpriseSummary, InspectionDraw } from '../../../common/enterprises.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useBureauPost } from './enterprises-api.ts';

export type InspectionPanelProps = {
  token: string;
  draws: ApiState<InspectionDraw[]>;
  enterprises: readonly EnterpriseSummary[];
  /** the period proposed for a draw, e.g. 2026Q4 */
  period: string;
};

/** 双随机: draw enterprises and inspectors from a seed, then record each drawn enterprise's items. */
export function InspectionPanel({ token, draws, enterprises, period }: InspectionPanelProps) {
  const { t } = useI18n();
  const draw = useBureauPost<InspectionDraw>(token, '/api/inspections/draws');
  const [count, setCount] = useState(3);
  const [inspectors, setInspectors] = useState('陈一,林二,黄三,吴四');
  const [inspectorCount, setInspectorCount] = useState(2);
  const [seed, setSeed] = useState('');
  const [stratified, setStratified] = useState(false);
  const latest = draws.status === 'ready' ? draws.data[0] : undefined;
  const names = new Map(enterprises.map((e) => [e.id, e]));
  return (
    <section className="ent-section" aria-label={t('ent.draw.title')}>
      <h3>{t('ent.draw.title')}</h3>
      <form
        className="ent-form"
        aria-label={t('ent.draw.title')}
        onSubmit={(e) => {
          e.preventDefault();
          draw.mutate({
            period,
            enterpriseCount: count,
            inspectorCount,
            inspectors: inspectors.split(/[,，\s]+/).filter(Boolean),
            stratified,
            ...(seed === '' ? {} : { seed: Number(seed) }),
          });
        }}
      >
        <label>
          {t('ent.draw.count')}
          <input
            type="number"
            min={1}
            value={count}
            onChange={(e) => setCount(Number(e.target.value))}
          />
        </label>
        <label>
          {t('ent.draw.inspectors')}
          <input value={inspectors} onChange={(e) => setInspectors(e.target.value)} />
        </label>
        <label>
          {t('ent.draw.inspectorCount')}
          <input
            type="number"
            min={1}
            value={inspectorCount}
            onChange={(e) => setInspectorCount(Number(e.target.value))}
          />
        </label>
        <label>
          {t('ent.draw.seed')}
          <input value={seed} inputMode="numeric" onChange={(e) => setSeed(e.target.value)} />
        </label>
        <label className="ent-form__check">
          <input
            type="checkbox"
            checked={stratified}
            onChange={(e) => setStratified(e.target.checked)}
          />
          {t('ent.draw.stratified')}
        </label>
        <button type="submit">{t('ent.draw.submit', { period })}</button>
      </form>
      {draw.error && (
        <p className="panel__status panel__status--error" role="alert">
          {t('ent.error', { message: draw.error.message })}
        </p>
      )}
      {latest && (
        <div className="ent-draw" data-draw-id={latest.id}>
          <p>{t('ent.draw.result', { id: latest.id, period: latest.period, seed: latest.seed })}</p>
          <ol>
            {latest.drawn.map((d) => (
              <li key={d.enterpriseId} data-drawn-enterprise={d.enterpriseId}>
                {names.get(d.enterpriseId)?.name ?? `#${d.enterpriseId}`} ·{' '}
                {d.inspectors.join('、')}
                <Results draw={latest} enterpriseId={d.enterpriseId} />
                <ResultForm
                  token={token}
                  drawId={latest.id}
                  enterpriseId={d.enterpriseId}
                  version={names.get(d.enterpriseId)?.version ?? 0}
                />
              </li>
            ))}
          </ol>
        </div>
      )}
    </section>
  );
}

function Results({ draw, enterpriseId }: { draw: InspectionDraw; enterpriseId: number }) {
  const { t } = useI18n();
  const mine = draw.results.filter((r) => r.enterpriseId === enterpriseId);
  return (
    <ul className="ent-draw__results">
      {mine.map((r) => (
        <li key={r.item} data-passed={r.passed}>
          {t('ent.result.recorded', {
            item: r.item,
            verdict: r.passed ? t('ent.result.passed') : t('ent.result.failed'),
            note: r.note,
          })}
        </li>
      ))}
    </ul>
  );
}

type ResultFormProps = { token: string; drawId: number; enterpriseId: number; version: number };

function ResultForm({ token, drawId, enterpriseId, version }: ResultFormProps) {
  const { t } = useI18n();
  const post = useBureauPost<InspectionDraw>(token, `/api/inspections/draws/${drawId}/results`);
  const [item, setItem] = useState('');
  const [passed, setPassed] = useState(false);
  const [note, setNote] = useState('');
  return (
    <form
      className="ent-form ent-form--inline"
      aria-label={t('ent.result.form')}
      onSubmit={(e) => {
        e.preventDefault();
        // inspected today: the server's day
        post.mutate({ enterpriseId, version, items: [{ item, passed, note }] });
      }}
    >
      <input
        aria-label={t('ent.result.item')}
        placeholder={t('ent.result.item')}
        value={item}
        onChange={(e) => setItem(e.target.value)}
        required
      />
      <select
        aria-label={t('ent.result.verdict')}
        value={passed ? 'pass' : 'fail'}
        onChange={(e) => setPassed(e.target.value === 'pass')}
      >
        <option value="fail">{t('ent.result.failed')}</option>
        <option value="pass">{t('ent.result.passed')}</option>
      </select>
      <input
        aria-label={t('ent.result.note')}
        placeholder={t('ent.result.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <button type="submit">{t('ent.result.submit')}</button>
      {post.error && (
        <span className="panel__status--error" role="alert">
          {t('ent.error', { message: post.error.message })}
        </span>
      )}
    </form>
  );
}
