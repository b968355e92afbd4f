import { useI18n } from '../../lib/use-i18n.tsx';
import { useImports, useUndoImport } from './ledgers-api.ts';

export type ImportHistoryProps = { token: string };

/** Applied imports, newest first, each undoable while nothing it touched changed since. */
export function ImportHistory({ token }: ImportHistoryProps) {
  const { t, formatDateTime } = useI18n();
  const imports = useImports(token);
  const undo = useUndoImport(token);
  if (imports.status !== 'ready' || imports.data.length === 0) return null;
  return (
    <section className="ledgers-card" aria-labelledby="imports-title">
      <h2 id="imports-title">{t('ledgers.import.history')}</h2>
      {undo.error && <p className="ledgers-error">{undo.error.body.message}</p>}
      <table className="ledgers-table">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('ledgers.import.at')}</th>
            <th>{t('ledgers.import.fileName')}</th>
            <th>{t('ledgers.import.actor')}</th>
            <th>SHA-256</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {imports.data.map((r) => (
            <tr key={r.id}>
              <td>{r.id}</td>
              <td>{formatDateTime(r.at)}</td>
              <td>
                {r.fileName}
                <br />
                <small>
                  {t('ledgers.import.counts', {
                    create: r.created,
                    update: r.updated,
                    unchanged: r.unchanged,
                    to_draw: r.toDraw,
                    error: 0,
                  })}
                </small>
              </td>
              <td>{r.actor}</td>
              <td>
                <code title={r.sha256}>{r.sha256.slice(0, 12)}…</code>
              </td>
              <td>
                {r.undoneAt ? (
                  t('ledgers.import.undone')
                ) : r.register === 'compounds' ? (
                  <button type="button" disabled={undo.isPending} onClick={() => undo.mutate(r.id)}>
                    {t('ledgers.import.undo')}
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
