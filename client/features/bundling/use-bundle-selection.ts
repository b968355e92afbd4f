import { useCallback, useMemo, useState } from 'react';
import type { CompoundFeature } from '../../../common/api.ts';
import type { BundlingResult } from '../../../common/bundling.ts';
import type { Position } from '../../../common/geo.ts';
import { labelPoint } from '../../../geometry/label-point.ts';
import { isPointInPolygon } from '../../../geometry/point-in-polygon.ts';

export type BundleSelection = {
  /** compound ids in the order they were picked */
  selected: number[];
  selectedSet: ReadonlySet<number>;
  /** the suggested bundle the selection was taken from, until it is edited by hand */
  adoptedIndex: number | null;
  /** the lasso is on */
  drawing: boolean;
  toggleDrawing: () => void;
  cancelDraw: () => void;
  /** adds or removes one compound */
  toggle: (id: number) => void;
  /** adds a compound (a pick in a list never removes it) */
  pick: (id: number) => void;
  /** adds the compounds whose label point lies in the lasso's ring */
  selectWithin: (ring: Position[]) => void;
  /** takes the suggestion's bundle `index` as the selection */
  adopt: (index: number) => void;
  /** the selection becomes these compounds (a proposal loaded) */
  replace: (ids: readonly number[]) => void;
  clear: () => void;
};

/**
 * The planner's hand-made selection of compounds: picked one by one, lassoed among the street's
 * compounds (`candidates`), or adopted from the suggestion `result`.
 */
export function useBundleSelection(
  candidates: readonly CompoundFeature[],
  result: BundlingResult | null,
): BundleSelection {
  const [selected, setSelected] = useState<number[]>([]);
  // an adoption belongs to the result it was made from: a new suggestion drops it
  const [adopted, setAdopted] = useState<{ of: BundlingResult; index: number } | null>(null);
  const [drawing, setDrawing] = useState(false);
  const selectedSet = useMemo(() => new Set(selected), [selected]);

  const toggle = useCallback((id: number) => {
    setAdopted(null);
    setSelected((current) =>
      current.includes(id) ? current.filter((other) => other !== id) : [...current, id],
    );
  }, []);
  const pick = useCallback(
    (id: number) => {
      if (!selectedSet.has(id)) toggle(id);
    },
    [selectedSet, toggle],
  );
  const selectWithin = useCallback(
    (ring: Position[]) => {
      setDrawing(false);
      const inside = candidates
        .filter((feature) => {
          const at = labelPoint(feature.geometry);
          return at !== null && isPointInPolygon(at, [ring]);
        })
        .map((feature) => feature.properties.id);
      setAdopted(null);
      setSelected((current) => [...current, ...inside.filter((id) => !current.includes(id))]);
    },
    [candidates],
  );
  const adopt = useCallback(
    (index: number) => {
      const bundle = result?.bundles[index];
      if (!result || !bundle) return;
      setAdopted({ of: result, index });
      setSelected([...bundle.compoundIds]);
    },
    [result],
  );
  const replace = useCallback((ids: readonly number[]) => {
    setAdopted(null);
    setSelected([...ids]);
  }, []);
  const clear = useCallback(() => replace([]), [replace]);
  const toggleDrawing = useCallback(() => setDrawing((on) => !on), []);
  const cancelDraw = useCallback(() => setDrawing(false), []);

  return {
    selected,
    selectedSet,
    adoptedIndex: adopted !== null && adopted.of === result ? adopted.index : null,
    drawing,
    toggleDrawing,
    cancelDraw,
    toggle,
    pick,
    selectWithin,
    adopt,
    replace,
    clear,
  };
}
