import { useEffect } from 'react';
import type { BBox } from '../../common/geo.ts';
import { useMap } from './base-map.tsx';

export type CameraFlyProps = {
  /** the area to show; the camera flies there whenever it changes; null does nothing */
  bounds: BBox | null;
  padding: { top: number; right: number; bottom: number; left: number };
  /** flight duration in ms */
  duration?: number;
};

/** Flies the surrounding <BaseMap> to fit an area each time the area changes (an auto-tour). */
export function CameraFly({ bounds, padding, duration = 2500 }: CameraFlyProps) {
  const map = useMap();
  const key = bounds?.join(',') ?? null;
  const { top, right, bottom, left } = padding;
  useEffect(() => {
    if (key === null) return;
    const [minLng, minLat, maxLng, maxLat] = key.split(',').map(Number) as BBox;
    map.fitBounds(
      [
        [minLng, minLat],
        [maxLng, maxLat],
      ],
      { padding: { top, right, bottom, left }, duration, essential: true },
    );
  }, [map, key, top, right, bottom, left, duration]);
  return null;
}
