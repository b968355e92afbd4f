import { useCallback, useState } from 'react';
import type { Position } from '../../../common/geo.ts';
import type { GrievanceEvent } from '../../../common/grievances.ts';
import { isPointInPolygon } from '../../../geometry/point-in-polygon.ts';
import { isInUnit, type AreaUnit } from './dispatch-area.ts';

export type EventSelection = {
  selectedIds: ReadonlySet<number>;
  /** the grid or community whose events make up the selection, until it is changed otherwise */
  pickedUnit: AreaUnit | null;
  /** the lasso is on */
  drawing: boolean;
  toggleDrawing: () => void;
  cancelDraw: () => void;
  toggle: (id: number) => void;
  /** the shown events inside the lasso's ring */
  selectWithin: (ring: Position[]) => void;
  /** the shown events of a grid or community */
  selectUnit: (unit: AreaUnit) => void;
  /** every shown event */
  selectShown: () => void;
  clear: () => void;
};

/** The dispatcher's selection of events for a bulk dispatch, among the `shown` ones. */
export function useEventSelection(shown: readonly GrievanceEvent[]): EventSelection {
  const [selectedIds, setSelectedIds] = useState<ReadonlySet<number>>(() => new Set());
  const [pickedUnit, setPickedUnit] = useState<AreaUnit | null>(null);
  const [drawing, setDrawing] = useState(false);

  const toggle = useCallback((id: number) => {
    setPickedUnit(null);
    setSelectedIds((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);
  const selectWithin = useCallback(
    (ring: Position[]) => {
      setDrawing(false);
      setPickedUnit(null);
      setSelectedIds(
        new Set(shown.filter((e) => isPointInPolygon(e.location, [ring])).map((e) => e.id)),
      );
    },
    [shown],
  );
  const selectUnit = useCallback(
    (unit: AreaUnit) => {
      setPickedUnit(unit);
      setSelectedIds(new Set(shown.filter((e) => isInUnit(e, unit)).map((e) => e.id)));
    },
    [shown],
  );
  const selectShown = useCallback(() => {
    setPickedUnit(null);
    setSelectedIds(new Set(shown.map((e) => e.id)));
  }, [shown]);
  const clear = useCallback(() => {
    setPickedUnit(null);
    setSelectedIds(new Set());
  }, []);
  const toggleDrawing = useCallback(() => setDrawing((on) => !on), []);
  const cancelDraw = useCallback(() => setDrawing(false), []);

  return {
    selectedIds,
    pickedUnit,
    drawing,
    toggleDrawing,
    cancelDraw,
    toggle,
    selectWithin,
    selectUnit,
    selectShown,
    clear,
  };
}
