import { useMemo } from 'react';
import type { LayerCollections } from '../../../common/api.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import {
  COMMUNITY_LABELS_MIN_ZOOM,
  createCommunityLabelsLayer,
  createStreetLabelsLayer,
  placeBoundaryLabels,
  toBoundaryLabels,
} from './boundaries-layer.ts';

/**
 * The street and community name layers at a zoom: labels placed so they do not collide, community
 * names only from COMMUNITY_LABELS_MIN_ZOOM, each level only while its boundaries are shown.
 */
export function useBoundaryLabelLayers(
  streets: ApiState<LayerCollections['streets']>,
  communities: ApiState<LayerCollections['communities']>,
  zoom: number,
  shown: { streets: boolean; communities: boolean },
) {
  const streetLabels = useMemo(
    () => (streets.status === 'ready' ? toBoundaryLabels(streets.data.features) : []),
    [streets],
  );
  const communityLabels = useMemo(
    () => (communities.status === 'ready' ? toBoundaryLabels(communities.data.features) : []),
    [communities],
  );
  const showCommunities = shown.communities && zoom >= COMMUNITY_LABELS_MIN_ZOOM;
  const placed = useMemo(
    () =>
      placeBoundaryLabels(streetLabels, communityLabels, {
        zoom,
        showStreets: shown.streets,
        showCommunities,
      }),
    [streetLabels, communityLabels, zoom, shown.streets, showCommunities],
  );
  const communityLabelsLayer = useMemo(
    () =>
      createCommunityLabelsLayer(communityLabels, {
        visible: showCommunities,
        shownCodes: placed.communities,
      }),
    [communityLabels, showCommunities, placed],
  );
  const streetLabelsLayer = useMemo(
    () =>
      createStreetLabelsLayer(streetLabels, { visible: shown.streets, shownCodes: placed.streets }),
    [streetLabels, shown.streets, placed],
  );
  return { streetLabelsLayer, communityLabelsLayer };
}
