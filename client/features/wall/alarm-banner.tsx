import { useI18n } from '../../lib/use-i18n.tsx';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import type { Alarm } from './wall-alarm.ts';

export type AlarmBannerProps = {
  alarms: readonly Alarm[];
  /** street and community names of the newest alarm's place */
  place: string;
};

/** The alarm banner: the newest alarm-grade event, and how many more are waiting. */
export function AlarmBanner({ alarms, place }: AlarmBannerProps) {
  const { t, formatTime } = useI18n();
  const newest = alarms[0];
  if (!newest) return null;
  const { event } = newest;
  return (
    <div
      className={`alarm-banner alarm-banner--${event.grade}`}
      role="alert"
      data-alarm-event={event.id}
      style={{ ['--alarm-color' as string]: toCssColor(GRADE_COLORS[event.grade]) }}
    >
      <span className="alarm-banner__icon" aria-hidden="true">
        !
      </span>
      <span className="alarm-banner__grade">{t(`grade.${event.grade}`)}</span>
      <span className="alarm-banner__text">
        {t('wall.alarmText', { category: t(`category.${event.category}`), place })}
      </span>
      <span className="alarm-banner__meta">
        {t('wall.alarmMeta', {
          id: event.id,
          time: formatTime(event.reportedAt),
        })}
        {alarms.length > 1 && ` · ${t('wall.alarmMore', { count: alarms.length - 1 })}`}
      </span>
    </div>
  );
}
