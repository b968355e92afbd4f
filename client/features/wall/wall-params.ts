// The wall's URL: `/wall?tour=60&street=350502004000&sound=1&history=90`. A kiosk is configured
// by its URL.

export const WALL_DEFAULTS = {
  tourSeconds: 60, // each stop of the auto-tour; 0 = no tour
  minTourSeconds: 10, // faster than this nobody can read a panel
  maxTourSeconds: 3600,
  historyDays: 90, // the heat layer's window; the server accepts 1 … 3650
};

export type WallParams = {
  /** seconds per tour stop; 0 = no tour */
  tourSeconds: number;
  /** a street to stay on (no tour); null = the district */
  street: string | null;
  /** beep on a new alarm (browsers may need a click first) */
  sound: boolean;
  /** days of history in the heat layer */
  historyDays: number;
};

/**
 * The wall's settings from a location search string; bad values fall back to the defaults.
 * @example parseWallParams('?tour=30&sound=1') // { tourSeconds: 30, street: null, sound: true, historyDays: 90 }
 */
export function parseWallParams(search: string): WallParams {
  const params = new URLSearchParams(search);
  const street = params.get('street');
  const validStreet = street !== null && /^\d{12}$/.test(street) ? street : null;
  const tourText = params.get('tour');
  const tour = tourText === null || tourText === '' ? NaN : Number(tourText);
  let tourSeconds = WALL_DEFAULTS.tourSeconds;
  if (tour === 0) tourSeconds = 0;
  else if (Number.isFinite(tour)) {
    tourSeconds = Math.min(
      WALL_DEFAULTS.maxTourSeconds,
      Math.max(WALL_DEFAULTS.minTourSeconds, Math.round(tour)),
    );
  }
  const history = Number(params.get('history') ?? NaN);
  return {
    tourSeconds: validStreet ? 0 : tourSeconds,
    street: validStreet,
    sound: params.get('sound') === '1' || params.get('sound') === 'true',
    historyDays:
      Number.isInteger(history) && history >= 1 && history <= 3650
        ? history
        : WALL_DEFAULTS.historyDays,
  };
}

/**
 * The tour's stops: the district (null), then every street in order, then round again.
 * @example tourStop(['a', 'b'], 3) // 'a' (stops: null, 'a', 'b', null, 'a' …)
 */
export function tourStop(streetCodes: readonly string[], step: number): string | null {
  const cycle = streetCodes.length + 1;
  const i = ((step % cycle) + cycle) % cycle;
  return i === 0 ? null : streetCodes[i - 1]!;
}

/** The design canvas of the wall, in CSS pixels. */
export const WALL_CANVAS = { width: 1920, height: 1080 };

/**
 * How the fixed design canvas fits a viewport: one scale for both axes (no distortion), centred,
 * the rest letterboxed.
 * @example fitCanvas(3840, 2160) // { scale: 2, left: 0, top: 0 }
 */
export function fitCanvas(
  width: number,
  height: number,
): { scale: number; left: number; top: number } {
  const scale = Math.min(width / WALL_CANVAS.width, height / WALL_CANVAS.height);
  return {
    scale,
    left: Math.round((width - WALL_CANVAS.width * scale) / 2),
    top: Math.round((height - WALL_CANVAS.height * scale) / 2),
  };
}
