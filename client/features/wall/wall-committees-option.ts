import type { EChartsOption } from 'echarts';
import type { WallSummary } from '../../../common/wall.ts';
import type { Translate } from '../../lib/i18n.ts';
import { WALL_LEGEND_TEXT } from './wall-theme.ts';

// pure option builder for the owners' committees panel (三(一)).

const STATUS_COLORS = {
  elected: '#c8102e', // party red: formed by election
  temporary: '#f59e0b', // amber: a temporary property management committee
  preparing: '#36cfff',
  none: 'rgba(143, 163, 191, 0.35)',
} as const;
const STATUSES = ['elected', 'temporary', 'preparing', 'none'] as const;

/** Compounds by the state of their owners' committee, as a ring with a legend beside it. */
export function buildCommitteesOption(
  committees: WallSummary['committees'],
  t: Translate,
): EChartsOption {
  return {
    animationDuration: 600,
    legend: {
      orient: 'vertical',
      right: 4,
      top: 'middle',
      itemWidth: 10,
      itemHeight: 10,
      itemGap: 10,
      textStyle: WALL_LEGEND_TEXT,
    },
    series: [
      {
        type: 'pie',
        name: t('wall.committees'),
        radius: ['56%', '84%'],
        center: ['30%', '50%'],
        label: { show: false },
        itemStyle: { borderColor: '#0b1424', borderWidth: 2 },
        data: STATUSES.map((status) => ({
          name: t(`wall.committee.${status}`),
          value: committees.byStatus[status],
          itemStyle: { color: STATUS_COLORS[status] },
        })),
      },
    ],
  };
}
