import type { Config } from '../config.ts';
import { DEFAULT_COMMITTEE_OPTIONS, type CommitteeOptions } from './committee-rules.ts';

/** The committee rules' options with the configured ones applied. */
export function committeeOptions(config: Pick<Config, 'committees'>): CommitteeOptions {
  return {
    ...DEFAULT_COMMITTEE_OPTIONS,
    disclosureDueMonths: config.committees.disclosureDueMonths,
  };
}
