import { useI18n } from '../../lib/use-i18n.tsx';

/** The wall's clock: time and day in the district's zone, written for the active locale. */
export function WallClock({ now }: { now: number }) {
  const { formatTime, formatDate } = useI18n();
  return (
    <span className="wall-clock">
      <span className="wall-clock__time">{formatTime(now)}</span>
      <span className="wall-clock__date">{formatDate(now)}</span>
    </span>
  );
}
