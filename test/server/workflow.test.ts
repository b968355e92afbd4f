import { describe, expect, it } from 'vitest';
import {
  applyAction,
  applyPlatformDecisionRule,
  missingActionInput,
  nextLevel,
} from '../../server/grievances/workflow.ts';

describe('applyAction', () => {
  it('moves a legal action to its state and keeps the level', () => {
    expect(applyAction('accepted', 'grid', 'dispatch')).toEqual({
      ok: true,
      to: 'dispatched',
      level: 'grid',
    });
  });

  it('escalates to the next level up, waiting to be accepted there', () => {
    expect(applyAction('in_progress', 'community', 'escalate')).toEqual({
      ok: true,
      to: 'reported',
      level: 'street',
    });
    expect(applyAction('reported', 'district', 'escalate')).toEqual({
      ok: false,
      reason: 'Already at the district level; nothing above it',
    });
  });

  it('refuses an action from a state it does not start from, naming the allowed ones', () => {
    expect(applyAction('closed', 'grid', 'resolve')).toEqual({
      ok: false,
      reason: 'Action resolve is not allowed in state closed (allowed from: in_progress)',
    });
  });

  it('climbs the ladder one level at a time', () => {
    expect([nextLevel('grid'), nextLevel('street'), nextLevel('district')]).toEqual([
      'community',
      'district',
      null,
    ]);
  });
});

describe('missingActionInput', () => {
  it('asks a dispatch for its assignee', () => {
    expect(missingActionInput('dispatch', {})).toEqual({
      field: 'assignee',
      message: 'assignee: required to dispatch (a grid member, enterprise or department)',
    });
    expect(missingActionInput('dispatch', { assignee: '' })).toEqual({
      field: 'assignee',
      message: 'assignee: required to dispatch (a grid member, enterprise or department)',
    });
    expect(missingActionInput('dispatch', { assignee: '网格员 王五' })).toBeNull();
  });

  it('asks a reroute for the grid the event belongs to', () => {
    expect(missingActionInput('reroute', { assignee: '网格员 王五' })).toEqual({
      field: 'gridCode',
      message: 'gridCode: required to reroute (the grid the event belongs to)',
    });
    expect(missingActionInput('reroute', { gridCode: '350502004001001' })).toBeNull();
  });

  it('asks nothing of the other actions', () => {
    expect(
      (['accept', 'start', 'resolve', 'close', 'reopen', 'return', 'escalate'] as const).map((a) =>
        missingActionInput(a, {}),
      ),
    ).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('applyPlatformDecisionRule', () => {
  it('sets a deadline keeping state and level, on any event not closed', () => {
    expect(applyPlatformDecisionRule('dispatched', 'district', 'set_deadline')).toEqual({
      ok: true,
      to: 'dispatched',
      level: 'district',
    });
    expect(applyPlatformDecisionRule('resolved', 'street', 'set_deadline')).toEqual({
      ok: true,
      to: 'resolved',
      level: 'street',
    });
  });

  it('sends an open district-level event down to the community, reported again', () => {
    expect(applyPlatformDecisionRule('in_progress', 'district', 'send_down')).toEqual({
      ok: true,
      to: 'reported',
      level: 'community',
    });
  });

  it('refuses to send down an event below the district or already resolved', () => {
    expect(applyPlatformDecisionRule('accepted', 'street', 'send_down')).toEqual({
      ok: false,
      reason:
        'only an open event at the district level can be sent down (this one: accepted at street)',
    });
    expect(applyPlatformDecisionRule('resolved', 'district', 'send_down')).toEqual({
      ok: false,
      reason:
        'only an open event at the district level can be sent down (this one: resolved at district)',
    });
  });

  it('decides nothing on a closed event', () => {
    expect(applyPlatformDecisionRule('closed', 'district', 'set_deadline')).toEqual({
      ok: false,
      reason: 'it is closed',
    });
    expect(applyPlatformDecisionRule('closed', 'district', 'send_down')).toEqual({
      ok: false,
      reason: 'it is closed',
    });
  });
});
