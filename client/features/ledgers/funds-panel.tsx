import { useI18n } from '../../lib/use-i18n.tsx';
import { useFundAccounts, useRevenue, useTopUpTasks } from './ledgers-api.ts';
import { lastQuarterOf } from './report-reminder.tsx';

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
      <RevenueSummary token={token} />
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

// last quarter's public-revenue publications: how many on time, late, missing, and which are not in
function RevenueSummary({ token }: { token: string }) {
  const { t } = useI18n();
  const quarter = lastQuarterOf(new Date());
  const revenue = useRevenue(token, quarter);
  if (revenue.status !== 'ready' || revenue.data.length === 0) return null;
  const by = (s: string) => revenue.data.filter((r) => r.status === s);
  const behind = [...by('missing'), ...by('late')];
  return (
    <>
      <h3>{t('ledgers.revenue.title', { quarter })}</h3>
      <p data-testid="revenue-summary">
        {t('ledgers.revenue.summary', {
          dueOn: revenue.data[0]!.dueOn,
          onTime: by('on_time').length,
          late: by('late').length,
          missing: by('missing').length,
        })}
      </p>
      {behind.length > 0 && (
        <p className="ledgers-muted">
          {behind
            .slice(0, 12)
            .map((r) => r.compoundName)
            .join('、')}
          {behind.length > 12 ? ' …' : ''}
        </p>
      )}
    </>
  );
}
