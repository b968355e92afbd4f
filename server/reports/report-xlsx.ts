import ExcelJS from 'exceljs';
import type { PeriodReport, Share } from '../../common/ledgers.ts';

// A report as an XLSX workbook (exceljs): one sheet per section, Chinese headers, numbers stored
// as numbers (shares as numbers with a percent format), so a spreadsheet sums and charts them.

const CHANNEL_ZH: Record<string, string> = {
  libianmin: '鲤便民',
  liwangtong: '鲤网通',
  hotline_12345: '12345热线',
  grid_patrol: '网格巡查',
  reception_day: '群众接待日',
  owners_talk: '业主恳谈会',
  open311: 'Open311 接口',
};
const LEVEL_ZH: Record<string, string> = {
  grid: '网格级',
  community: '社区级',
  street: '街道级',
  district: '区级',
};

// a share is written as a number with a percent format
type Cell = string | number | null | { share: number };
type Row = Cell[];

/** The report as an XLSX buffer; category names in Chinese from the caller. */
export async function reportWorkbook(
  r: PeriodReport,
  categoryZh: Record<string, string>,
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '鲤城区红色物业指挥平台';
  const c = r.coverage;
  const g = r.grievances;
  sheet(
    wb,
    '概况',
    ['项目', '内容'],
    [
      ['单位', r.unit.name],
      ['报告期', r.period],
      ['起始日期', r.from],
      ['截止日期', r.to],
      ['报送期限', r.dueOn],
      ['生成时间', r.generatedAt],
    ],
  );
  sheet(
    wb,
    '物业覆盖',
    ['指标', '数值'],
    [
      ['小区总数', c.compounds],
      ['有物业服务的小区', c.managed],
      ['基线无物业小区', c.baselineUnmanaged],
      ['基线以来已覆盖', c.coveredSinceBaseline],
      ['覆盖进度', pct(c.share)],
      ...c.targets.map((t): Row => [
        `目标 ${t.date}（${Math.round(t.share * 100)}%）`,
        t.met === null ? '进行中' : t.met ? '已达成' : '未达成',
      ]),
    ],
  );
  sheet(
    wb,
    '业委会',
    ['指标', '数值'],
    [
      ['小区总数', r.committees.compounds],
      ['已成立（含临时）', r.committees.formed],
      ['依法选举产生', r.committees.elected],
      ['临时管理规约/临时业委会', r.committees.temporary],
      ['筹备中', r.committees.preparing],
      ['党员比例达标', r.committees.meetingPartyRule],
    ],
  );
  sheet(
    wb,
    '信息公开',
    ['指标', '数值'],
    [
      ['应公开', r.disclosures.owed],
      ['按时公开', r.disclosures.onTime],
      ['逾期公开', r.disclosures.late],
      ['未公开', r.disclosures.missing],
    ],
  );
  sheet(
    wb,
    '公共收益',
    ['指标', '数值'],
    [
      ['应公示（小区×季度）', r.publicRevenue.owed],
      ['按时公示', r.publicRevenue.onTime],
      ['逾期公示', r.publicRevenue.late],
      ['未公示', r.publicRevenue.missing],
    ],
  );
  sheet(
    wb,
    '维修资金',
    ['指标', '数值'],
    [
      ['维修资金账户', r.funds.accounts],
      ['余额低于首期30%', r.funds.lowBalance],
      ['存在欠缴', r.funds.arrears],
      ['本期新开续筹方案任务', r.funds.tasksOpened],
      ['本期完成', r.funds.tasksDone],
      ['逾期未完成', r.funds.tasksOverdue],
    ],
  );
  sheet(
    wb,
    '诉求办理',
    ['指标', '数量', '基数', '比例'],
    [
      ['受理诉求', g.reported, null, null],
      ['已办结', g.resolved, null, null],
      shareRow('按时办结率', g.onTime),
      shareRow('满意率（办结后未被退回重办）', g.satisfied),
      shareRow('小事不出小区，大事不出社区（网格/社区级办结）', g.resolvedLocally),
    ],
  );
  const tally = (
    title: string,
    items: { key: string; count: number }[],
    zh: Record<string, string>,
  ) =>
    sheet(
      wb,
      title,
      ['代码', '名称', '数量'],
      items.map((i): Row => [i.key, zh[i.key] ?? i.key, i.count]),
    );
  tally('按渠道', g.byChannel, CHANNEL_ZH);
  tally('按类别', g.byCategory, categoryZh);
  tally('按等级', g.byGrade, {});
  tally('按层级', g.byLevel, LEVEL_ZH);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pct = (v: number) => ({ share: v });

function shareRow(label: string, s: Share): Row {
  return [label, s.count, s.of, pct(s.share)];
}

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Row[]) {
  const ws = wb.addWorksheet(name);
  ws.columns = header.map((h, i) => ({ header: h, width: i === 0 ? 44 : 14 }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows) {
    const added = ws.addRow(row.map((v) => (isPct(v) ? v.share : v)));
    row.forEach((v, i) => {
      if (isPct(v)) added.getCell(i + 1).numFmt = '0.0%';
    });
  }
}

const isPct = (v: unknown): v is { share: number } =>
  typeof v === 'object' && v !== null && 'share' in v;
