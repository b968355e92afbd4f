import { describe, expect, it } from 'vitest';
import { buildCommitteesOption } from '../../client/features/wall/wall-committees-option.ts';
import { createTranslator } from '../../client/lib/i18n.ts';

describe('buildCommitteesOption', () => {
  const committees = {
    compounds: 520,
    formed: 196,
    byStatus: { elected: 150, temporary: 46, preparing: 46, none: 278 },
    meetingPartyRule: 134,
    partyRuleShare: 134 / 150,
  };

  it('draws compounds by committee status, elected ones in party red', () => {
    expect(buildCommitteesOption(committees, createTranslator('zh-CN'))).toEqual({
      animationDuration: 600,
      legend: {
        orient: 'vertical',
        right: 4,
        top: 'middle',
        itemWidth: 10,
        itemHeight: 10,
        itemGap: 10,
        textStyle: { color: '#e6edf7', fontSize: 13 },
      },
      series: [
        {
          type: 'pie',
          name: '业主委员会',
          radius: ['56%', '84%'],
          center: ['30%', '50%'],
          label: { show: false },
          itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
          data: [
            { name: '已选举', value: 150, itemStyle: { color: '#c8102e' } },
            { name: '临时物管会', value: 46, itemStyle: { color: '#f59e0b' } },
            { name: '筹备中', value: 46, itemStyle: { color: '#36cfff' } },
            { name: '未成立', value: 278, itemStyle: { color: 'rgba(143, 163, 191, 0.35)' } },
          ],
        },
      ],
    });
  });

  it('names the statuses in English when asked', () => {
    const option = buildCommitteesOption(committees, createTranslator('en'));
    const [series] = option.series as { data: { name: string }[] }[];
    expect(series!.data.map((d) => d.name)).toEqual(['Elected', 'Temporary', 'Preparing', 'None']);
  });
});
