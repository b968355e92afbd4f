// UI strings in zh-CN (the default) and English. Keys are typed from the zh-CN dictionary, so a
// missing English string is a type error; test/client/i18n.test.ts checks the same at runtime.

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';

const ZH_CN = {
  'app.title': '鲤城区红色物业指挥平台',
  'app.subtitle': '泉州市鲤城区 · 物业党建联建',
  'app.dataSource': '数据：{engine} · PostGIS {postgis}',
  'app.loading': '正在加载图层…',
  'app.loadFailed': '数据加载失败：{message}',
  'locale.switchTo': 'English',
  'locale.switchLabel': '切换为英文界面',

  'layers.title': '图层',
  'layers.streets': '街道',
  'layers.communities': '社区',
  'layers.grids': '网格',
  'layers.compounds': '小区',
  'layers.stations': '党群服务站点',
  'layers.coverage': '街道物业覆盖率',
  'layers.fromZoom': '{zoom} 级起显示',

  'legend.compounds': '小区物业覆盖方式',
  'legend.stations': '党群服务阵地',
  'legend.count': '{count} 个',
  'legend.streetCoverage': '街道物业覆盖率色带',

  'coverageMode.professional': '专业化物业企业',
  'coverageMode.street_company': '街道社区物业公司',
  'coverageMode.self_managed': '居民自我管理',
  'coverageMode.none': '无物业',

  'stationKind.district_centre': '区党群服务中心',
  'stationKind.street_centre': '街道党群服务中心',
  'stationKind.community_station': '社区党群服务站',
  'stationKind.compound_station': '小区党群服务点',

  'committeeStatus.none': '未成立',
  'committeeStatus.preparing': '筹备中',
  'committeeStatus.elected': '已选举成立',
  'committeeStatus.temporary': '临时物业管理委员会',

  'compound.panelLabel': '小区详情',
  'compound.close': '关闭',
  'compound.loading': '正在加载小区详情…',
  'compound.location': '所属区域',
  'compound.street': '街道',
  'compound.community': '社区',
  'compound.grid': '网格',
  'compound.service': '物业服务',
  'compound.coverageMode': '覆盖方式',
  'compound.enterprise': '物业服务企业',
  'compound.creditCode': '统一社会信用代码',
  'compound.longTermManaged': '长效管理',
  'compound.facts': '基本情况',
  'compound.households': '户数',
  'compound.buildings': '楼栋',
  'compound.yearBuilt': '建成年份',
  'compound.area': '占地面积',
  'compound.committee': '业主委员会',
  'compound.committeeStatus': '状态',
  'compound.members': '委员人数',
  'compound.ownerMembers': '业主委员',
  'compound.partyMembers': '党员委员',
  'compound.partyRule': '党员比例要求',
  'compound.partyRuleMet': '符合（党员过半或不少于3名）',
  'compound.partyRuleNotMet': '不符合（党员过半或不少于3名）',
  'compound.term': '任期',
  'compound.noCommittee': '尚未成立业主委员会',
  'compound.nearestStation': '最近党群服务站点',
  'compound.noStation': '附近暂无站点',
  'compound.distance': '距离 {distance}',

  'common.yes': '是',
  'common.no': '否',
  'common.none': '无',
  'unit.households': '{count} 户',
  'unit.buildings': '{count} 栋',
  'unit.meters': '{value} 米',
  'unit.kilometers': '{value} 公里',
  'unit.squareMeters': '{value} 平方米',
  'unit.compounds': '{count} 个小区',

  'tooltip.households': '{count} 户',

  'coverage.title': '物业服务覆盖',
  'coverage.districtShare': '全区物业覆盖率',
  'coverage.compoundsTotal': '小区总数',
  'coverage.unmanaged': '无物业小区',
  'coverage.byMode': '按覆盖方式（小区数）',
  'coverage.progress': '无物业小区覆盖进度',
  'coverage.progressDetail': '基线 {date}：{total} 个无物业小区，已覆盖 {covered} 个',
  'coverage.seriesCovered': '已覆盖占比',
  'coverage.seriesTarget': '目标',
  'coverage.target': '{date} 目标 {share}',
  'coverage.targetMet': '已达成',
  'coverage.targetMissed': '未达成',
  'coverage.targetPending': '进行中',
  'coverage.loading': '正在加载覆盖统计…',
  'coverage.streetShare': '物业覆盖率 {share}',
  'coverage.streetCounts': '{compounds} 个小区，其中无物业 {unmanaged} 个',
} as const;

export type MessageKey = keyof typeof ZH_CN;
export type Messages = Record<MessageKey, string>;

const EN: Messages = {
  'app.title': 'Licheng Red Property Command Platform',
  'app.subtitle': 'Licheng District, Quanzhou · Party-building for property services',
  'app.dataSource': 'Data: {engine} · PostGIS {postgis}',
  'app.loading': 'Loading layers…',
  'app.loadFailed': 'Could not load data: {message}',
  'locale.switchTo': '中文',
  'locale.switchLabel': 'Switch to Chinese',

  'layers.title': 'Layers',
  'layers.streets': 'Streets',
  'layers.communities': 'Communities',
  'layers.grids': 'Grids',
  'layers.compounds': 'Compounds',
  'layers.stations': 'Party service stations',
  'layers.coverage': 'Street coverage share',
  'layers.fromZoom': 'from zoom {zoom}',

  'legend.compounds': 'Compound coverage mode',
  'legend.stations': 'Party service stations',
  'legend.count': '{count}',
  'legend.streetCoverage': 'Street coverage colour ramp',

  'coverageMode.professional': 'Professional enterprise',
  'coverageMode.street_company': 'Street/community company',
  'coverageMode.self_managed': 'Resident self-management',
  'coverageMode.none': 'Unmanaged',

  'stationKind.district_centre': 'District service centre',
  'stationKind.street_centre': 'Street service centre',
  'stationKind.community_station': 'Community station',
  'stationKind.compound_station': 'Compound service point',

  'committeeStatus.none': 'None',
  'committeeStatus.preparing': 'Being formed',
  'committeeStatus.elected': 'Elected',
  'committeeStatus.temporary': 'Temporary management committee',

  'compound.panelLabel': 'Compound details',
  'compound.close': 'Close',
  'compound.loading': 'Loading compound details…',
  'compound.location': 'Location',
  'compound.street': 'Street',
  'compound.community': 'Community',
  'compound.grid': 'Grid',
  'compound.service': 'Property service',
  'compound.coverageMode': 'Coverage mode',
  'compound.enterprise': 'Property enterprise',
  'compound.creditCode': 'Credit code',
  'compound.longTermManaged': 'Long-term managed',
  'compound.facts': 'Facts',
  'compound.households': 'Households',
  'compound.buildings': 'Buildings',
  'compound.yearBuilt': 'Year built',
  'compound.area': 'Area',
  'compound.committee': "Owners' committee",
  'compound.committeeStatus': 'Status',
  'compound.members': 'Members',
  'compound.ownerMembers': 'Owner members',
  'compound.partyMembers': 'Party members',
  'compound.partyRule': 'Party-member rule',
  'compound.partyRuleMet': 'Met (half or at least 3 are party members)',
  'compound.partyRuleNotMet': 'Not met (half or at least 3 party members)',
  'compound.term': 'Term',
  'compound.noCommittee': "No owners' committee yet",
  'compound.nearestStation': 'Nearest party service station',
  'compound.noStation': 'No station nearby',
  'compound.distance': '{distance} away',

  'common.yes': 'Yes',
  'common.no': 'No',
  'common.none': 'None',
  'unit.households': '{count} households',
  'unit.buildings': '{count} buildings',
  'unit.meters': '{value} m',
  'unit.kilometers': '{value} km',
  'unit.squareMeters': '{value} m²',
  'unit.compounds': '{count} compounds',

  'tooltip.households': '{count} households',

  'coverage.title': 'Property service coverage',
  'coverage.districtShare': 'District coverage',
  'coverage.compoundsTotal': 'Compounds',
  'coverage.unmanaged': 'Unmanaged',
  'coverage.byMode': 'By coverage mode (compounds)',
  'coverage.progress': 'Coverage of unmanaged compounds',
  'coverage.progressDetail': 'Baseline {date}: {total} unmanaged, {covered} now covered',
  'coverage.seriesCovered': 'Covered share',
  'coverage.seriesTarget': 'Target',
  'coverage.target': 'Target {date}: {share}',
  'coverage.targetMet': 'Met',
  'coverage.targetMissed': 'Missed',
  'coverage.targetPending': 'Pending',
  'coverage.loading': 'Loading coverage…',
  'coverage.streetShare': 'Coverage {share}',
  'coverage.streetCounts': '{compounds} compounds, {unmanaged} unmanaged',
};

/** The dictionaries, by locale. */
export const MESSAGES: Record<Locale, Messages> = { 'zh-CN': ZH_CN, en: EN };

export type MessageParams = Record<string, string | number>;
/** Looks a key up and fills `{name}` placeholders. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;

/**
 * Returns the translate function for a locale. Numbers in params are formatted for the locale.
 * @example createTranslator('en')('unit.households', { count: 1200 }) // "1,200 households"
 */
export function createTranslator(locale: Locale): Translate {
  const messages = MESSAGES[locale];
  const numbers = new Intl.NumberFormat(locale);
  return (key, params) => {
    const template = messages[key];
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (match, name: string) => {
      const value = params[name];
      if (value === undefined) return match;
      return typeof value === 'number' ? numbers.format(value) : value;
    });
  };
}

/** The other locale, for the toggle button. */
export function nextLocale(locale: Locale): Locale {
  return locale === 'zh-CN' ? 'en' : 'zh-CN';
}

/** Formats a 0..1 share as a whole percentage ("70%"), the same in both locales. */
export function formatShare(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

/** Formats a distance in metres for the locale: "320 米" / "1.2 km". */
export function formatDistance(t: Translate, metres: number): string {
  if (metres < 1000) return t('unit.meters', { value: String(Math.round(metres)) });
  return t('unit.kilometers', { value: (metres / 1000).toFixed(1) });
}
