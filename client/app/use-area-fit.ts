import { useMemo } from 'react';
import type { Scope } from '../../common/auth.ts';
import type { BBox } from '../../common/geo.ts';
import { selectDispatchArea, type AreaLayers } from '../features/grievances/dispatch-area.ts';
import { featureBounds } from '../../geometry/bounds.ts';
import { usePhone } from '../lib/use-phone.ts';

// a phone's map is the whole screen: only a margin, the panels are sheets over it
const PHONE_FIT_PADDING = { top: 24, right: 24, bottom: 24, left: 24 };

export type Padding = { top: number; right: number; bottom: number; left: number };

/**
 * What the map page fits once its layers are in: on a desk the district, with room for the
 * floating panels; on a phone the user's own area (their grid, community or street) edge to edge,
 * not a 50 km view of the district.
 */
export function useAreaFit(
  scope: Scope,
  layers: Partial<AreaLayers> | null,
  deskPadding: Padding,
): { bounds: BBox | null; padding: Padding } {
  const phone = usePhone();
  const bounds = useMemo(() => {
    if (!layers?.district || !layers.streets || !layers.communities || !layers.grids) return null;
    if (!phone) return featureBounds(layers.district.features);
    return selectDispatchArea(scope, layers as AreaLayers).bounds;
  }, [phone, scope, layers]);
  return { bounds, padding: phone ? PHONE_FIT_PADDING : deskPadding };
}
