import { Marker } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import type { Position } from '../../common/geo.ts';
import { useMap } from './base-map.tsx';

/** A ring that pulses around a point, in a CSS colour. */
export type PulsingRing = { key: string | number; position: Position; color: string };

export type PulsingRingsProps = { rings: readonly PulsingRing[] };

/**
 * Rings pulsing around points of the surrounding <BaseMap>, as DOM markers with a CSS animation:
 * the browser's compositor animates them, so no WebGL frame is drawn per step (with software
 * WebGL a full redraw costs 100+ ms). They ignore the pointer, so picking and clicks pass through.
 */
export function PulsingRings({ rings }: PulsingRingsProps) {
  const map = useMap();
  const markers = useRef(new Map<string | number, { marker: Marker; ring: HTMLElement }>());

  useEffect(() => {
    const current = markers.current;
    const keep = new Set<string | number>();
    for (const { key, position, color } of rings) {
      keep.add(key);
      let entry = current.get(key);
      if (!entry) {
        const element = document.createElement('div');
        element.className = 'pulsing-ring';
        const ring = document.createElement('div');
        ring.className = 'pulsing-ring__wave';
        element.append(ring);
        entry = { marker: new Marker({ element }).setLngLat(position).addTo(map), ring };
        current.set(key, entry);
      } else {
        entry.marker.setLngLat(position);
      }
      entry.ring.style.setProperty('--ring-color', color);
    }
    for (const [key, { marker }] of current) {
      if (keep.has(key)) continue;
      marker.remove();
      current.delete(key);
    }
  }, [map, rings]);

  useEffect(() => {
    const current = markers.current;
    return () => {
      for (const { marker } of current.values()) marker.remove();
      current.clear();
    };
  }, [map]);

  return null;
}
