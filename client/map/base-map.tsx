import {
  AttributionControl,
  Map as MapLibreMap,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type ControlPosition,
  type GeoJSONSource,
  type LayerSpecification,
  type SourceSpecification,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { BBox, FeatureCollection } from '../../common/geo.ts';

// vite does not emit MapLibre's worker by itself; without this the map shows "Worker failed to load"
setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /** The MapLibre map, for browser tests and the console. */
    __map?: MapLibreMap;
  }
}

/** Where the map starts before it fits the data: the old town of Quanzhou on the Jin River. */
export const INITIAL_VIEW_STATE = {
  longitude: 118.575,
  latitude: 24.895,
  zoom: 12,
} as const;

export const BACKGROUND_COLOR = '#0b1424';

/** The base style: a plain background. No `glyphs` and no `sprite`, so the map never asks a server
 * for fonts or icons; labels are drawn by deck.gl with the browser's own fonts. */
export const MAP_STYLE: StyleSpecification = {
  version: 8,
  sources: {},
  layers: [
    { id: 'background', type: 'background', paint: { 'background-color': BACKGROUND_COLOR } },
  ],
};

export type RasterBasemap = {
  tiles: string[];
  attribution: string;
  /** 0..1; raster basemaps are dimmed so our own layers stay readable */
  opacity: number;
};

export type MapStyleOptions = {
  /** sources of the overlay layers, keyed by source id */
  sources: Record<string, SourceSpecification>;
  /** drawn above the background and the raster basemap, in order */
  layers: LayerSpecification[];
  raster?: RasterBasemap | null;
};

/** MAP_STYLE plus an optional raster basemap and the given sources and layers. */
export function createMapStyle({ sources, layers, raster }: MapStyleOptions): StyleSpecification {
  const style: StyleSpecification = {
    ...MAP_STYLE,
    sources: { ...MAP_STYLE.sources, ...sources },
    layers: [...MAP_STYLE.layers],
  };
  if (raster) {
    style.sources.basemap = {
      type: 'raster',
      tiles: raster.tiles,
      tileSize: 256,
      attribution: raster.attribution,
    };
    style.layers.push({
      id: 'basemap',
      type: 'raster',
      source: 'basemap',
      paint: { 'raster-opacity': raster.opacity },
    });
  }
  style.layers.push(...layers);
  return style;
}

/** 天地图 vector basemap (vec_w, Web Mercator), CGCS2000 ≈ WGS84, so no datum shift is needed. */
export function createTiandituBasemap(token: string): RasterBasemap {
  const tiles = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (n) =>
      `https://t${n}.tianditu.gov.cn/vec_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0` +
      `&LAYER=vec&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}` +
      `&TILECOL={x}&tk=${encodeURIComponent(token)}`,
  );
  return { tiles, attribution: '© 天地图 Tianditu', opacity: 0.35 };
}

const MapContext = createContext<MapLibreMap | null>(null);

/** The loaded map, for components rendered inside <BaseMap>. */
export function useMap(): MapLibreMap {
  const map = useContext(MapContext);
  if (!map) throw new Error('useMap must be used inside <BaseMap>');
  return map;
}

export type BaseMapProps = {
  /** read once, when the map is created */
  style: StyleSpecification;
  /** GeoJSON for the style's geojson sources, keyed by source id; pushed with setData on change */
  geojson?: Record<string, FeatureCollection | undefined>;
  /** style layer id → visible */
  layerVisibility?: Record<string, boolean>;
  /** fitted once (no animation), the first time it is given */
  fitBounds?: BBox | null;
  fitPadding?: { top: number; right: number; bottom: number; left: number };
  /** the fit zooms no further in than this (a single small grid would fill the screen) */
  fitMaxZoom?: number;
  /** called after the fit, once the map has rendered everything it had (the first 'idle') */
  onFitted?: () => void;
  /** called with the zoom while the camera moves */
  onZoom?: (zoom: number) => void;
  /** where the zoom buttons, scale and attribution go; keep it clear of floating panels */
  controlsPosition?: ControlPosition;
  /** device pixels per CSS pixel of the canvas; a wall scaled up with a CSS transform renders at
   * its on-screen resolution with devicePixelRatio × scale (default: the browser's ratio) */
  pixelRatio?: number;
  /** mirrored on the container as data-state, for tests */
  state?: string;
  label?: string;
  children?: ReactNode;
};

/** A MapLibre map filling its parent. Children render once the style has loaded. */
export function BaseMap({
  style,
  geojson,
  layerVisibility,
  fitBounds,
  fitPadding,
  fitMaxZoom,
  onFitted,
  onZoom,
  controlsPosition = 'bottom-right',
  pixelRatio,
  state,
  label,
  children,
}: BaseMapProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  const initialRef = useRef({ style, controlsPosition, pixelRatio });
  const fittedRef = useRef(false);
  const sentDataRef = useRef(new Map<string, FeatureCollection>());
  const callbacksRef = useRef({ onFitted, onZoom });
  useEffect(() => {
    callbacksRef.current = { onFitted, onZoom };
  });

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const instance = new MapLibreMap({
      container,
      style: initialRef.current.style,
      center: [INITIAL_VIEW_STATE.longitude, INITIAL_VIEW_STATE.latitude],
      zoom: INITIAL_VIEW_STATE.zoom,
      // a planning map is read north-up and flat
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      ...(initialRef.current.pixelRatio === undefined
        ? {}
        : { pixelRatio: initialRef.current.pixelRatio }),
    });
    instance.touchZoomRotate.disableRotation();
    const position = initialRef.current.controlsPosition;
    instance.addControl(new NavigationControl({ showCompass: false }), position);
    instance.addControl(new ScaleControl({ unit: 'metric' }), position);
    instance.addControl(new AttributionControl({ compact: true }), position);
    instance.on('zoom', () => callbacksRef.current.onZoom?.(instance.getZoom()));
    instance.once('load', () => {
      window.__map = instance;
      setMap(instance);
    });
    const sentData = sentDataRef.current; // one Map for the component's life
    return () => {
      if (window.__map === instance) delete window.__map;
      fittedRef.current = false;
      sentData.clear();
      setMap(null);
      instance.remove();
    };
  }, []);

  useEffect(() => {
    if (map && pixelRatio !== undefined && map.getPixelRatio() !== pixelRatio) {
      map.setPixelRatio(pixelRatio);
    }
  }, [map, pixelRatio]);

  useEffect(() => {
    if (!map || !geojson) return;
    for (const [sourceId, data] of Object.entries(geojson)) {
      // setData re-tiles the whole source in the worker: only for data it does not have yet
      if (!data || sentDataRef.current.get(sourceId) === data) continue;
      const source = map.getSource<GeoJSONSource>(sourceId);
      if (!source) throw new Error(`Unknown geojson source: ${sourceId}`);
      void source.setData(data);
      sentDataRef.current.set(sourceId, data);
    }
  }, [map, geojson]);

  useEffect(() => {
    if (!map || !layerVisibility) return;
    for (const [layerId, visible] of Object.entries(layerVisibility)) {
      map.setLayoutProperty(layerId, 'visibility', visible ? 'visible' : 'none');
    }
  }, [map, layerVisibility]);

  useEffect(() => {
    if (!map || !fitBounds || fittedRef.current) return;
    fittedRef.current = true;
    const [minLng, minLat, maxLng, maxLat] = fitBounds;
    map.fitBounds(
      [
        [minLng, minLat],
        [maxLng, maxLat],
      ],
      // an explicit maxZoom: undefined makes MapLibre compute a NaN camera; leave the key out
      {
        padding: fitPadding,
        duration: 0,
        ...(fitMaxZoom === undefined ? {} : { maxZoom: fitMaxZoom }),
      },
    );
    map.once('idle', () => callbacksRef.current.onFitted?.());
  }, [map, fitBounds, fitPadding, fitMaxZoom]);

  return (
    <div
      ref={containerRef}
      className="base-map"
      data-state={state}
      aria-label={label}
      role="region"
    >
      {map && <MapContext value={map}>{children}</MapContext>}
    </div>
  );
}
