import type { WallEvent } from '../../../common/wall.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';

export type ScrollBoardProps = {
  events: readonly WallEvent[];
  /** rows visible at once; more scroll upward in a loop */
  rows: number;
};

const SECONDS_PER_ROW = 2.5;

/**
 * The newest events as a DataV-style scroll board: time, place, category, grade, state; no
 * reporter and no description. With more rows than fit, the list scrolls in a CSS loop (the list
 * twice, translated by half), so the compositor moves it and no frame is scripted.
 */
export function ScrollBoard({ events, rows }: ScrollBoardProps) {
  const { t, formatTime } = useI18n();
  const scrolling = events.length > rows;
  const list = scrolling ? [...events, ...events] : events;
  return (
    <div className="scroll-board" role="table" aria-label={t('wall.latest')}>
      <div className="scroll-board__head" role="row">
        <span role="columnheader">{t('wall.col.time')}</span>
        <span role="columnheader">{t('wall.col.place')}</span>
        <span role="columnheader">{t('wall.col.category')}</span>
        <span role="columnheader">{t('wall.col.grade')}</span>
        <span role="columnheader">{t('wall.col.state')}</span>
      </div>
      <div className="scroll-board__viewport" style={{ height: `calc(${rows} * var(--row-h))` }}>
        <div
          className={`scroll-board__rows${scrolling ? ' scroll-board__rows--scrolling' : ''}`}
          style={{ animationDuration: `${events.length * SECONDS_PER_ROW}s` }}
        >
          {list.map((event, i) => (
            <div
              key={`${event.id}-${i < events.length ? 'a' : 'b'}`}
              className={`scroll-board__row${event.overdue ? ' scroll-board__row--overdue' : ''}`}
              role="row"
              data-event-id={i < events.length ? event.id : undefined}
              aria-hidden={i >= events.length ? true : undefined}
            >
              <span role="cell" className="scroll-board__time">
                {formatTime(event.reportedAt, { seconds: false })}
              </span>
              <span role="cell" className="scroll-board__place">
                {event.streetName} · {event.communityName}
              </span>
              <span role="cell">{t(`category.${event.category}`)}</span>
              <span role="cell">
                <span
                  className="scroll-board__grade"
                  style={{ color: toCssColor(GRADE_COLORS[event.grade]) }}
                >
                  {t(`grade.${event.grade}`)}
                </span>
              </span>
              <span role="cell" className={`scroll-board__state state--${event.state}`}>
                {event.overdue ? t('wall.overdueTag') : t(`state.${event.state}`)}
              </span>
            </div>
          ))}
          {events.length === 0 && <p className="scroll-board__empty">{t('wall.noEvents')}</p>}
        </div>
      </div>
    </div>
  );
}
