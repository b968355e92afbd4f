import { memo, type ReactNode } from 'react';
import {
  CATEGORIES,
  EVENT_STATES,
  GRADES,
  type Category,
  type GrievanceEvent,
} from '../../../common/grievances.ts';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { isOpenState } from './allowed-actions.ts';
import { DEFAULT_FILTER, isOverdue, type EventFilter } from './event-filter.ts';
import { formatCountdown } from './format-countdown.ts';
import type { ListStatus } from './use-grievance-events.ts';

export type QueueCounts = { open: number; toAccept: number; overdue: number };

export type DispatchPanelProps = {
  /** the events that pass the filters, soonest deadline first */
  events: GrievanceEvent[];
  /** events known in the area, before filtering */
  total: number;
  counts: QueueCounts;
  list: ListStatus;
  /** e.g. "金山社区第1网格", or the whole district */
  areaName: string;
  filter: EventFilter;
  onFilterChange: (filter: EventFilter) => void;
  selectedIds: ReadonlySet<number>;
  onToggleSelected: (id: number) => void;
  focusedId: number | null;
  onFocus: (id: number) => void;
  /** grid and community names by code */
  unitNames: ReadonlyMap<string, string>;
  now: number;
  /** events with an action taken offline and not yet sent (use-outbox.ts) */
  pendingIds?: ReadonlySet<number>;
  /** shown under the header: the outbox, the last-known notice */
  notices?: ReactNode;
};

/** The queue beside the map: counts, filters and the events by deadline, with live countdowns. */
export function DispatchPanel(props: DispatchPanelProps) {
  const { t } = useI18n();
  const { events, total, counts, list, areaName, filter, onFilterChange } = props;
  return (
    <section className="queue" aria-label={t('dispatch.queue')}>
      <header className="queue__header">
        <div className="queue__heading">
          <h2 className="panel__title">{t('dispatch.queue')}</h2>
          <span className="queue__shown">
            {t('dispatch.shown', { shown: events.length, total })}
          </span>
        </div>
        <p className="queue__area">
          <span className="queue__area-label">{t('dispatch.area')}</span>
          {areaName}
        </p>
        <div className="queue__kpis">
          <Kpi label={t('dispatch.openCount')} value={counts.open} />
          <Kpi label={t('dispatch.newCount')} value={counts.toAccept} tone="new" />
          <Kpi label={t('dispatch.overdueCount')} value={counts.overdue} tone="alert" />
        </div>
      </header>

      {props.notices}
      <Filters filter={filter} onChange={onFilterChange} />

      {list.status === 'error' && (
        <p className="panel__status panel__status--error" role="alert">
          {t('dispatch.eventsFailed', { message: list.error.message })}
        </p>
      )}
      {list.status === 'loading' && events.length === 0 && (
        <p className="panel__status queue__status">{t('dispatch.loading')}</p>
      )}
      {list.status === 'ready' && events.length === 0 && (
        <p className="panel__status queue__status">{t('dispatch.empty')}</p>
      )}
      <ol className="queue__list">
        {events.map((event) => (
          <QueueItem
            key={event.id}
            event={event}
            selected={props.selectedIds.has(event.id)}
            focused={props.focusedId === event.id}
            onToggleSelected={props.onToggleSelected}
            onFocus={props.onFocus}
            gridName={props.unitNames.get(event.gridCode) ?? event.gridCode}
            pending={props.pendingIds?.has(event.id) ?? false}
            // only open events tick; the rest render once
            now={isOpenState(event.state) ? props.now : 0}
          />
        ))}
      </ol>
    </section>
  );
}

function Kpi({ label, value, tone }: { label: string; value: number; tone?: 'new' | 'alert' }) {
  return (
    <div className={`queue-kpi${tone ? ` queue-kpi--${tone}` : ''}${value > 0 ? ' is-on' : ''}`}>
      <span className="queue-kpi__value">{value}</span>
      <span className="queue-kpi__label">{label}</span>
    </div>
  );
}

function Filters({
  filter,
  onChange,
}: {
  filter: EventFilter;
  onChange: (f: EventFilter) => void;
}) {
  const { t } = useI18n();
  const toggle = <T,>(list: readonly T[], value: T): T[] =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const isDefault = JSON.stringify(filter) === JSON.stringify(DEFAULT_FILTER);
  return (
    <div className="filters" role="group" aria-label={t('filter.title')}>
      <div className="filters__row">
        <span className="filters__label">{t('filter.state')}</span>
        <div className="chips">
          {EVENT_STATES.map((state) => (
            <button
              key={state}
              type="button"
              className="chip"
              aria-pressed={filter.states.includes(state)}
              onClick={() => onChange({ ...filter, states: toggle(filter.states, state) })}
            >
              {t(`state.${state}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="filters__row">
        <span className="filters__label">{t('filter.grade')}</span>
        <div className="chips">
          {GRADES.map((grade) => (
            <button
              key={grade}
              type="button"
              className="chip"
              aria-pressed={filter.grades.includes(grade)}
              onClick={() => onChange({ ...filter, grades: toggle(filter.grades, grade) })}
            >
              <span
                className="grade-dot"
                style={{ background: toCssColor(GRADE_COLORS[grade]) }}
                aria-hidden="true"
              />
              {t(`grade.${grade}`)}
            </button>
          ))}
        </div>
      </div>
      <div className="filters__row filters__row--inline">
        <label className="filters__field">
          <span className="filters__label">{t('filter.category')}</span>
          <select
            className="select"
            value={filter.category ?? ''}
            onChange={(event) =>
              onChange({ ...filter, category: (event.target.value || null) as Category | null })
            }
          >
            <option value="">{t('filter.allCategories')}</option>
            {CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {t(`category.${category}`)}
              </option>
            ))}
          </select>
        </label>
        <div className="filters__field">
          <span className="filters__label">{t('filter.overdue')}</span>
          <div className="segmented" role="radiogroup" aria-label={t('filter.overdue')}>
            {(['any', 'yes', 'no'] as const).map((value) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={filter.overdue === value}
                className="segmented__option"
                onClick={() => onChange({ ...filter, overdue: value })}
              >
                {t(
                  value === 'any'
                    ? 'filter.overdueAny'
                    : value === 'yes'
                      ? 'filter.overdueYes'
                      : 'filter.overdueNo',
                )}
              </button>
            ))}
          </div>
        </div>
        <button
          type="button"
          className="button button--ghost button--small filters__reset"
          disabled={isDefault}
          onClick={() => onChange(DEFAULT_FILTER)}
        >
          {t('filter.reset')}
        </button>
      </div>
    </div>
  );
}

type QueueItemProps = {
  event: GrievanceEvent;
  selected: boolean;
  focused: boolean;
  onToggleSelected: (id: number) => void;
  onFocus: (id: number) => void;
  gridName: string;
  now: number;
  pending: boolean;
};

// memoised: the clock re-renders the queue every second, but only open events' countdowns change
const QueueItem = memo(function QueueItem({
  event,
  selected,
  focused,
  onToggleSelected,
  onFocus,
  gridName,
  now,
  pending,
}: QueueItemProps) {
  const { t } = useI18n();
  const open = isOpenState(event.state);
  const countdown = open ? formatCountdown(t, event.deadline, now) : null;
  const overdue = open && isOverdue(event, now);
  const className = [
    'queue-item',
    `queue-item--${event.grade}`,
    focused && 'is-focused',
    selected && 'is-selected',
    overdue && 'is-overdue',
    !open && 'is-finished',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={className} data-event-id={event.id}>
      <span
        className="queue-item__grade"
        style={{ background: toCssColor(GRADE_COLORS[event.grade]) }}
        aria-hidden="true"
      />
      <input
        type="checkbox"
        className="queue-item__check"
        checked={selected}
        onChange={() => onToggleSelected(event.id)}
        aria-label={t('dispatch.selectEvent', { id: String(event.id) })}
      />
      <button type="button" className="queue-item__body" onClick={() => onFocus(event.id)}>
        <span className="queue-item__top">
          <span className="queue-item__grade-label">{t(`grade.${event.grade}`)}</span>
          <span className="queue-item__category">{t(`category.${event.category}`)}</span>
          {countdown && (
            <span className={`countdown${overdue ? ' countdown--overdue' : ''}`}>
              {countdown.text}
            </span>
          )}
        </span>
        <span className="queue-item__description">{event.description}</span>
        <span className="queue-item__meta">
          <span className={`state-chip state-chip--${event.state}`}>
            {t(`state.${event.state}`)}
          </span>
          {pending && <span className="queue-item__pending">{t('outbox.pendingBadge')}</span>}
          <span className="queue-item__place">{gridName}</span>
          <span className="queue-item__id">#{event.id}</span>
        </span>
      </button>
    </li>
  );
});
