import type { CompoundProfile } from './compound-profiles.ts';
import type { Random } from './seeded-random.ts';

// Word lists for illustrative compound names. Place words are old-town lanes and landmarks of
// Quanzhou; any match with a real compound's name is a coincidence of common words.
const OLD_TOWN_PLACES = (
  '中山 新华 涂门 聚宝 后城 西街 东街 南俊 温陵 象峰 笋江 通淮 义全 ' +
  '亭店 裴巷 孝感 旧馆 文胜 桂坛 花巷 承天 府文 甲第 北门 清军 临漳 ' +
  '五堡 八卦 打锡 南门 中营 镇抚 奎霞 新府 菜巷 县后'
).split(' ');
const WORK_UNITS = (
  '粮食局 电力公司 纺织厂 电机厂 糖烟酒公司 罐头厂 食品公司 水产公司 供销社 ' +
  '百货公司 卫生局 教育局 税务局 邮电局 运输公司 建筑公司 农机厂 化工厂 ' +
  '五金厂 工艺美术厂 印刷厂 饮食服务公司 气象站 公路分局 交通局 工商局 ' +
  '文化局 自来水公司 二轻局 外贸公司 医药公司 木材公司 煤建公司 粮油公司 ' +
  '物资局 人民银行 农业银行 工商银行 保险公司 广播电视局 糖厂 麻纺厂 针织厂 ' +
  '陶瓷厂 水泥厂 机械厂 汽车站 港务局 航运公司 粮站 第二医院 中医院 财政局 ' +
  '轻工局'
).split(' ');
const MODERN_WORDS = (
  '刺桐 江滨 金龙 紫云 清源 鲤城 泉秀 锦绣 阳光 翡翠 东方 滨江 御景 ' +
  '江南 宝珊 海丝 古榕 紫荆 凤凰 云谷 金色 碧水 名仕 书香 瑞景 嘉福 ' +
  '恒丰 丰盛 新城 星光 天湖 明珠 世纪 望江 观澜 锦江 丽景 泉山 华侨 ' +
  '美景 香榭 丽都 金桥 润泽 晋江 常泰 温陵 桐城'
).split(' ');
const OLD_SUFFIXES = '新村 小区 宿舍 公寓 大楼 住宅楼 楼 新村'.split(' ');
const MID_SUFFIXES = '大厦 花园 公寓 小区 新村 苑 广场 嘉园 大楼 花苑'.split(' ');
const MODERN_SUFFIXES = (
  '花园 华府 名城 府 家园 苑 雅居 世家 公馆 华庭 城 湾 山庄 天地 广场 ' + '一号 御园 新天地'
).split(' ');
const PHASES = '二期 三期 四期 五期 六期 七期 八期 九期'.split(' ');

/** Names one compound; `places` are local words (community names without 社区, lanes). */
export type CompoundNamer = (profile: CompoundProfile, places: readonly string[]) => string;

/**
 * Returns a namer that never repeats a name: old compounds read like 涂门新村 or 粮食局宿舍,
 * modern ones like 刺桐华府; once common words run out it falls back to phases (刺桐华府二期).
 *
 * @example
 * const name = createCompoundNamer(random);
 * name('old', ['金山']); // '金山新村'
 */
export function createCompoundNamer(random: Random): CompoundNamer {
  const used = new Set<string>();
  return (profile, places) => {
    const localPlaces = places.length > 0 ? places : OLD_TOWN_PLACES;
    const draw = (): string => {
      if (profile === 'old') {
        if (random.chance(0.3)) {
          const unit = random.pick(WORK_UNITS);
          return random.chance(0.4) ? `${random.pick(localPlaces)}${unit}宿舍` : `${unit}宿舍`;
        }
        const place = random.chance(0.6) ? random.pick(localPlaces) : random.pick(OLD_TOWN_PLACES);
        return `${place}${random.pick(OLD_SUFFIXES)}`;
      }
      if (profile === 'mid') {
        const place = random.chance(0.5) ? random.pick(localPlaces) : random.pick(MODERN_WORDS);
        return `${place}${random.pick(MID_SUFFIXES)}`;
      }
      const word = random.chance(0.25) ? random.pick(localPlaces) : random.pick(MODERN_WORDS);
      return `${word}${random.pick(MODERN_SUFFIXES)}`;
    };
    for (let attempt = 0; attempt < 40; attempt++) {
      const name = draw();
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
    for (let attempt = 0; ; attempt++) {
      const base = draw();
      const phase = attempt < 40 ? random.pick(PHASES) : `${attempt}区`;
      const name = `${base}${phase}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
}
