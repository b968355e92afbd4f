import { useEffect } from 'react';
import type { Position } from '../../common/geo.ts';
import { useMap } from './base-map.tsx';

/** Pixels kept clear along each edge when deciding whether the target is in view. */
export type CameraPadding = { top: number; right: number; bottom: number; left: number };

export type CameraFocusProps = {
  /** a point to bring into view when it changes; null does nothing */
  target: Position | null;
  /** the parts of the map covered by panels */
  padding: CameraPadding;
};

/** Pans the surrounding <BaseMap> to a target that lies outside the uncovered part of the map. */
export function CameraFocus({ target, padding }: CameraFocusProps) {
  const map = useMap();
  const lng = target?.[0];
  const lat = target?.[1];
  const { top, right, bottom, left } = padding;
  useEffect(() => {
    if (lng === undefined || lat === undefined) return;
    const { x, y } = map.project([lng, lat]);
    const { clientWidth: width, clientHeight: height } = map.getContainer();
    const visible = x >= left && x <= width - right && y >= top && y <= height - bottom;
    if (!visible) map.easeTo({ center: [lng, lat], padding: { top, right, bottom, left } });
  }, [map, lng, lat, top, right, bottom, left]);
  return null;
}
