import type { PickingInfo } from '@deck.gl/core';
import { memo, useCallback, useMemo } from 'react';
import type { CompoundFeature, StationFeature } from '../../common/api.ts';
import type { BBox, FeatureCollection, Polygon, Position } from '../../common/geo.ts';
import { createCompoundsLayer } from '../features/compounds/compounds-layer.ts';
import { createStationsLayer } from '../features/stations/stations-layer.ts';
import { BaseMap } from '../map/base-map.tsx';
import { CameraFit } from '../map/camera-fit.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { createDrawLayers } from '../map/draw-layers.ts';
import { PolygonDraw } from '../map/polygon-draw.tsx';
import { usePolygonDraft } from '../map/use-polygon-draft.ts';
import { APP_MAP_STYLE } from './app-map-style.ts';

const FIT_PADDING = { top: 48, right: 32, bottom: 32, left: 32 };
const FIT_MAX_ZOOM = 16;

export type RegistersMapProps = {
  label: string;
  state: string;
  geojson: Record<string, FeatureCollection | undefined>;
  bounds: BBox | null;
  compounds: CompoundFeature[];
  stations: StationFeature[];
  selectedCompoundId: number | null;
  selectedStationId: number | null;
  /** drawing a new compound's footprint: clicks add vertices, a double-click closes it */
  drawing: boolean;
  onDrawComplete: (ring: Position[]) => void;
  onDrawCancel: () => void;
  /** the new compound's footprint, drawn or pasted, shown until it is registered */
  pendingPolygon: Polygon | null;
  /** placing a new station: a click on the map gives its location */
  placing: boolean;
  onPlace: (at: [number, number]) => void;
  pendingPoint: [number, number] | null;
  onSelectCompound: (id: number) => void;
  onSelectStation: (id: number) => void;
  onFitted: () => void;
  onAfterRender: () => void;
};

/** The register's map: the area's compounds by mode, its stations, and what is being drawn or placed. */
export const RegistersMap = memo(function RegistersMap(props: RegistersMapProps) {
  const { drawing, placing, pendingPolygon, pendingPoint, onDrawComplete, onDrawCancel } = props;
  const { drawLayers, drawProps } = usePolygonDraft(drawing, onDrawComplete, onDrawCancel);
  const layers = useMemo(() => {
    const pending = pendingPolygon
      ? createDrawLayers({ vertices: pendingPolygon.coordinates[0]!.slice(0, -1), cursor: null })
      : pendingPoint
        ? createDrawLayers({ vertices: [pendingPoint], cursor: null })
        : [];
    return [
      createCompoundsLayer(props.compounds, { selectedId: props.selectedCompoundId }),
      createStationsLayer(props.stations, { selectedId: props.selectedStationId }),
      ...(drawing ? drawLayers : pending),
    ];
  }, [
    props.compounds,
    props.stations,
    props.selectedCompoundId,
    props.selectedStationId,
    drawing,
    drawLayers,
    pendingPolygon,
    pendingPoint,
  ]);
  const { onPlace, onSelectCompound, onSelectStation } = props;
  const onClick = useCallback(
    (info: PickingInfo) => {
      if (drawing) return;
      if (placing) {
        if (info.coordinate) onPlace([info.coordinate[0]!, info.coordinate[1]!]);
        return;
      }
      const picked = info.object as CompoundFeature | StationFeature | undefined;
      if (!picked) return;
      if (picked.geometry.type === 'Point') onSelectStation(picked.properties.id);
      else onSelectCompound(picked.properties.id);
    },
    [drawing, placing, onPlace, onSelectCompound, onSelectStation],
  );
  return (
    <BaseMap style={APP_MAP_STYLE} geojson={props.geojson} state={props.state} label={props.label}>
      <DeckOverlay
        layers={layers}
        onClick={onClick}
        onAfterRender={props.onAfterRender}
        getTooltip={(info: PickingInfo<CompoundFeature | StationFeature>) =>
          drawing || placing || !info.object ? null : info.object.properties.name
        }
      />
      <PolygonDraw {...drawProps} />
      <CameraFit
        bounds={props.bounds}
        padding={FIT_PADDING}
        maxZoom={FIT_MAX_ZOOM}
        onFitted={props.onFitted}
      />
    </BaseMap>
  );
});
