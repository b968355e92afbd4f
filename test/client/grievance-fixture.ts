import type { GrievanceEvent } from '../../common/grievances.ts';

/** A grid-level event in 开元街道 梅山社区第1网格, reported at noon UTC with a 24 h deadline. */
export function grievance(id: number, overrides: Partial<GrievanceEvent> = {}): GrievanceEvent {
  return {
    id,
    seq: id,
    channel: 'libianmin',
    category: 'sanitation',
    grade: 'L1',
    level: 'grid',
    state: 'reported',
    description: `事件${id}`,
    reporter: null,
    photos: [],
    location: [118.58 + id / 1000, 24.91],
    gridCode: '350502004001001',
    communityCode: '350502004001',
    streetCode: '350502004000',
    compoundId: null,
    outsideGrid: false,
    duplicateOf: null,
    assignee: null,
    deadline: '2026-03-02T12:00:00.000Z',
    overdue: false,
    reportedAt: '2026-03-01T12:00:00.000Z',
    updatedAt: '2026-03-01T12:00:00.000Z',
    ...overrides,
  };
}

/** 2026-03-01T18:00Z: six hours after the fixture events were reported. */
export const SIX_HOURS_IN = Date.parse('2026-03-01T18:00:00.000Z');
