import { TextLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon, Position } from '../../../common/geo.ts';
import { declutterLabels, type LabelCandidate } from '../../lib/declutter-labels.ts';
import { labelPoint } from '../../../geometry/label-point.ts';
import { ringSignedArea } from '../../../geometry/ring-area.ts';

// street and community names are drawn by deck.gl, not MapLibre: the browser rasterises the CJK
// glyphs it needs ('auto' character set), so no glyph server is involved. Names that would overlap
// are left out (placeBoundaryLabels): streets before communities, larger units first.

/** Community names appear from this zoom (they crowd each other further out). */
export const COMMUNITY_LABELS_MIN_ZOOM = 14;

export const LABEL_FONT_FAMILY = "'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif";

const STREET_LABEL_COLOR: [number, number, number, number] = [230, 240, 255, 235];
const STREET_LABEL_SIZE = 15;
const COMMUNITY_LABEL_COLOR: [number, number, number, number] = [160, 190, 225, 230];
const COMMUNITY_LABEL_SIZE = 12;
const HALO_COLOR: [number, number, number, number] = [8, 16, 30, 230];
// names sit just above their point, where a street centre or community station often stands
const STREET_LABEL_OFFSET: [number, number] = [0, -17];
const COMMUNITY_LABEL_OFFSET: [number, number] = [0, -13];
const STREET_PRIORITY = 1_000_000; // any street before any community
const COMMUNITY_PRIORITY = 0;
// sdf draws the dark halo that keeps names legible over any fill; the outline width is in atlas
// pixels (at most the sdf radius), about 2 screen pixels at these sizes
const TEXT_STYLE = {
  characterSet: 'auto',
  fontFamily: LABEL_FONT_FAMILY,
  fontSettings: { sdf: true, fontSize: 64, buffer: 12, radius: 16 },
  outlineWidth: 8,
  outlineColor: HALO_COLOR,
  sizeUnits: 'pixels',
  getTextAnchor: 'middle',
  getAlignmentBaseline: 'center',
  pickable: false,
} as const;

export type BoundaryLabel = {
  code: string;
  name: string;
  position: Position;
  /** 0 for the largest unit of its set, 1 for the next…; larger units keep their label */
  areaRank: number;
};

export type LabelsLayerOptions = {
  visible: boolean;
  /** codes of the labels to draw (see placeBoundaryLabels); null draws all */
  shownCodes: ReadonlySet<string> | null;
};

/** One label per boundary feature, at a point inside it. Features without area are skipped. */
export function toBoundaryLabels(
  features: readonly Feature<Polygon | MultiPolygon, { code: string; name: string }>[],
): BoundaryLabel[] {
  const placed: { label: Omit<BoundaryLabel, 'areaRank'>; area: number }[] = [];
  for (const { geometry, properties } of features) {
    const position = labelPoint(geometry);
    if (!position) continue;
    placed.push({
      label: { code: properties.code, name: properties.name, position },
      area: geometryArea(geometry),
    });
  }
  const ranks = new Map(
    [...placed].sort((a, b) => b.area - a.area).map((entry, rank) => [entry, rank]),
  );
  return placed.map((entry) => ({ ...entry.label, areaRank: ranks.get(entry) ?? 0 }));
}

export type LabelPlacementOptions = {
  zoom: number;
  showStreets: boolean;
  showCommunities: boolean;
};

/** Codes of the labels to draw, per layer. */
export type PlacedLabels = { streets: Set<string>; communities: Set<string> };

/**
 * The street and community labels that fit at a zoom without overlapping one another, street names
 * first and larger units first (CJK names are about one em per character).
 */
export function placeBoundaryLabels(
  streets: readonly BoundaryLabel[],
  communities: readonly BoundaryLabel[],
  { zoom, showStreets, showCommunities }: LabelPlacementOptions,
): PlacedLabels {
  const shownStreets = showStreets ? streets : [];
  const shownCommunities = showCommunities ? communities : [];
  const candidate = (
    label: BoundaryLabel,
    size: number,
    offset: [number, number],
    priority: number,
  ): LabelCandidate => ({
    position: label.position,
    width: label.name.length * size,
    height: size,
    offset,
    priority: priority - label.areaRank,
  });
  const keep = declutterLabels(
    [
      ...shownStreets.map((l) =>
        candidate(l, STREET_LABEL_SIZE, STREET_LABEL_OFFSET, STREET_PRIORITY),
      ),
      ...shownCommunities.map((l) =>
        candidate(l, COMMUNITY_LABEL_SIZE, COMMUNITY_LABEL_OFFSET, COMMUNITY_PRIORITY),
      ),
    ],
    zoom,
  );
  const codes = (labels: readonly BoundaryLabel[], start: number) =>
    new Set(labels.filter((_, index) => keep[start + index]).map((label) => label.code));
  return {
    streets: codes(shownStreets, 0),
    communities: codes(shownCommunities, shownStreets.length),
  };
}

/**
 * Street names. Labels left out by placement get size 0 rather than leaving `data`, so the glyph
 * atlas ('auto' character set, built from `data`) is made once, not on every zoom step.
 */
export function createStreetLabelsLayer(
  labels: BoundaryLabel[],
  { visible, shownCodes }: LabelsLayerOptions,
) {
  return new TextLayer<BoundaryLabel>({
    id: 'street-labels',
    data: labels,
    visible,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getColor: STREET_LABEL_COLOR,
    getSize: (label) => (isShown(label, shownCodes) ? STREET_LABEL_SIZE : 0),
    updateTriggers: { getSize: [shownCodes] },
    getPixelOffset: STREET_LABEL_OFFSET,
    fontWeight: 700,
    ...TEXT_STYLE,
  });
}

/** Community names, drawn like street names but smaller and muted. */
export function createCommunityLabelsLayer(
  labels: BoundaryLabel[],
  { visible, shownCodes }: LabelsLayerOptions,
) {
  return new TextLayer<BoundaryLabel>({
    id: 'community-labels',
    data: labels,
    visible,
    getPosition: (label) => label.position,
    getText: (label) => label.name,
    getColor: COMMUNITY_LABEL_COLOR,
    getSize: (label) => (isShown(label, shownCodes) ? COMMUNITY_LABEL_SIZE : 0),
    updateTriggers: { getSize: [shownCodes] },
    getPixelOffset: COMMUNITY_LABEL_OFFSET,
    fontWeight: 400,
    ...TEXT_STYLE,
  });
}

function isShown(label: BoundaryLabel, shownCodes: ReadonlySet<string> | null): boolean {
  return shownCodes === null || shownCodes.has(label.code);
}

// planar area in square degrees: enough to order units of one district by size
function geometryArea(geometry: Polygon | MultiPolygon): number {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  let area = 0;
  for (const rings of polygons) {
    rings.forEach((ring, index) => {
      const size = Math.abs(ringSignedArea(ring));
      area += index === 0 ? size : -size;
    });
  }
  return area;
}
