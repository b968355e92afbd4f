import type { CompoundLayerProps } from '../../../common/api.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import type { Translate } from '../../lib/i18n.ts';
import { COVERAGE_MODE_COLORS, toCssColor } from '../../lib/theme.ts';

/** The hover tooltip of a compound: name, coverage mode and households, as HTML. */
export function getCompoundTooltipHtml(compound: CompoundLayerProps, t: Translate): string {
  const rows = [`<div class="map-tooltip__title">${escapeHtml(compound.name)}</div>`];
  if (compound.coverageMode) {
    const color = toCssColor(COVERAGE_MODE_COLORS[compound.coverageMode]);
    const mode = escapeHtml(t(`coverageMode.${compound.coverageMode}`));
    rows.push(
      `<div class="map-tooltip__row"><span class="swatch" style="background:${color}"></span>${mode}</div>`,
    );
  }
  if (compound.households !== undefined) {
    const households = escapeHtml(t('tooltip.households', { count: compound.households }));
    rows.push(`<div class="map-tooltip__row map-tooltip__muted">${households}</div>`);
  }
  return rows.join('');
}
