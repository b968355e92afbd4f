import { useEffect, useRef } from 'react';
import { useI18n } from '../../lib/use-i18n.tsx';

const DURATION_MS = 900;

export type RollingNumberProps = {
  value: number;
  /** digits after the decimal point */
  decimals?: number;
  suffix?: string;
};

/**
 * A headline figure that rolls from its last value to the new one (ease-out), written straight
 * to the DOM per frame so the roll costs no React render. The final text is exact.
 */
export function RollingNumber({ value, decimals = 0, suffix = '' }: RollingNumberProps) {
  const ref = useRef<HTMLSpanElement>(null);
  const shown = useRef<number | null>(null);
  const { formatNumber } = useI18n();

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const format = (n: number) => formatNumber(n, decimals) + suffix;
    const from = shown.current ?? 0;
    const reduced = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    if (from === value || reduced) {
      shown.current = value;
      element.textContent = format(value);
      return;
    }
    const start = performance.now();
    let frame = requestAnimationFrame(function step(time) {
      const k = Math.min(1, (time - start) / DURATION_MS);
      const eased = 1 - (1 - k) ** 3;
      const current = from + (value - from) * eased;
      shown.current = current;
      element.textContent = format(k === 1 ? value : current);
      if (k < 1) frame = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(frame); // a cut-short roll goes on from where it stopped
  }, [value, decimals, suffix, formatNumber]);

  return <span ref={ref} className="rolling-number" data-value={value} />;
}
