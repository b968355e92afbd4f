import { ScatterplotLayer } from '@deck.gl/layers';
import type { Position } from '../../../common/geo.ts';
import type { Rgba } from '../../lib/theme.ts';

export const REPORT_POINT_LAYER_ID = 'report-point';

const POINT_COLOR: Rgba = [250, 204, 21, 255]; // the gold of the selection: "here"
const ACCURACY_COLOR: Rgba = [250, 204, 21, 40];
const POINT_RADIUS = 9; // pixels
const LINE_WIDTH = 2; // pixels

export type ReportPoint = {
  position: Position;
  /** metres, as the phone reported it (0 once the point was placed by hand) */
  accuracy: number;
};

/** Where a report will be made: the point and, while it is the phone's fix, its accuracy circle. */
export function createReportPointLayers(point: ReportPoint) {
  return [
    new ScatterplotLayer<ReportPoint>({
      id: `${REPORT_POINT_LAYER_ID}-accuracy`,
      data: point.accuracy > 0 ? [point] : [],
      getPosition: (p) => p.position,
      getRadius: (p) => p.accuracy,
      radiusUnits: 'meters',
      getFillColor: ACCURACY_COLOR,
      stroked: false,
    }),
    new ScatterplotLayer<ReportPoint>({
      id: REPORT_POINT_LAYER_ID,
      data: [point],
      getPosition: (p) => p.position,
      getRadius: POINT_RADIUS,
      radiusUnits: 'pixels',
      getFillColor: POINT_COLOR,
      getLineColor: [8, 16, 30, 255],
      getLineWidth: LINE_WIDTH,
      lineWidthUnits: 'pixels',
      stroked: true,
    }),
  ];
}
