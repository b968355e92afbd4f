import type { CameraLayerProps } from '../../../common/api.ts';
import { escapeHtml } from '../../lib/escape-html.ts';
import type { Translate } from '../../lib/i18n.ts';

/** The hover tooltip of a camera: name, platform camera id and stream URL, as HTML. */
export function getCameraTooltipHtml(camera: CameraLayerProps, t: Translate): string {
  const rows = [`<div class="map-tooltip__title">${escapeHtml(camera.name)}</div>`];
  if (camera.platformCameraId) {
    rows.push(
      `<div class="map-tooltip__row">${escapeHtml(t('cameras.platformId', { id: camera.platformCameraId }))}</div>`,
    );
  }
  if (camera.streamUrl) {
    rows.push(
      `<div class="map-tooltip__row map-tooltip__muted map-tooltip__url">${escapeHtml(t('cameras.stream', { url: camera.streamUrl }))}</div>`,
    );
  }
  return rows.join('');
}
