import { useI18n } from '../../lib/use-i18n.tsx';
import { useFundAccounts, useTopUpTasks } from './ledgers-api.ts';

export type FundsPanelProps = { token: string };

/** Maintenance-fund accounts (flagged first) and the top-up plan tasks they opened. */
export function FundsPanel({ token }: FundsPanelProps) {
  const { t, formatNumber } = useI18n();
  const accounts = useFundAccounts(token);
  const tasks = useTopUpTasks(token);
  return (
    <section className="ledgers-card" aria-labelledby="funds-title">
      <h2 id="funds-title">{t('ledgers.funds.title')}</h2>
      {accounts.status === 'ready' && accounts.data.length === 0 && (
        <p>{t('ledgers.funds.none')}</p>
      )}
      {accounts.status === 'ready' && accounts.data.length > 0 && (
        <table className="ledgers-table" data-testid="fund-accounts">
          <thead>
            <tr>
              <th>{t('ledgers.funds.compound')}</th>
              <th>{t('ledgers.funds.firstDeposit')}</th>
              <th>{t('ledgers.funds.balance')}</th>
              <th>{t('ledgers.funds.share')}</th>
              <th>{t('ledgers.funds.arrears')}</th>
              <th>{t('ledgers.funds.asOf')}</th>
              <th>{t('ledgers.funds.flags')}</th>
            </tr>
          </thead>
          <tbody>
            {accounts.data.map((a) => (
              <tr key={a.compoundId} className={a.flags.length ? 'is-flagged' : undefined}>
                <td>{a.compoundName}</td>
                <td className="num">{formatNumber(a.firstDeposit, 2)}</td>
                <td className="num">{formatNumber(a.balance, 2)}</td>
                <td className="num">{formatNumber(a.balanceShare * 100, 1)}%</td>
                <td className="num">{a.arrearsHouseholds}</td>
                <td>{a.asOf}</td>
                <td>{a.flags.map((f) => t(`ledgers.funds.flag.${f}`)).join('、')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('ledgers.tasks.title')}</h3>
      {tasks.status === 'ready' && tasks.data.length === 0 && <p>{t('ledgers.tasks.none')}</p>}
      {tasks.status === 'ready' && tasks.data.length > 0 && (
        <table className="ledgers-table" data-testid="topup-tasks">
          <thead>
            <tr>
              <th>{t('ledgers.funds.compound')}</th>
              <th>{t('ledgers.funds.flags')}</th>
              <th>{t('ledgers.tasks.opened')}</th>
              <th>{t('ledgers.tasks.due')}</th>
              <th>{t('ledgers.tasks.status')}</th>
            </tr>
          </thead>
          <tbody>
            {tasks.data.map((task) => (
              <tr key={task.id} className={task.overdue ? 'is-flagged' : undefined}>
                <td>{task.compoundName}</td>
                <td>{task.reasons.map((f) => t(`ledgers.funds.flag.${f}`)).join('、')}</td>
                <td>{task.openedOn}</td>
                <td>{task.dueOn}</td>
                <td>
                  {t(`ledgers.tasks.status.${task.status}`)}
                  {task.overdue ? ` · ${t('ledgers.tasks.overdue')}` : ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
