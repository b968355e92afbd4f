import type { CoverageMode } from '../../common/domain.ts';
import type { OwnersCommittee, SeedCommitteeState } from '../../common/geodata.ts';
import { addDays, addYears, randomDate } from './iso-dates.ts';
import type { Random } from './seeded-random.ts';

type StatusWeights = Record<SeedCommitteeState, number>;

const DEFAULT_OPTIONS = {
  /** chance that a compound has a committee record at all, by coverage mode */
  recorded: { professional: 0.92, street_company: 0.8, self_managed: 0.8, none: 0.06 } as Record<
    CoverageMode,
    number
  >,
  /** status shares among recorded compounds, by coverage mode */
  statuses: {
    professional: { elected: 0.62, temporary: 0.1, preparing: 0.12, none: 0.16 },
    street_company: { elected: 0.3, temporary: 0.35, preparing: 0.2, none: 0.15 },
    self_managed: { elected: 0.45, temporary: 0.2, preparing: 0.2, none: 0.15 },
    none: { elected: 0, temporary: 0.5, preparing: 0.5, none: 0 },
  } as Record<CoverageMode, StatusWeights>,
  electedBreachRate: 0.1, // elected committees short of party members
  temporaryBreachRate: 0.15, // temporary committees too small, even-sized or short of owners
  electedTermYears: 5, // 业委会 terms run up to five years
  temporaryTermYears: 1, // a temporary committee bridges about a year
};

/**
 * Generates owners' committee (业委会) records for compounds: most managed compounds have one,
 * a few unmanaged ones have a temporary committee or one in preparation. Member counts follow the
 * plan's rules except for a deliberate share that breaks them, so the checks have something to find.
 *
 * @example
 * generateOwnersCommittees([{id: 1, coverageMode: 'professional'}], random);
 */
export function generateOwnersCommittees(
  compounds: readonly { id: number; coverageMode: CoverageMode }[],
  random: Random,
  options: Partial<typeof DEFAULT_OPTIONS> = {},
): OwnersCommittee[] {
  const o = { ...DEFAULT_OPTIONS, ...options };
  const committees: OwnersCommittee[] = [];
  for (const compound of compounds) {
    if (!random.chance(o.recorded[compound.coverageMode])) continue;
    const status = pickStatus(o.statuses[compound.coverageMode], random);
    if (status === 'elected') {
      const members = random.pick([5, 5, 5, 7, 7, 7, 9, 9, 11]);
      const partyMembers = random.chance(o.electedBreachRate)
        ? random.int(0, 2)
        : random.int(3, Math.min(members, 6));
      const termStart = randomDate('2019-01-01', '2024-11-30', random);
      committees.push({
        compoundId: compound.id,
        status,
        members,
        ownerMembers: members,
        partyMembers,
        termStart,
        termEnd: addDays(addYears(termStart, o.electedTermYears), -1),
      });
    } else if (status === 'temporary') {
      const breach = random.chance(o.temporaryBreachRate);
      const members = breach ? random.pick([3, 4, 6, 7]) : random.pick([5, 5, 7, 7, 9]);
      // others on the committee come from the street office, the residents' committee, the developer
      const ownerMembers =
        breach && members === 7 ? 3 : Math.max(Math.ceil(members / 2), members - random.int(2, 3));
      const termStart = randomDate('2023-06-01', '2024-11-30', random);
      committees.push({
        compoundId: compound.id,
        status,
        members,
        ownerMembers,
        partyMembers: random.int(1, Math.min(members - 1, 4)),
        termStart,
        termEnd: addDays(addYears(termStart, o.temporaryTermYears), -1),
      });
    } else {
      committees.push({
        compoundId: compound.id,
        status,
        members: 0,
        ownerMembers: 0,
        partyMembers: 0,
        termStart: null,
        termEnd: null,
      });
    }
  }
  return committees;
}

function pickStatus(weights: StatusWeights, random: Random): SeedCommitteeState {
  const entries = Object.entries(weights) as [SeedCommitteeState, number][];
  let target = random.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [status, w] of entries) {
    target -= w;
    if (target < 0) return status;
  }
  return 'none';
}
