import type { PickingInfo } from '@deck.gl/core';
import { memo, useMemo } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { CommitteeCompliance } from '../../common/committees.ts';
import type { BBox, FeatureCollection } from '../../common/geo.ts';
import { createCommitteesLayer } from '../features/committees/committees-layer.ts';
import { BaseMap } from '../map/base-map.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { APP_MAP_STYLE } from './app-map-style.ts';

const FIT_PADDING = { top: 72, right: 32, bottom: 32, left: 32 };

export type SuperviseMapProps = {
  label: string;
  state: string;
  geojson: Record<string, FeatureCollection | undefined>;
  bounds: BBox | null;
  compounds: CompoundFeature[];
  compliance: ReadonlyMap<number, CommitteeCompliance>;
  selectedId: number | null;
  onSelect: (compoundId: number) => void;
  onFitted: () => void;
  onAfterRender: () => void;
};

/** The supervisor's map: the boundaries, and every compound filled by its committee's verdict. */
export const SuperviseMap = memo(function SuperviseMap(props: SuperviseMapProps) {
  const { compounds, compliance, selectedId, onSelect } = props;
  const layers = useMemo(
    () => [createCommitteesLayer(compounds, { compliance, selectedId })],
    [compounds, compliance, selectedId],
  );
  return (
    <BaseMap
      style={APP_MAP_STYLE}
      geojson={props.geojson}
      fitBounds={props.bounds}
      fitPadding={FIT_PADDING}
      onFitted={props.onFitted}
      state={props.state}
      label={props.label}
    >
      <DeckOverlay
        layers={layers}
        onAfterRender={props.onAfterRender}
        onClick={(info: PickingInfo<CompoundFeature>) => {
          if (info.object) onSelect(info.object.properties.id);
        }}
        getTooltip={(info: PickingInfo<CompoundFeature>) =>
          info.object ? info.object.properties.name : null
        }
      />
    </BaseMap>
  );
});
