import { BarChart, GaugeChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use as registerParts, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef, type CSSProperties } from 'react';

// only what the option builders use, so the bundle carries no unused chart types
registerParts([
  BarChart,
  GaugeChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type EChartProps = {
  option: EChartsOption;
  style?: CSSProperties;
  label?: string;
  /** canvas pixels per CSS pixel (default: the browser's ratio); a CSS-scaled wall passes its scale */
  pixelRatio?: number;
};

/** An ECharts chart: init once, setOption when the option changes, resize with its container,
 * dispose on unmount (the lifecycle of echarts-for-react). */
export function EChart({ option, style, label, pixelRatio }: EChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const chartRef = useRef<EChartsType | null>(null);
  const optionRef = useRef(option); // a new pixel ratio re-creates the chart with the last option
  useEffect(() => {
    optionRef.current = option;
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const chart = init(container, null, { renderer: 'canvas', devicePixelRatio: pixelRatio });
    chartRef.current = chart;
    chart.setOption(optionRef.current, { notMerge: true });
    const observer = new ResizeObserver(() => chart.resize());
    observer.observe(container);
    return () => {
      observer.disconnect();
      chartRef.current = null;
      chart.dispose();
    };
  }, [pixelRatio]);

  useEffect(() => {
    // notMerge: a new option replaces the old one (a language switch renames every series)
    chartRef.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={containerRef} className="echart" style={style} role="img" aria-label={label} />;
}
