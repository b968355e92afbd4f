import type { PickingInfo } from '@deck.gl/core';
import { memo, useMemo } from 'react';
import type { CompoundFeature } from '../../common/api.ts';
import type { BBox, FeatureCollection } from '../../common/geo.ts';
import { createEnterprisesLayer } from '../features/enterprises/enterprises-layer.ts';
import { BaseMap } from '../map/base-map.tsx';
import { DeckOverlay } from '../map/deck-overlay.tsx';
import { APP_MAP_STYLE } from './app-map-style.ts';

const FIT_PADDING = { top: 48, right: 32, bottom: 32, left: 32 };

export type EnterprisesMapProps = {
  label: string;
  state: string;
  geojson: Record<string, FeatureCollection | undefined>;
  bounds: BBox | null;
  compounds: CompoundFeature[];
  /** the selected enterprise's compounds and their stars */
  stars: ReadonlyMap<number, number>;
  onFitted: () => void;
  onAfterRender: () => void;
};

/** The district's compounds with the selected enterprise's filled by their star rating. */
export const EnterprisesMap = memo(function EnterprisesMap(props: EnterprisesMapProps) {
  const { compounds, stars } = props;
  const layers = useMemo(() => [createEnterprisesLayer(compounds, { stars })], [compounds, stars]);
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
        getTooltip={(info: PickingInfo<CompoundFeature>) =>
          info.object ? info.object.properties.name : null
        }
      />
    </BaseMap>
  );
});
