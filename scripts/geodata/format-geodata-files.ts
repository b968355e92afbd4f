import type { FeatureCollection } from '../../common/geo.ts';
import { GEODATA_FILES, type GeodataSet } from '../../common/geodata.ts';

/**
 * Serialises a GeodataSet into the file contents of geodata/, keyed by file name. One feature or
 * record per line keeps the files small and their diffs readable; key order is the order the
 * objects were built in, which the builder keeps fixed.
 *
 * @example
 * formatGeodataFiles(set)['streets.geojson'].split('\n').length; // 9 features + 3 lines
 */
export function formatGeodataFiles(set: GeodataSet): Record<string, string> {
  return {
    [GEODATA_FILES.district]: formatFeatureCollection(set.district),
    [GEODATA_FILES.streets]: formatFeatureCollection(set.streets),
    [GEODATA_FILES.communities]: formatFeatureCollection(set.communities),
    [GEODATA_FILES.grids]: formatFeatureCollection(set.grids),
    [GEODATA_FILES.compounds]: formatFeatureCollection(set.compounds),
    [GEODATA_FILES.stations]: formatFeatureCollection(set.stations),
    [GEODATA_FILES.enterprises]: formatRecords(set.enterprises),
    [GEODATA_FILES.ownersCommittees]: formatRecords(set.ownersCommittees),
    [GEODATA_FILES.coverageHistory]: formatRecords(set.coverageHistory),
  };
}

/** `{"type":"FeatureCollection","features":[` then one feature per line. */
export function formatFeatureCollection(collection: FeatureCollection): string {
  const lines = collection.features.map((f) =>
    JSON.stringify({ type: f.type, properties: f.properties, geometry: f.geometry }),
  );
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

/** A JSON array with one record per line. */
export function formatRecords(records: readonly object[]): string {
  return records.length === 0
    ? '[]\n'
    : `[\n${records.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`;
}
