import type { GrievanceEvent } from '../../../common/grievances.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import type { Translate } from '../../lib/i18n.ts';
import { GRADE_COLORS, toCssColor } from '../../lib/theme.ts';
import { isOpenState } from './allowed-actions.ts';
import { formatCountdown } from './format-countdown.ts';

const DESCRIPTION_MAX = 60; // characters; the drawer shows the rest

/** The hover tooltip of an event marker: grade, category, state, countdown and description. */
export function getGrievanceTooltipHtml(event: GrievanceEvent, t: Translate, now: number): string {
  const color = toCssColor(GRADE_COLORS[event.grade]);
  const countdown = isOpenState(event.state) ? formatCountdown(t, event.deadline, now) : null;
  const description =
    [...event.description].length > DESCRIPTION_MAX
      ? `${[...event.description].slice(0, DESCRIPTION_MAX).join('')}…`
      : event.description;
  const rows = [
    `<div class="map-tooltip__title">#${event.id} ${escapeHtml(t(`category.${event.category}`))}</div>`,
    `<div class="map-tooltip__row"><span class="swatch" style="background:${color}"></span>` +
      `${escapeHtml(t(`grade.${event.grade}`))} · ${escapeHtml(t(`state.${event.state}`))}</div>`,
  ];
  if (countdown) {
    const tone = countdown.overdue ? ' map-tooltip__alert' : '';
    rows.push(`<div class="map-tooltip__row${tone}">${escapeHtml(countdown.text)}</div>`);
  }
  rows.push(`<div class="map-tooltip__row map-tooltip__muted">${escapeHtml(description)}</div>`);
  return rows.join('');
}
