import { useRedBlackLists } from '../features/enterprises/enterprises-api.ts';
import { ListView } from '../features/enterprises/list-panel.tsx';
import { useI18n } from '../lib/use-i18n.tsx';
import { AppHeader } from './app-header.tsx';

/** /red-black-list: the published red/black lists, read-only and without a login (public). */
export function RedBlackListPage() {
  const { t } = useI18n();
  const lists = useRedBlackLists();
  return (
    <>
      <AppHeader page="red-black-list" />
      <main className="public-lists panel">
        <h2>{t('ent.public.title')}</h2>
        <p className="panel__note">{t('ent.public.rule')}</p>
        {lists.status === 'loading' && <p className="panel__status">{t('ent.loading')}</p>}
        {lists.status === 'error' && (
          <p className="panel__status panel__status--error" role="alert">
            {t('ent.loadFailed', { message: lists.error.message })}
          </p>
        )}
        {lists.status === 'ready' && lists.data.length === 0 && (
          <p className="panel__status">{t('wall.listNone')}</p>
        )}
        {lists.status === 'ready' && lists.data.map((l) => <ListView key={l.id} list={l} />)}
      </main>
    </>
  );
}
