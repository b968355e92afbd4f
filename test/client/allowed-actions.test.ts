import { describe, expect, it } from 'vitest';
import type { SessionUser } from '../../common/auth.ts';
import { EVENT_ACTIONS, EVENT_STATES, LEVELS } from '../../common/grievances.ts';
import {
  allowedActions,
  canActOn,
  handlerLevelOf,
  isOpenState,
} from '../../client/features/grievances/allowed-actions.ts';
import { TRANSITIONS, applyAction } from '../../server/grievances/workflow.ts';
import { grievance } from './grievance-fixture.ts';

type User = Pick<SessionUser, 'role' | 'scope'>;
const NO_UNITS = { streets: [], communities: [], grids: [] };
const gridManager: User = {
  role: 'grid_manager',
  scope: { district: false, ...NO_UNITS, grids: ['350502004001001'] },
};
const communityAdmin: User = {
  role: 'community_admin',
  scope: { district: false, ...NO_UNITS, communities: ['350502004001'] },
};
const streetAdmin: User = {
  role: 'street_admin',
  scope: { district: false, ...NO_UNITS, streets: ['350502004000'] },
};
const districtAdmin: User = { role: 'district_admin', scope: { district: true, ...NO_UNITS } };
const operator: User = { role: 'operator', scope: { district: true, ...NO_UNITS } };

describe('allowedActions', () => {
  it('offers the legal actions of each state, the usual next step first', () => {
    expect(Object.fromEntries(EVENT_STATES.map((s) => [s, allowedActions(s)]))).toEqual({
      reported: ['accept', 'return', 'escalate'],
      accepted: ['dispatch', 'return', 'escalate'],
      dispatched: ['start', 'dispatch', 'escalate'],
      in_progress: ['resolve', 'escalate'],
      resolved: ['close', 'reopen'],
      closed: [],
      returned: ['reroute'],
    });
  });

  it('offers no escalation at the district level, the top of the ladder', () => {
    expect(allowedActions('reported', 'district')).toEqual(['accept', 'return']);
    expect(allowedActions('in_progress', 'street')).toEqual(['resolve', 'escalate']);
  });

  it("agrees with the server's workflow for every state, action and level", () => {
    for (const state of EVENT_STATES) {
      for (const level of LEVELS) {
        const legal = EVENT_ACTIONS.filter((a) => applyAction(state, level, a).ok);
        expect([...allowedActions(state, level)].sort(), `${state} at ${level}`).toEqual(
          [...legal].sort(),
        );
      }
    }
    expect(Object.keys(TRANSITIONS).sort()).toEqual([...EVENT_ACTIONS].sort());
  });

  it('returns a fresh array each time', () => {
    const actions = allowedActions('reported');
    actions.pop();
    expect(allowedActions('reported')).toEqual(['accept', 'return', 'escalate']);
  });
});

describe('canActOn', () => {
  const gridEvent = grievance(1);
  const communityEvent = grievance(2, { level: 'community' });
  const elsewhere = grievance(3, {
    gridCode: '350502001001001',
    communityCode: '350502001001',
    streetCode: '350502001000',
  });

  it('lets a grid manager act on grid-level events of their grid only', () => {
    expect(canActOn(gridManager, gridEvent)).toBe(true);
    expect(canActOn(gridManager, communityEvent), 'escalated to the community').toBe(false);
    expect(canActOn(gridManager, elsewhere), 'another street').toBe(false);
  });

  it('lets admins act at and below their level within their unit', () => {
    expect(canActOn(communityAdmin, communityEvent)).toBe(true);
    expect(canActOn(communityAdmin, grievance(4, { level: 'street' }))).toBe(false);
    expect(canActOn(streetAdmin, grievance(5, { level: 'street' }))).toBe(true);
    expect(canActOn(streetAdmin, elsewhere)).toBe(false);
    expect(canActOn(districtAdmin, { ...elsewhere, level: 'district' })).toBe(true);
  });

  it('never lets read-only roles act', () => {
    expect(canActOn(operator, gridEvent)).toBe(false);
    expect(canActOn({ ...operator, role: 'planner' }, gridEvent)).toBe(false);
    expect(handlerLevelOf('operator')).toBeNull();
    expect(handlerLevelOf('planner')).toBeNull();
    expect(handlerLevelOf('community_admin')).toBe('community');
  });
});

describe('isOpenState', () => {
  it('stops the clock once an event is resolved', () => {
    expect(EVENT_STATES.filter(isOpenState)).toEqual([
      'reported',
      'accepted',
      'dispatched',
      'in_progress',
      'returned',
    ]);
  });
});
