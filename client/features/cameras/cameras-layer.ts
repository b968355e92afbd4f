import { ScatterplotLayer } from '@deck.gl/layers';
import type { CameraFeature } from '../../../common/api.ts';
import {
  HIGHLIGHT_COLOR,
  SELECTED_LINE_COLOR,
  CAMERA_COLORS,
  CAMERA_RADIUS,
  type Rgb,
  type Rgba,
} from '../../lib/theme.ts';

export const CAMERAS_LAYER_ID = 'cameras';

const LINE_WIDTH = 1; // pixels
const SELECTED_LINE_WIDTH = 2;
const SELECTED_RADIUS_GAIN = 1.5; // pixels added to the cameras of the selected compound

export type CamerasLayerOptions = {
  /** the selected compound: its cameras are ringed in gold */
  selectedCompoundId: number | null;
  visible?: boolean;
};

/** Video monitoring points (视频监控点) of the joint command platform as small cyan markers. */
export function createCamerasLayer(
  cameras: CameraFeature[],
  { selectedCompoundId, visible = true }: CamerasLayerOptions,
) {
  const isSelected = (camera: CameraFeature) =>
    selectedCompoundId !== null && camera.properties.compoundId === selectedCompoundId;
  return new ScatterplotLayer<CameraFeature>({
    id: CAMERAS_LAYER_ID,
    data: cameras,
    visible,
    pickable: true,
    autoHighlight: true,
    highlightColor: HIGHLIGHT_COLOR,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    lineWidthUnits: 'pixels',
    getPosition: (camera) => camera.geometry.coordinates,
    getRadius: (camera) => CAMERA_RADIUS + (isSelected(camera) ? SELECTED_RADIUS_GAIN : 0),
    getFillColor: opaque(CAMERA_COLORS.fill),
    getLineColor: (camera) =>
      isSelected(camera) ? SELECTED_LINE_COLOR : opaque(CAMERA_COLORS.line),
    getLineWidth: (camera) => (isSelected(camera) ? SELECTED_LINE_WIDTH : LINE_WIDTH),
    updateTriggers: {
      getRadius: [selectedCompoundId],
      getLineColor: [selectedCompoundId],
      getLineWidth: [selectedCompoundId],
    },
  });
}

function opaque([r, g, b]: Rgb): Rgba {
  return [r, g, b, 255];
}
