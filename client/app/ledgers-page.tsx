import { useState } from 'react';
import type { LoginResult } from '../../common/auth.ts';
import { UserBadge } from '../features/auth/user-badge.tsx';
import { FundsPanel } from '../features/ledgers/funds-panel.tsx';
import { ImportHistory } from '../features/ledgers/import-history.tsx';
import { ImportPanel } from '../features/ledgers/import-panel.tsx';
import { useReport } from '../features/ledgers/ledgers-api.ts';
import { lastQuarterOf } from '../features/ledgers/report-reminder.tsx';
import { ReportPrint } from '../features/ledgers/report-print.tsx';
import { ReportsPanel } from '../features/ledgers/reports-panel.tsx';
import { useI18n } from '../lib/use-i18n.tsx';
import type { SessionEndReason } from '../lib/use-session.tsx';
import { AppHeader } from './app-header.tsx';
import { LoginGate } from './login-gate.tsx';

const IMPORTERS = new Set(['district_admin', 'street_admin', 'community_admin']);

/**
 * /ledgers: ledger imports, maintenance-fund alerts and top-up tasks, the quarterly reports;
 * /ledgers?report={unit}&period={period} is one report laid out for printing (A4).
 */
export function LedgersPage() {
  const { t } = useI18n();
  const search = new URLSearchParams(window.location.search);
  const report = search.get('report');
  const period = search.get('period');
  return (
    <LoginGate
      header={<AppHeader page="ledgers" />}
      title={t('ledgers.loginTitle')}
      subtitle={t('ledgers.loginSubtitle')}
    >
      {({ session, signOut }) =>
        report && period ? (
          <PrintView token={session.token} unit={report} period={period} />
        ) : (
          <LedgersWorkspace key={session.token} session={session} onSignOut={signOut} />
        )
      }
    </LoginGate>
  );
}

// the last six completed quarters, newest first, then last year
function recentPeriods(today: Date): string[] {
  const out = [lastQuarterOf(today)];
  while (out.length < 6) {
    const [y, q] = out.at(-1)!.split('-Q').map(Number) as [number, number];
    out.push(q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`);
  }
  return [...out, String(today.getFullYear() - 1)];
}

type WorkspaceProps = { session: LoginResult; onSignOut: (reason?: SessionEndReason) => void };

function LedgersWorkspace({ session, onSignOut }: WorkspaceProps) {
  const { t } = useI18n();
  const { token, user } = session;
  const periods = recentPeriods(new Date());
  const [period, setPeriod] = useState(periods[0]!);
  const importer = IMPORTERS.has(user.role);
  return (
    <div className="ledgers-page">
      <AppHeader
        page="ledgers"
        tools={<UserBadge user={user} onLogout={() => onSignOut('logout')} />}
      />
      <main className="ledgers-main">
        <h1 className="ledgers-title">{t('ledgers.title')}</h1>
        {importer && <ImportPanel token={token} />}
        {importer && <ImportHistory token={token} />}
        <FundsPanel token={token} />
        {(user.scope.district || user.role === 'street_admin') && (
          <ReportsPanel
            token={token}
            period={period}
            periods={periods}
            onPeriod={setPeriod}
            canWrite={user.role === 'district_admin' || user.role === 'street_admin'}
            districtWide={user.scope.district}
          />
        )}
      </main>
    </div>
  );
}

function PrintView({ token, unit, period }: { token: string; unit: string; period: string }) {
  const { t } = useI18n();
  const report = useReport(token, unit, period);
  return (
    <div className="report-page">
      <div className="report-page__tools">
        <a href="/ledgers">{t('report.back')}</a>
        <button type="button" onClick={() => window.print()}>
          {t('report.print')}
        </button>
      </div>
      {report.status === 'ready' && <ReportPrint report={report.data} />}
      {report.status === 'error' && <p className="ledgers-error">{report.error.message}</p>}
    </div>
  );
}
