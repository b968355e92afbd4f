import type { PickingInfo } from '@deck.gl/core';
import type { CameraFeature, CompoundFeature, StationFeature } from '../../common/api.ts';
import { CAMERAS_LAYER_ID } from '../features/cameras/cameras-layer.ts';
import { getCameraTooltipHtml } from '../features/cameras/cameras-tooltip.ts';
import { COMPOUNDS_LAYER_ID } from '../features/compounds/compounds-layer.ts';
import { getCompoundTooltipHtml } from '../features/compounds/compounds-tooltip.ts';
import {
  STREET_COVERAGE_LAYER_ID,
  type StreetCoverage,
} from '../features/coverage/coverage-layer.ts';
import { getStreetCoverageTooltipHtml } from '../features/coverage/coverage-tooltip.ts';
import { STATIONS_LAYER_ID } from '../features/stations/stations-layer.ts';
import { getStationTooltipHtml } from '../features/stations/stations-tooltip.ts';
import type { Translate } from '../lib/i18n.ts';
import { TOOLTIP_STYLE } from '../lib/theme.ts';

/** The command map's tooltip for what is under the pointer: a compound, street, station or camera. */
export function getDashboardTooltip(info: PickingInfo, t: Translate) {
  const object: unknown = info.object;
  if (!object) return null;
  const html = tooltipHtml(info.layer?.id, object, t);
  return html === null ? null : { html, className: 'map-tooltip', style: TOOLTIP_STYLE };
}

function tooltipHtml(layerId: string | undefined, object: unknown, t: Translate): string | null {
  switch (layerId) {
    case COMPOUNDS_LAYER_ID:
      return getCompoundTooltipHtml((object as CompoundFeature).properties, t);
    case STREET_COVERAGE_LAYER_ID:
      return getStreetCoverageTooltipHtml(object as StreetCoverage, t);
    case STATIONS_LAYER_ID:
      return getStationTooltipHtml((object as StationFeature).properties, t);
    case CAMERAS_LAYER_ID:
      return getCameraTooltipHtml((object as CameraFeature).properties, t);
    default:
      return null;
  }
}

/**
 * The compound a click on the command map selects: the compound clicked, the compound at whose
 * gate a clicked camera stands, null for the map's background (or a street's coverage), or
 * undefined when the click changes nothing (a station).
 */
export function compoundOfClick(info: PickingInfo): number | null | undefined {
  const object: unknown = info.object;
  const layerId = info.layer?.id;
  if (layerId === COMPOUNDS_LAYER_ID && object) return (object as CompoundFeature).properties.id;
  if (layerId === CAMERAS_LAYER_ID && object) {
    return (object as CameraFeature).properties.compoundId ?? null;
  }
  if (!object || layerId === STREET_COVERAGE_LAYER_ID) return null;
  return undefined;
}
