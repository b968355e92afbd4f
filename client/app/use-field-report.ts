import { useCallback, useState } from 'react';
import { useHere, type Here } from '../features/grievances/use-here.ts';
import type { Position } from '../../common/geo.ts';

export type FieldReport = {
  open: boolean;
  here: Here;
  start: () => void;
  close: () => void;
  locate: () => void;
  /** moves the point, while the report is open (a tap on the map) */
  place: ((at: Position) => void) | null;
};

/** The report-from-here form's state: open or not, and where the phone is. */
export function useFieldReport(): FieldReport {
  const [open, setOpen] = useState(false);
  const { here, locate, place } = useHere();
  const start = useCallback(() => {
    setOpen(true);
    locate();
  }, [locate]);
  const close = useCallback(() => setOpen(false), []);
  return { open, here, start, close, locate, place: open ? place : null };
}
