import type { ReactNode } from 'react';
import type { SessionUser } from '../../../common/auth.ts';
import { CHANNELS, type AuditEntry, type GrievanceEvent } from '../../../common/grievances.ts';
import type { ApiResult } from '../../../common/errors.ts';
import type { Translate } from '../../lib/i18n.ts';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { useI18n } from '../../lib/use-i18n.tsx';
import { SidePanelHeader } from '../../lib/side-panel-header.tsx';
import { ActionBar, type GridOption } from './action-bar.tsx';
import { canActOn, handlerLevelOf, isOpenState } from './allowed-actions.ts';
import { ASSIGNEE_KIND_LABELS, parseAssignee, type AssigneeKind } from './assignee.ts';
import { isOverdue } from './event-filter.ts';
import { formatCountdown } from './format-countdown.ts';
import { useEventCompound, type EventActionInput, type EventDetail } from './grievances-api.ts';

export type EventDrawerProps = {
  /** the event as the cache knows it (live); the detail adds the reporter and the audit trail */
  event: GrievanceEvent;
  detail: ApiState<EventDetail>;
  user: SessionUser;
  /** the session's token, for the compound's file */
  token: string;
  unitNames: ReadonlyMap<string, string>;
  now: number;
  onAction: (input: EventActionInput) => Promise<ApiResult<GrievanceEvent>>;
  onClose: () => void;
  /** the grids a returned event may be rerouted to */
  grids?: GridOption[];
  /** actions on this event waiting in the device's outbox: no new action until they are sent */
  queued?: EventActionInput[];
  /** the photo evidence section (event-photos.tsx) */
  evidence?: ReactNode;
};

/** The selected event: its facts, the actions the user may take and its timeline. */
export function EventDrawer({
  event,
  detail,
  user,
  token,
  unitNames,
  now,
  onAction,
  onClose,
  grids = [],
  queued = [],
  evidence,
}: EventDrawerProps) {
  const { t, formatDateTime } = useI18n();
  const compound = useEventCompound(event.compoundId, token);
  const ready = detail.status === 'ready' && detail.data.id === event.id ? detail.data : null;
  const open = isOpenState(event.state);
  const countdown = open ? formatCountdown(t, event.deadline, now) : null;
  const overdue = open && isOverdue(event, now);
  const place = [event.streetCode, event.communityCode, event.gridCode]
    .map((code) => unitNames.get(code) ?? code)
    .join(' · ');
  const enterprise = compound.status === 'ready' ? compound.data.enterprise : null;
  const suggestions: { kind: AssigneeKind; name: string }[] = enterprise
    ? [{ kind: 'enterprise', name: enterprise.name }]
    : [];
  const reporter = ready?.reporter ?? event.reporter;

  return (
    <aside className="panel drawer" role="complementary" aria-label={t('event.panelLabel')}>
      <SidePanelHeader
        eyebrow={t('event.number', { id: String(event.id) })}
        title={t(`category.${event.category}`)}
        closeLabel={t('event.close')}
        onClose={onClose}
      />

      <div className="side-panel__body">
        <div className="badges">
          <span
            className="badge"
            style={{ borderColor: toCssColor(GRADE_COLORS[event.grade]) }}
            data-grade={event.grade}
          >
            <span
              className="badge__dot"
              style={{ background: toCssColor(GRADE_COLORS[event.grade]) }}
            />
            {event.grade} {t(`grade.${event.grade}`)}
          </span>
          <span className={`state-chip state-chip--${event.state}`}>
            {t(`state.${event.state}`)}
          </span>
          {countdown && (
            <span className={`countdown countdown--badge${overdue ? ' countdown--overdue' : ''}`}>
              {countdown.text}
            </span>
          )}
        </div>

        <p className="drawer__description">{event.description}</p>
        {event.duplicateOf !== null && (
          <p className="drawer__flag">
            {t('event.duplicateOf', { id: String(event.duplicateOf) })}
          </p>
        )}
        {event.outsideGrid && <p className="drawer__flag">{t('event.outsideGrid')}</p>}

        <dl className="fields">
          <Field label={t('event.deadline')}>{formatDateTime(event.deadline)}</Field>
          <Field label={t('event.level')}>{t(`level.${event.level}`)}</Field>
          <Field label={t('event.assignee')}>
            {event.assignee ? formatAssigneeLabel(t, event.assignee) : t('event.unassigned')}
          </Field>
          <Field label={t('event.location')}>{place}</Field>
          {event.compoundId !== null && (
            <Field label={t('event.compound')}>
              {compound.status === 'ready' ? compound.data.name : `#${event.compoundId}`}
            </Field>
          )}
          <Field label={t('event.channel')}>{t(`channel.${event.channel}`)}</Field>
          <Field label={t('event.reportedAt')}>{formatDateTime(event.reportedAt)}</Field>
          <Field label={t('event.reporter')}>
            {reporter && (reporter.name || reporter.phone)
              ? [reporter.name, reporter.phone].filter(Boolean).join(' · ')
              : t('event.anonymous')}
          </Field>
          {event.photos.length > 0 && (
            <Field label={t('event.photos')}>
              {event.photos.map((url, index) => (
                <a
                  key={url}
                  className="drawer__photo"
                  href={url}
                  target="_blank"
                  rel="noreferrer noopener"
                >
                  {t('event.photo', { n: index + 1 })}
                </a>
              ))}
            </Field>
          )}
        </dl>

        <section className="detail-section">
          <h3 className="detail-section__title">{t('event.actions')}</h3>
          {queued.length > 0 ? (
            <p className="outbox-note" role="status">
              {t('outbox.waiting', {
                actions: queued.map((input) => t(`action.${input.action}`)).join('、'),
              })}
            </p>
          ) : (
            <Actions
              user={user}
              event={event}
              onAction={onAction}
              suggestions={suggestions}
              grids={grids}
            />
          )}
        </section>
        {evidence}

        <section className="detail-section">
          <h3 className="detail-section__title">{t('event.timeline')}</h3>
          {detail.status === 'loading' && !ready && (
            <p className="panel__status">{t('event.loading')}</p>
          )}
          {detail.status === 'error' && (
            <p className="panel__status panel__status--error" role="alert">
              {t('app.loadFailed', { message: detail.error.message })}
            </p>
          )}
          {ready && <Timeline audit={ready.audit} format={formatDateTime} />}
        </section>
      </div>
    </aside>
  );
}

function Actions({
  user,
  event,
  onAction,
  suggestions,
  grids,
}: {
  user: SessionUser;
  event: GrievanceEvent;
  onAction: EventDrawerProps['onAction'];
  suggestions: { kind: AssigneeKind; name: string }[];
  grids: GridOption[];
}) {
  const { t } = useI18n();
  if (!handlerLevelOf(user.role)) {
    return <p className="panel__note">{t('event.readOnly', { role: t(`role.${user.role}`) })}</p>;
  }
  if (!canActOn(user, event)) {
    return (
      <p className="panel__note">{t('event.handledAbove', { level: t(`level.${event.level}`) })}</p>
    );
  }
  return <ActionBar event={event} onAction={onAction} suggestions={suggestions} grids={grids} />;
}

function Timeline({ audit, format }: { audit: AuditEntry[]; format: (at: string) => string }) {
  const { t } = useI18n();
  return (
    <ol className="timeline" aria-label={t('event.timeline')}>
      {audit.map((entry, index) => (
        <li
          key={`${entry.at}-${index}`}
          className={`timeline__entry timeline__entry--${entry.action}`}
        >
          <span className="timeline__dot" aria-hidden="true" />
          <div className="timeline__head">
            <span className="timeline__action">{t(`audit.${entry.action}`)}</span>
            <span className="timeline__actor">{entry.actor}</span>
            <time className="timeline__time" dateTime={entry.at}>
              {format(entry.at)}
            </time>
          </div>
          <div className="timeline__change">
            {entry.fromState && entry.fromState !== entry.toState
              ? `${t(`state.${entry.fromState}`)} → ${t(`state.${entry.toState}`)}`
              : t(`state.${entry.toState}`)}
            {entry.fromLevel && entry.fromLevel !== entry.toLevel && (
              <span className="timeline__level">
                {' '}
                · {t(`level.${entry.fromLevel}`)} → {t(`level.${entry.toLevel}`)}
              </span>
            )}
            {entry.assignee && (
              <span className="timeline__assignee">
                {' '}
                · {formatAssigneeLabel(t, entry.assignee)}
              </span>
            )}
          </div>
          {entry.note && <p className="timeline__note">{noteText(t, entry)}</p>}
        </li>
      ))}
    </ol>
  );
}

// intake records the channel as the note of its 'report' entry; show it by name
function noteText(t: Translate, entry: AuditEntry): string {
  const channel = CHANNELS.find((c) => c === entry.note);
  return entry.action === 'report' && channel ? t(`channel.${channel}`) : (entry.note ?? '');
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field">
      <dt className="field__label">{label}</dt>
      <dd className="field__value">{children}</dd>
    </div>
  );
}

function formatAssigneeLabel(t: Translate, text: string): string {
  const { kind, name } = parseAssignee(text);
  return kind ? `${t(ASSIGNEE_KIND_LABELS[kind])} ${name}` : name;
}
