import { useEffect, useMemo, useState } from 'react';
import type { LayerCollections } from '../../../common/api.ts';
import type { ApiState } from '../../lib/use-api-query.ts';
import { tourStop, type WallParams } from './wall-params.ts';

/**
 * The street the wall shows (null = the district): the one in the address, or the tour's stop:
 * the district, then each street in turn, one every `tourSeconds`; paused while `paused` (an
 * alarm shows).
 */
export function useWallTour(
  streets: ApiState<LayerCollections['streets']>,
  params: Pick<WallParams, 'street' | 'tourSeconds'>,
  paused: boolean,
): string | null {
  const streetCodes = useMemo(
    () =>
      streets.status === 'ready' ? streets.data.features.map((f) => f.properties.code).sort() : [],
    [streets],
  );
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (params.tourSeconds === 0 || paused || streetCodes.length === 0) return;
    const timer = window.setInterval(() => setStep((s) => s + 1), params.tourSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [params.tourSeconds, paused, streetCodes.length]);
  return params.street ?? tourStop(streetCodes, step);
}
