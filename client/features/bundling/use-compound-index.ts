import { useMemo } from 'react';
import type { CompoundFeature } from '../../../common/api.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import type { PlanCompounds } from './bundling-api.ts';

export type CompoundIndex = {
  /** every compound, or none until they arrive */
  features: CompoundFeature[];
  byId: ReadonlyMap<number, CompoundFeature>;
  names: ReadonlyMap<number, string>;
  /** the compounds of a street (all of them while streetCode is null) */
  inStreet: CompoundFeature[];
};

const EMPTY_COMPOUNDS: CompoundFeature[] = [];

/** The planner's compounds, looked up by id and narrowed to the picked street. */
export function useCompoundIndex(
  compounds: ApiState<PlanCompounds>,
  streetCode: string | null,
): CompoundIndex {
  const features = compounds.status === 'ready' ? compounds.data.features : EMPTY_COMPOUNDS;
  const byId = useMemo(
    () => new Map(features.map((feature) => [feature.properties.id, feature])),
    [features],
  );
  const names = useMemo(
    () => new Map(features.map((f) => [f.properties.id, f.properties.name])),
    [features],
  );
  const inStreet = useMemo(
    () =>
      streetCode === null
        ? features
        : features.filter((f) => f.properties.streetCode === streetCode),
    [features, streetCode],
  );
  return { features, byId, names, inStreet };
}
