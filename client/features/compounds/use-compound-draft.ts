import { useCallback, useMemo, useState } from 'react';
import type { CoverageMode } from '../../../common/domain.ts';
import type { Polygon, Position } from '../../../common/geo.ts';
import { polygonFromGeoJson, polygonFromRing } from './polygon-from-geojson.ts';

/** The new compound's fields as typed (numbers as text until sent). */
export type CompoundDraftFields = {
  name: string;
  communityCode: string;
  households: string;
  buildings: string;
  yearBuilt: string;
  coverageMode: CoverageMode;
  enterpriseId: string;
  reason: string;
  /** the GeoJSON pasted, or the drawn polygon written out */
  geojson: string;
};

const EMPTY: CompoundDraftFields = {
  name: '',
  communityCode: '',
  households: '',
  buildings: '',
  yearBuilt: '',
  coverageMode: 'none',
  enterpriseId: '',
  reason: '',
  geojson: '',
};

/** A number as typed, or the text itself, so the server names the field and its range. */
export const numberOrText = (text: string) =>
  text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text;

export type CompoundDraft = ReturnType<typeof useCompoundDraft>;

/**
 * A compound being registered: its fields, and its footprint drawn on the map or pasted as
 * GeoJSON (the polygon the map previews; null while the text holds no single polygon).
 */
export function useCompoundDraft(defaultCommunity: string) {
  const [fields, setFields] = useState<CompoundDraftFields>({
    ...EMPTY,
    communityCode: defaultCommunity,
  });
  const geometry: Polygon | null = useMemo(
    () => polygonFromGeoJson(fields.geojson),
    [fields.geojson],
  );
  const setField = useCallback(
    <K extends keyof CompoundDraftFields>(key: K, value: CompoundDraftFields[K]) =>
      setFields((f) => ({ ...f, [key]: value })),
    [],
  );
  const fromDrawing = useCallback(
    (ring: Position[]) => setField('geojson', JSON.stringify(polygonFromRing(ring))),
    [setField],
  );
  const body = () => ({
    name: fields.name,
    communityCode: fields.communityCode,
    households: numberOrText(fields.households),
    buildings: numberOrText(fields.buildings),
    yearBuilt: numberOrText(fields.yearBuilt),
    coverageMode: fields.coverageMode,
    enterpriseId: fields.enterpriseId === '' ? null : Number(fields.enterpriseId),
    // a paste that is no single polygon still goes: the server names `geometry`
    geometry: geometry ?? (fields.geojson.trim() === '' ? undefined : fields.geojson),
    ...(fields.reason.trim() ? { reason: fields.reason } : {}),
  });
  const reset = useCallback(
    () => setFields({ ...EMPTY, communityCode: defaultCommunity }),
    [defaultCommunity],
  );
  return { fields, setField, geometry, fromDrawing, body, reset };
}
