import type { RefusalCheck } from '../../../common/errors.ts';
import type { Translate } from '../../lib/i18n.ts';

const FOOTPRINT_RULES = [
  'footprint_invalid',
  'footprint_area',
  'footprint_outside_district',
  'footprint_outside_community',
  'footprint_overlap',
] as const;
type FootprintRule = (typeof FOOTPRINT_RULES)[number];

/**
 * A footprint refusal (server/compounds/compound-rules.ts footprintRefusal) worded in the active
 * locale, or null for a rule it does not know.
 * @example footprintWords(t)({rule: 'footprint_overlap', figures: {id: 7, name: '示例小区', m2: 40, max: 5}}) // '与小区 7（示例小区）重叠 40 平方米，最多 5 平方米'
 */
export function footprintWords(t: Translate) {
  return (check: RefusalCheck): string | null => {
    if (!(FOOTPRINT_RULES as readonly string[]).includes(check.rule)) return null;
    const params = Object.fromEntries(
      Object.entries(check.figures).map(([k, v]) => [k, typeof v === 'boolean' ? String(v) : v]),
    );
    return t(`footprint.${check.rule as FootprintRule}`, params);
  };
}
