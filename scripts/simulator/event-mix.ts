import type { Category, Channel } from '../../common/grievances.ts';
import type { Random } from '../geodata/seeded-random.ts';

// What a realistic day of grievances looks like: more by day than by night, old-town compounds
// complain about upkeep and neighbours, modern estates about parking, fees and lifts, and a
// typhoon day floods the queue with flood and elevator reports.

export const OLD_TOWN_STREETS = ['开元街道', '鲤中街道', '海滨街道', '临江街道', '浮桥街道'];

type Weights<K extends string> = Partial<Record<K, number>>;

const OLD_TOWN_MIX: Weights<Category> = {
  property_service: 14,
  sanitation: 18,
  neighbour_dispute: 12,
  maintenance_fund: 8,
  utilities: 10,
  illegal_construction: 8,
  fire_safety: 4,
  parking: 6,
  owners_committee: 4,
  fee_dispute: 4,
  public_revenue: 2,
  elevator_fault: 1,
  flood_typhoon: 2,
  other: 7,
};
const MODERN_MIX: Weights<Category> = {
  property_service: 16,
  parking: 16,
  fee_dispute: 12,
  elevator_fault: 10,
  public_revenue: 6,
  owners_committee: 8,
  maintenance_fund: 5,
  sanitation: 8,
  utilities: 6,
  neighbour_dispute: 6,
  fire_safety: 3,
  flood_typhoon: 1,
  other: 3,
};
const TYPHOON_MIX: Weights<Category> = {
  flood_typhoon: 60,
  elevator_fault: 15,
  utilities: 15,
  fire_safety: 3,
  other: 7,
};

const CHANNEL_MIX: Weights<Channel> = {
  libianmin: 38,
  liwangtong: 14,
  hotline_12345: 26,
  grid_patrol: 16,
  reception_day: 3,
  owners_talk: 3,
};

/** Relative intake by hour of day (China time): quiet at night, peaks mid-morning and evening. */
export const HOURLY_RHYTHM = [
  0.15, 0.1, 0.08, 0.08, 0.1, 0.2, 0.45, 0.8, 1.2, 1.5, 1.5, 1.3, 1.0, 1.0, 1.2, 1.3, 1.3, 1.2, 1.1,
  1.3, 1.2, 0.9, 0.5, 0.3,
];

const DESCRIPTIONS: Partial<Record<Category, string[]>> = {
  property_service: ['物业人员长期不在岗，报修无人响应', '小区绿化无人修剪，杂草丛生'],
  fee_dispute: ['物业费收费标准与合同不符', '催缴物业费方式不当，张贴欠费名单'],
  public_revenue: ['电梯广告收益未公示', '公共停车位收益去向不明'],
  maintenance_fund: ['专项维修资金使用未经业主表决', '楼顶漏水申请使用维修资金进度慢'],
  elevator_fault: ['电梯困人，请尽快处理', '电梯运行异响，存在安全隐患'],
  fire_safety: ['消防通道被车辆长期占用', '楼道灭火器过期，消防栓无水'],
  flood_typhoon: ['地下车库进水，排水泵未启动', '阳台花盆未固定，台风天有坠落风险'],
  utilities: ['小区停水未提前通知', '单元楼道照明损坏多日'],
  sanitation: ['楼道垃圾堆放多日未清理', '化粪池满溢，气味难闻'],
  parking: ['小区内乱停车堵塞通道', '电动车在楼道内充电'],
  illegal_construction: ['顶楼住户违章搭建彩钢房', '一楼住户私自圈占公共绿地'],
  neighbour_dispute: ['楼上漏水至楼下，协商未果', '夜间噪音扰民'],
  owners_committee: ['业委会换届迟迟未启动', '业委会账目未按季度公布'],
  other: ['咨询物业服务相关政策', '建议增设小区休闲座椅'],
};

export type SimulatedReport = {
  channel: Channel;
  category: Category;
  description: string;
};

/** One report for a compound in the given street, at the given hour, typhoon day or not. */
export function drawReport(random: Random, streetName: string, typhoon: boolean): SimulatedReport {
  const mix =
    typhoon && random.chance(0.7)
      ? TYPHOON_MIX
      : OLD_TOWN_STREETS.includes(streetName)
        ? OLD_TOWN_MIX
        : MODERN_MIX;
  const category = drawWeighted(random, mix);
  const channel = drawWeighted(random, CHANNEL_MIX);
  const description = random.pick(DESCRIPTIONS[category] ?? DESCRIPTIONS.other!);
  return { channel, category, description };
}

/** A key of weights, drawn in proportion to its weight. */
export function drawWeighted<K extends string>(random: Random, weights: Weights<K>): K {
  const entries = Object.entries(weights) as [K, number][];
  const total = entries.reduce((s, [, w]) => s + w, 0);
  let r = random.next() * total;
  for (const [key, w] of entries) {
    r -= w;
    if (r < 0) return key;
  }
  return entries.at(-1)![0];
}
