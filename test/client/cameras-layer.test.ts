import { describe, expect, it } from 'vitest';
import type { CameraFeature } from '../../common/api.ts';
import { createCamerasLayer } from '../../client/features/cameras/cameras-layer.ts';
import { getCameraTooltipHtml } from '../../client/features/cameras/cameras-tooltip.ts';
import { createTranslator } from '../../client/lib/i18n.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';

function camera(id: number, compoundId?: number): CameraFeature {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: [118.58 + id / 1000, 24.9] },
    properties: {
      id,
      name: `小区${id}出入口`,
      compoundId,
      platformCameraId: `LC-CAM-${String(id).padStart(6, '0')}`,
      streamUrl: `rtsp://video.licheng.example/live/${String(id).padStart(6, '0')}`,
    },
  };
}

const CAMERAS = [camera(1, 11), camera(2, 12), camera(3, 12)];

describe('createCamerasLayer', () => {
  it('creates the pickable "cameras" layer over every camera, in pixels', () => {
    const layer = createCamerasLayer(CAMERAS, { selectedCompoundId: null });
    expect(layer.id).toBe('cameras');
    expect((layer.props.data as CameraFeature[]).length).toBe(3);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.visible).toBe(true);
    expect(layer.props.radiusUnits).toBe('pixels');
  });

  it('draws every camera as a small cyan dot with a dark rim', () => {
    const layer = createCamerasLayer(CAMERAS, { selectedCompoundId: null });
    expect(layer.props.getFillColor).toEqual([34, 230, 255, 255]);
    expect(CAMERAS.map((c) => evaluateAccessor(layer.props.getRadius, c))).toEqual([3, 3, 3]);
    expect(CAMERAS.map((c) => evaluateAccessor(layer.props.getLineColor, c))).toEqual([
      [4, 47, 66, 255],
      [4, 47, 66, 255],
      [4, 47, 66, 255],
    ]);
    expect(CAMERAS.map((c) => evaluateAccessor(layer.props.getLineWidth, c))).toEqual([1, 1, 1]);
  });

  it('rings the cameras of the selected compound in gold', () => {
    const layer = createCamerasLayer(CAMERAS, { selectedCompoundId: 12 });
    expect(CAMERAS.map((c) => evaluateAccessor(layer.props.getLineColor, c))).toEqual([
      [4, 47, 66, 255],
      [250, 204, 21, 255],
      [250, 204, 21, 255],
    ]);
    expect(CAMERAS.map((c) => evaluateAccessor(layer.props.getRadius, c))).toEqual([3, 4.5, 4.5]);
    expect(layer.props.updateTriggers).toEqual({
      getRadius: [12],
      getLineColor: [12],
      getLineWidth: [12],
    });
  });

  it('rings nothing for a camera without a compound when none is selected', () => {
    const layer = createCamerasLayer([camera(9)], { selectedCompoundId: null });
    expect(evaluateAccessor(layer.props.getLineWidth, camera(9))).toBe(1);
  });

  it('is hidden, and so not pickable, with its switch off', () => {
    const layer = createCamerasLayer(CAMERAS, { selectedCompoundId: null, visible: false });
    expect(layer.props.visible).toBe(false);
  });
});

describe('getCameraTooltipHtml', () => {
  it('shows name, platform camera id and stream URL in Chinese and in English', () => {
    const { properties } = camera(42, 7);
    expect(getCameraTooltipHtml(properties, createTranslator('zh-CN'))).toBe(
      '<div class="map-tooltip__title">小区42出入口</div>' +
        '<div class="map-tooltip__row">平台编号：LC-CAM-000042</div>' +
        '<div class="map-tooltip__row map-tooltip__muted map-tooltip__url">' +
        '视频流：rtsp://video.licheng.example/live/000042</div>',
    );
    expect(getCameraTooltipHtml(properties, createTranslator('en'))).toContain(
      'Platform id: LC-CAM-000042',
    );
  });

  it('escapes HTML in every field', () => {
    const html = getCameraTooltipHtml(
      {
        id: 1,
        name: '<img src=x onerror=alert(1)>',
        platformCameraId: 'A&B',
        streamUrl: 'rtsp://h/"x"?a=1&b=2',
      },
      createTranslator('en'),
    );
    expect(html).toBe(
      '<div class="map-tooltip__title">&lt;img src=x onerror=alert(1)&gt;</div>' +
        '<div class="map-tooltip__row">Platform id: A&amp;B</div>' +
        '<div class="map-tooltip__row map-tooltip__muted map-tooltip__url">' +
        'Stream: rtsp://h/&quot;x&quot;?a=1&amp;b=2</div>',
    );
  });

  it('shows the name alone when the fields were not asked for', () => {
    expect(getCameraTooltipHtml({ id: 1, name: '甲' }, createTranslator('zh-CN'))).toBe(
      '<div class="map-tooltip__title">甲</div>',
    );
  });
});
