import type { StationLayerProps } from '../../../common/api.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import type { Translate } from '../../lib/i18n.ts';

/** The hover tooltip of a station: name and kind, as HTML. */
export function getStationTooltipHtml(station: StationLayerProps, t: Translate): string {
  const rows = [`<div class="map-tooltip__title">${escapeHtml(station.name)}</div>`];
  if (station.kind) {
    rows.push(
      `<div class="map-tooltip__row map-tooltip__muted">${escapeHtml(t(`stationKind.${station.kind}`))}</div>`,
    );
  }
  return rows.join('');
}
