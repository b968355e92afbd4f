import type { ImportRegister } from '../../common/ledgers.ts';
import type { Queryable } from '../db.ts';
import { COMPOUND_COLUMNS, COVERAGE_MODE_ZH } from './compound-import-rows.ts';
import { COMPOUND_SHEET } from './compound-import.ts';
import { FUND_COLUMNS, FUND_SHEET } from '../funds/fund-import.ts';
import {
  STATION_COLUMNS,
  STATION_KIND_ZH,
  STATION_SERVICE_ZH,
  STATION_SHEET,
} from '../stations/station-import.ts';
import { loadPlaces } from './compound-import-queries.ts';
import { buildTemplate, type TemplateSpec } from './import-templates.ts';

// What each register's template holds: its columns (the import's own column list), an example
// row that imports as it stands, and the lists for drop-downs from the database's streets and
// communities.

const WIDTHS: Record<string, number> = { name: 24, community: 18, footprint: 48, address: 32 };
const LISTS: Record<string, string> = {
  street: '街道',
  community: '社区',
  coverageMode: '服务方式',
};
const NOTES: Record<string, string> = {
  id: '更新已登记小区时填写；新增小区留空（按社区+名称匹配）',
  community: '社区名称或 12 位代码',
  footprint:
    'WKT（POLYGON((经度 纬度, …))）或 GeoJSON；坐标系在导入时选择，或自动识别 WGS84 / GCJ-02',
  lng: '无轮廓时：小区位置点，导入为"待勾绘"',
  creditCode: '专业化物业企业服务的小区必填',
};

/** The template of a register as an XLSX buffer. */
export async function templateFor(db: Queryable, register: ImportRegister): Promise<Buffer> {
  const places = await loadPlaces(db);
  const first = places[0] ?? { name: '示例社区', streetName: '示例街道', code: '' };
  const lists = {
    街道: [...new Set(places.map((p) => p.streetName))],
    社区: places.map((p) => p.name),
    服务方式: Object.values(COVERAGE_MODE_ZH),
  };
  if (register === 'compounds') return buildTemplate(compoundSpec(first, lists));
  if (register === 'stations') {
    return buildTemplate({
      sheet: STATION_SHEET,
      columns: STATION_COLUMNS.map((c) => ({
        header: c.zh,
        width: c.field === 'name' || c.field === 'services' ? 28 : 14,
        list: c.field === 'kind' ? '类型' : undefined,
        note:
          c.field === 'services'
            ? `以顿号分隔：${Object.values(STATION_SERVICE_ZH).join('、')}`
            : c.field === 'id'
              ? '更正已登记站点时填写；新增留空'
              : undefined,
      })),
      // 示例 (example): replace with a real station
      example: [
        null,
        '示例党群服务站（请替换）',
        STATION_KIND_ZH.community_station,
        '诉求受理、矛盾调解',
        null,
        null,
      ],
      lists: { 类型: Object.values(STATION_KIND_ZH) },
    });
  }
  return buildTemplate({
    sheet: FUND_SHEET,
    columns: FUND_COLUMNS.map((c) => ({
      header: c.zh,
      width: c.field === 'name' ? 24 : 16,
      list: c.field === 'community' ? '社区' : undefined,
      note: c.field === 'id' ? '填写小区编号，或填写社区和小区名称' : undefined,
    })),
    // 示例 (example): replace with a registered compound
    example: [null, first.name, '示例小区（请替换）', 500000, 120000, 3, '2026-09-30'],
    lists: { 社区: lists.社区! },
  });
}

function compoundSpec(
  first: { name: string; streetName: string },
  lists: Record<string, string[]>,
): TemplateSpec {
  return {
    sheet: COMPOUND_SHEET,
    columns: COMPOUND_COLUMNS.map((c) => ({
      header: c.zh,
      width: WIDTHS[c.field] ?? 12,
      list: LISTS[c.field],
      note: NOTES[c.field],
    })),
    // 示例 (example): an address-only compound, imported as one to be drawn
    example: [
      null,
      '示例小区（可删除）',
      first.streetName,
      first.name,
      120,
      3,
      1998,
      COVERAGE_MODE_ZH.none,
      null,
      null,
      null,
      null,
      '示例路 1 号',
    ],
    lists,
  };
}
