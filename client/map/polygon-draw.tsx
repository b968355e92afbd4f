import type { MapMouseEvent } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Position } from '../../common/geo.ts';
import { useMap } from './base-map.tsx';
import type { DrawDraft } from './draw-layers.ts';

/** Clicks closer than this to the last vertex add nothing: the two clicks of a double-click. */
const SAME_POINT_PX = 6;

export type PolygonDrawProps = {
  /** while true, clicks add vertices and a double-click closes the polygon */
  active: boolean;
  /** the draft after every click and pointer move, for drawing it (createDrawLayers) */
  onChange: (draft: DrawDraft) => void;
  /** the closed ring (≥ 3 vertices, first ≠ last) */
  onComplete: (ring: Position[]) => void;
  /** Escape, or a double-click before three vertices */
  onCancel: () => void;
};

/**
 * Draws a polygon on the surrounding <BaseMap>: click to add points, double-click to finish,
 * Escape to cancel. The map's double-click zoom is off while drawing.
 */
export function PolygonDraw({ active, onChange, onComplete, onCancel }: PolygonDrawProps) {
  const map = useMap();
  const callbacks = useRef({ onChange, onComplete, onCancel });
  useEffect(() => {
    callbacks.current = { onChange, onComplete, onCancel };
  });

  useEffect(() => {
    if (!active) return;
    const vertices: Position[] = [];
    const container = map.getContainer();
    const lngLatOf = (event: MapMouseEvent): Position => [event.lngLat.lng, event.lngLat.lat];
    const onClick = (event: MapMouseEvent) => {
      const last = vertices.at(-1);
      if (last) {
        const { x, y } = map.project(last);
        if (Math.hypot(x - event.point.x, y - event.point.y) < SAME_POINT_PX) return;
      }
      vertices.push(lngLatOf(event));
      callbacks.current.onChange({ vertices: [...vertices], cursor: lngLatOf(event) });
    };
    const onMove = (event: MapMouseEvent) => {
      if (vertices.length > 0) {
        callbacks.current.onChange({ vertices: [...vertices], cursor: lngLatOf(event) });
      }
    };
    const onDoubleClick = (event: MapMouseEvent) => {
      event.preventDefault();
      if (vertices.length >= 3) callbacks.current.onComplete([...vertices]);
      else callbacks.current.onCancel();
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') callbacks.current.onCancel();
    };
    map.doubleClickZoom.disable();
    container.classList.add('base-map--drawing');
    map.on('click', onClick);
    map.on('mousemove', onMove);
    map.on('dblclick', onDoubleClick);
    window.addEventListener('keydown', onKeyDown);
    return () => {
      map.off('click', onClick);
      map.off('mousemove', onMove);
      map.off('dblclick', onDoubleClick);
      window.removeEventListener('keydown', onKeyDown);
      container.classList.remove('base-map--drawing');
      map.doubleClickZoom.enable();
    };
  }, [map, active]);

  return null;
}
