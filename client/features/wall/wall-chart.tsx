import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { EChart, type EChartProps } from '../../charts/echart.tsx';

/**
 * An EChart that redraws only when its option changes by value, and animates only its first
 * drawing. The wall rebuilds every option from each new summary (once a second under load), and
 * most panels come out the same: handing ECharts the previous object skips its setOption. A panel
 * that did change is redrawn once, not animated over 40-odd frames of canvas work a second.
 */
export function WallChart({ option, ...props }: EChartProps) {
  const json = useMemo(() => JSON.stringify(option), [option]);
  // the first object of each value is kept (the documented "adjust state while rendering"
  // pattern); every value after the first is drawn without animation
  const [shown, setShown] = useState<{ json: string; option: EChartsOption }>({ json, option });
  if (shown.json !== json) setShown({ json, option: { ...option, animation: false } });
  return <EChart option={shown.json === json ? shown.option : option} {...props} />;
}
