import type { CompoundFeature } from '../../../common/api.ts';
import type { CoverageMode } from '../../../common/domain.ts';

/** The register table's filters; an empty one lets everything through. */
export type CompoundFilters = {
  streetCode?: string;
  communityCode?: string;
  coverageMode?: CoverageMode;
  /** part of the name, any case */
  name?: string;
};

/**
 * The compounds that pass every filter, by name (zh-CN collation).
 * @example filterCompounds(all, { coverageMode: 'none', name: '新村' })
 */
export function filterCompounds(
  compounds: readonly CompoundFeature[],
  filters: CompoundFilters,
): CompoundFeature[] {
  const needle = filters.name?.trim().toLowerCase() ?? '';
  return compounds
    .filter(({ properties: p }) => {
      if (filters.streetCode && p.streetCode !== filters.streetCode) return false;
      if (filters.communityCode && p.communityCode !== filters.communityCode) return false;
      if (filters.coverageMode && p.coverageMode !== filters.coverageMode) return false;
      return needle === '' || p.name.toLowerCase().includes(needle);
    })
    .sort((a, b) => a.properties.name.localeCompare(b.properties.name, 'zh-CN'));
}
