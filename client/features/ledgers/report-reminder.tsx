import type { SessionUser } from '../../../common/auth.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { useReportList } from './ledgers-api.ts';

/** The last completed quarter on a day (its report is the one due next). */
export function lastQuarterOf(today: Date): string {
  const q = Math.floor(today.getMonth() / 3);
  return q === 0 ? `${today.getFullYear() - 1}-Q4` : `${today.getFullYear()}-Q${q}`;
}

export type ReportReminderProps = { token: string; user: SessionUser };

/**
 * A reminder of the last quarter's reports not yet submitted (五(三)): a street admin's own, and
 * for district-wide users every late street by name. Nothing for other roles or when all are in.
 */
export function ReportReminder({ token, user }: ReportReminderProps) {
  const { t } = useI18n();
  const allowed = user.scope.district || user.role === 'street_admin';
  const period = lastQuarterOf(new Date());
  const list = useReportList(token, period, allowed);
  if (!allowed || list.status !== 'ready') return null;
  const open = list.data.filter((r) => r.status !== 'submitted');
  if (!open.length) return null;
  return (
    <p className="report-reminder" role="status" data-testid="report-reminder">
      <a href="/ledgers">
        {t('ledgers.reports.reminder', { count: open.length, period, dueOn: open[0]!.dueOn })}
      </a>
      {open.some((r) => r.late) && (
        <span>
          {' '}
          {t('ledgers.reports.late')}：
          {open
            .filter((r) => r.late)
            .map((r) => r.streetName)
            .join('、')}
        </span>
      )}
    </p>
  );
}
