import { useState } from 'react';
import type { RedBlackList } from '../../../common/enterprises.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useBureauPost } from './enterprises-api.ts';

export type ListPanelProps = {
  lists: ApiState<RedBlackList[]>;
  /** the housing bureau publishes; others only read; null: no form */
  token: string | null;
  period: string;
};

/** The published red/black lists with their period and rule; the bureau publishes the next one. */
export function ListPanel({ lists, token, period }: ListPanelProps) {
  const { t } = useI18n();
  const latest = lists.status === 'ready' ? lists.data[0] : undefined;
  return (
    <section className="ent-section ent-lists" aria-label={t('ent.list.title')}>
      <h3>{t('ent.list.title')}</h3>
      {token && <PublishForm token={token} initial={period} />}
      {lists.status === 'ready' && !latest && <p className="panel__note">{t('wall.listNone')}</p>}
      {latest && <ListView list={latest} />}
      {lists.status === 'ready' && lists.data.length > 1 && (
        <p className="panel__note">
          {t('ent.list.history', { periods: lists.data.map((l) => l.period).join('、') })}
        </p>
      )}
    </section>
  );
}

/** One published list: the period, the rule, the red and the black list with scores. */
export function ListView({ list }: { list: RedBlackList }) {
  const { t } = useI18n();
  return (
    <div className="ent-list" data-period={list.period}>
      <p className="ent-list__meta">
        {t('wall.listPeriod', {
          period: list.period,
          date: list.publishedOn,
          redMin: list.rule.redMin ?? '',
          blackMax: list.rule.blackMax ?? '',
        })}
      </p>
      <div className="ent-list__columns">
        {(['red', 'black'] as const).map((kind) => (
          <div key={kind} className={`ent-list__column ent-list__column--${kind}`}>
            <h4>{t(kind === 'red' ? 'wall.redList' : 'wall.blackList')}</h4>
            <ol>
              {list[kind].map((e) => (
                <li key={e.id} data-enterprise-id={e.id}>
                  {e.name} · {t('wall.listDetail', { score: e.score, compounds: e.compounds })}
                </li>
              ))}
              {list[kind].length === 0 && <li>{t('wall.listEmpty')}</li>}
            </ol>
          </div>
        ))}
      </div>
    </div>
  );
}

function PublishForm({ token, initial }: { token: string; initial: string }) {
  const { t } = useI18n();
  const publish = useBureauPost<RedBlackList>(token, '/api/red-black-lists');
  const [period, setPeriod] = useState(initial);
  return (
    <form
      className="ent-form ent-form--inline"
      aria-label={t('ent.list.publish')}
      onSubmit={(e) => {
        e.preventDefault();
        publish.mutate({ period });
      }}
    >
      <label>
        {t('ent.list.period')}
        <input value={period} onChange={(e) => setPeriod(e.target.value)} />
      </label>
      <button type="submit">{t('ent.list.publish')}</button>
      {publish.error && (
        <span className="panel__status--error" role="alert">
          {t('ent.error', { message: publish.error.message })}
        </span>
      )}
    </form>
  );
}
