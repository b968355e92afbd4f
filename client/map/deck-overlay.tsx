import { MapboxOverlay, type MapboxOverlayProps } from '@deck.gl/mapbox';
import type { PickingInfo } from '@deck.gl/core';
import { useEffect, useRef } from 'react';
import { useMap } from './base-map.tsx';

declare global {
  interface Window {
    /** The deck.gl overlay (pickObject, pickObjects …), for browser tests and the console. */
    __deck?: MapboxOverlay;
  }
}

export type DeckOverlayProps = Omit<MapboxOverlayProps, 'interleaved'>;

/**
 * deck.gl layers drawn over the surrounding <BaseMap>, in deck's default overlaid mode: its own
 * canvas on top of MapLibre's, kept in step with the camera. (Interleaved mode throws every frame
 * with maplibre-gl 6: it reads `map.transform`, which moved.)
 */
export function DeckOverlay(props: DeckOverlayProps) {
  const map = useMap();
  const overlayRef = useRef<MapboxOverlay | null>(null);

  useEffect(() => {
    // props arrive in the effect below, which runs right after this one in the same commit
    const overlay = new MapboxOverlay({});
    map.addControl(overlay);
    overlayRef.current = overlay;
    window.__deck = overlay;
    return () => {
      if (window.__deck === overlay) delete window.__deck;
      overlayRef.current = null;
      map.removeControl(overlay);
    };
  }, [map]);

  useEffect(() => {
    overlayRef.current?.setProps(withPointerCursor(props, map.getCanvas()));
  });

  return null;
}

// in overlaid mode deck's canvas ignores pointer events, so the hover cursor goes on MapLibre's
function withPointerCursor(props: DeckOverlayProps, canvas: HTMLCanvasElement): DeckOverlayProps {
  return {
    ...props,
    onHover: (info: PickingInfo, event) => {
      canvas.style.cursor = info.picked ? 'pointer' : '';
      props.onHover?.(info, event);
    },
  };
}
