import type { EChartsOption } from 'echarts';
import { useEffect, useMemo, useRef } from 'react';
import { EChart, type EChartProps } from '../../charts/echart.tsx';

/**
 * An EChart that redraws only when its option changes by value, and animates only its first
 * drawing. The wall rebuilds every option from each new summary (once a second under load), and
 * most panels come out the same: handing ECharts the previous object skips its setOption. A panel
 * that did change is redrawn once, not animated over 40-odd frames of canvas work a second.
 */
export function WallChart({ option, ...props }: EChartProps) {
  const json = useMemo(() => JSON.stringify(option), [option]);
  // keyed by the option's value on purpose: the first object of each value is kept
  const stable = useMemo<EChartsOption>(() => option, [json]);
  const drawn = useRef(false);
  useEffect(() => {
    drawn.current = true;
  }, [stable]);
  const shown = useMemo(() => (drawn.current ? { ...stable, animation: false } : stable), [stable]);
  return <EChart option={shown} {...props} />;
}
