import { useCallback, useState } from 'react';
import type { Position } from '../../../common/geo.ts';
import type { ReportPoint } from './report-point-layer.ts';

const FIX_OPTIONS: PositionOptions = {
  enableHighAccuracy: true, // GPS, not the cell tower: a report names a doorway
  timeout: 20_000,
  maximumAge: 30_000,
};

export type Here =
  | { status: 'idle' }
  | { status: 'locating' }
  | { status: 'ready'; point: ReportPoint; placed: boolean }
  | { status: 'error'; message: string };

/**
 * Where the phone is (Geolocation API) for a report, and the point moved by hand: `locate` asks
 * for a fix, `place` puts the point where the user tapped (accuracy then no longer applies).
 */
export function useHere(): { here: Here; locate: () => void; place: (at: Position) => void } {
  const [here, setHere] = useState<Here>({ status: 'idle' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setHere({ status: 'error', message: 'Geolocation API unavailable' });
      return;
    }
    setHere({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      (fix) =>
        setHere({
          status: 'ready',
          point: {
            position: [fix.coords.longitude, fix.coords.latitude],
            accuracy: Math.round(fix.coords.accuracy),
          },
          placed: false,
        }),
      (error) => setHere({ status: 'error', message: error.message }),
      FIX_OPTIONS,
    );
  }, []);
  const place = useCallback(
    (at: Position) =>
      setHere({ status: 'ready', point: { position: at, accuracy: 0 }, placed: true }),
    [],
  );
  return { here, locate, place };
}
