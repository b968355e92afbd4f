import type { PeriodReport, Share } from '../../../common/ledgers.ts';
import type { MessageKey } from '../../lib/i18n.ts';
import { useI18n } from '../../lib/use-i18n.tsx';

export type ReportPrintProps = { report: PeriodReport };

type Line = [MessageKey | string, string | number];

/** A report laid out for A4 (ledgers.css's print rules): a table per section. */
export function ReportPrint({ report: r }: ReportPrintProps) {
  const { t, formatDateTime } = useI18n();
  const pct = (s: number) => `${(s * 100).toFixed(1)}%`;
  const share = (s: Share) => `${pct(s.share)}（${s.count}/${s.of}）`;
  const g = r.grievances;
  return (
    <article className="report-print" data-testid="report-print">
      <h1>{t('report.heading', { unit: r.unit.name, period: r.period })}</h1>
      <p className="report-print__range">
        {t('report.range', {
          from: r.from,
          to: r.to,
          dueOn: r.dueOn,
          at: formatDateTime(r.generatedAt),
        })}
      </p>
      <Section
        title="report.coverage"
        lines={[
          ['report.coverage.compounds', r.coverage.compounds],
          ['report.coverage.managed', r.coverage.managed],
          ['report.coverage.baseline', r.coverage.baselineUnmanaged],
          ['report.coverage.covered', r.coverage.coveredSinceBaseline],
          ['report.coverage.share', pct(r.coverage.share)],
          ...r.coverage.targets.map((x): Line => [
            t('report.coverage.target', { date: x.date, share: pct(x.share) }),
            x.met === null
              ? t('coverage.targetPending')
              : x.met
                ? t('coverage.targetMet')
                : t('coverage.targetMissed'),
          ]),
        ]}
      />
      <Section
        title="report.committees"
        lines={[
          ['report.coverage.compounds', r.committees.compounds],
          ['report.committees.formed', r.committees.formed],
          ['report.committees.elected', r.committees.elected],
          ['report.committees.temporary', r.committees.temporary],
          ['report.committees.preparing', r.committees.preparing],
          ['report.committees.party', r.committees.meetingPartyRule],
        ]}
      />
      <Section
        title="report.disclosures"
        lines={[
          ['report.disclosures.owed', r.disclosures.owed],
          ['report.disclosures.onTime', r.disclosures.onTime],
          ['report.disclosures.late', r.disclosures.late],
          ['report.disclosures.missing', r.disclosures.missing],
        ]}
      />
      <Section
        title="report.revenue"
        lines={[
          ['report.revenue.owed', r.publicRevenue.owed],
          ['report.revenue.onTime', r.publicRevenue.onTime],
          ['report.revenue.late', r.publicRevenue.late],
          ['report.revenue.missing', r.publicRevenue.missing],
        ]}
      />
      <Section
        title="report.funds"
        lines={[
          ['report.funds.accounts', r.funds.accounts],
          ['report.funds.low', r.funds.lowBalance],
          ['report.funds.arrears', r.funds.arrears],
          ['report.funds.opened', r.funds.tasksOpened],
          ['report.funds.done', r.funds.tasksDone],
          ['report.funds.overdue', r.funds.tasksOverdue],
        ]}
      />
      <Section
        title="report.grievances"
        lines={[
          ['report.grievances.reported', g.reported],
          ['report.grievances.resolved', g.resolved],
          ['report.grievances.onTime', share(g.onTime)],
          ['report.grievances.satisfied', share(g.satisfied)],
          ['report.grievances.local', share(g.resolvedLocally)],
        ]}
      />
      <div className="report-print__tallies">
        <Tally
          title="report.grievances.byChannel"
          items={g.byChannel}
          label={(k) => t(`channel.${k}` as MessageKey)}
        />
        <Tally
          title="report.grievances.byCategory"
          items={g.byCategory}
          label={(k) => t(`category.${k}` as MessageKey)}
        />
        <Tally title="report.grievances.byGrade" items={g.byGrade} label={(k) => k} />
        <Tally
          title="report.grievances.byLevel"
          items={g.byLevel}
          label={(k) => t(`level.${k}` as MessageKey)}
        />
      </div>
    </article>
  );
}

function Section({ title, lines }: { title: MessageKey; lines: Line[] }) {
  const { t } = useI18n();
  const label = (k: string) => (k.startsWith('report.') ? t(k as MessageKey) : k);
  return (
    <section className="report-print__section">
      <h2>{t(title)}</h2>
      <table>
        <thead>
          <tr>
            <th>{t('report.item')}</th>
            <th>{t('report.value')}</th>
          </tr>
        </thead>
        <tbody>
          {lines.map(([k, v]) => (
            <tr key={k}>
              <td>{label(k)}</td>
              <td className="num">{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function Tally(p: {
  title: MessageKey;
  items: { key: string; count: number }[];
  label: (k: string) => string;
}) {
  const { t } = useI18n();
  return (
    <section className="report-print__section">
      <h3>{t(p.title)}</h3>
      <table>
        <tbody>
          {p.items.map((i) => (
            <tr key={i.key}>
              <td>{p.label(i.key)}</td>
              <td className="num">{i.count}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
