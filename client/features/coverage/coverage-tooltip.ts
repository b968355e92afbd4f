import { escapeHtml } from '../../lib/escape-html.ts';
import { formatShare, type Translate } from '../../lib/i18n.ts';
import type { StreetCoverage } from './coverage-layer.ts';

/** The hover tooltip of a street in the coverage layer, as HTML. */
export function getStreetCoverageTooltipHtml(street: StreetCoverage, t: Translate): string {
  const rows = [`<div class="map-tooltip__title">${escapeHtml(street.name)}</div>`];
  if (street.coveredShare !== null) {
    const share = t('coverage.streetShare', { share: formatShare(street.coveredShare) });
    const counts = t('coverage.streetCounts', {
      compounds: street.compounds,
      unmanaged: street.unmanaged,
    });
    rows.push(`<div class="map-tooltip__row">${escapeHtml(share)}</div>`);
    rows.push(`<div class="map-tooltip__row map-tooltip__muted">${escapeHtml(counts)}</div>`);
  }
  return rows.join('');
}
