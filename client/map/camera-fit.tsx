import { useEffect, useRef } from 'react';
import type { BBox } from '../../common/geo.ts';
import { useMap } from './base-map.tsx';

export type CameraFitProps = {
  /** the area to fit; fitted again whenever it changes; null does nothing */
  bounds: BBox | null;
  padding: { top: number; right: number; bottom: number; left: number };
  /** the fit zooms no further in than this */
  maxZoom?: number;
  /** called once the map has rendered after a fit (the next 'idle') */
  onFitted?: () => void;
};

/** Fits the surrounding <BaseMap> to an area: at once the first time, eased after that. */
export function CameraFit({ bounds, padding, maxZoom, onFitted }: CameraFitProps) {
  const map = useMap();
  const fitted = useRef(false);
  const onFittedRef = useRef(onFitted);
  useEffect(() => {
    onFittedRef.current = onFitted;
  });
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
      {
        padding: { top, right, bottom, left },
        duration: fitted.current ? 600 : 0,
        // an explicit maxZoom: undefined makes MapLibre compute a NaN camera; leave the key out
        ...(maxZoom === undefined ? {} : { maxZoom }),
      },
    );
    fitted.current = true;
    map.once('idle', () => onFittedRef.current?.());
  }, [map, key, top, right, bottom, left, maxZoom]);
  return null;
}
