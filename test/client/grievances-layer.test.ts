import { describe, expect, it } from 'vitest';
import type { GrievanceEvent } from '../../common/grievances.ts';
import {
  GRIEVANCES_LAYER_ID,
  MAX_PULSING_EVENTS,
  createGrievancesLayer,
  toPulseMarkers,
} from '../../client/features/grievances/grievances-layer.ts';
import { evaluateAccessor } from './evaluate-accessor.ts';
import { SIX_HOURS_IN, grievance } from './grievance-fixture.ts';

const BY_GRADE = [
  grievance(1, { grade: 'L1' }),
  grievance(2, { grade: 'L2', level: 'community' }),
  grievance(3, { grade: 'L3', level: 'street' }),
  grievance(4, { grade: 'L4', level: 'district' }),
];

describe('createGrievancesLayer', () => {
  it('creates the pickable "grievances" layer over every event, sized in pixels', () => {
    const layer = createGrievancesLayer(BY_GRADE, { selectedIds: new Set(), focusedId: null });
    expect(layer.id).toBe(GRIEVANCES_LAYER_ID);
    expect(layer.id).toBe('grievances');
    expect((layer.props.data as GrievanceEvent[]).map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(layer.props.pickable).toBe(true);
    expect(layer.props.radiusUnits).toBe('pixels');
    expect(layer.props.lineWidthUnits).toBe('pixels');
    expect(evaluateAccessor(layer.props.getPosition, grievance(7))).toEqual([118.587, 24.91]);
  });

  it('colours and sizes markers by grade: blue, yellow, orange, red', () => {
    const layer = createGrievancesLayer(BY_GRADE, { selectedIds: new Set(), focusedId: null });
    const fill = (e: GrievanceEvent) => evaluateAccessor(layer.props.getFillColor, e);
    const radius = (e: GrievanceEvent) => evaluateAccessor(layer.props.getRadius, e);
    expect(BY_GRADE.map(fill)).toEqual([
      [56, 152, 236, 235],
      [250, 204, 21, 235],
      [251, 133, 36, 235],
      [239, 45, 56, 235],
    ]);
    expect(BY_GRADE.map(radius)).toEqual([7, 8, 9, 10]);
  });

  it('dims resolved and closed events, not returned ones', () => {
    const layer = createGrievancesLayer([], { selectedIds: new Set(), focusedId: null });
    const fill = (e: GrievanceEvent) => evaluateAccessor(layer.props.getFillColor, e);
    expect(fill(grievance(1, { state: 'resolved' }))).toEqual([56, 152, 236, 110]);
    expect(fill(grievance(1, { state: 'closed' }))).toEqual([56, 152, 236, 110]);
    expect(fill(grievance(1, { state: 'returned' }))).toEqual([56, 152, 236, 235]);
  });

  it('rings selected events in gold and the focused one in white, enlarged', () => {
    const layer = createGrievancesLayer(BY_GRADE, { selectedIds: new Set([2, 3]), focusedId: 3 });
    const line = (e: GrievanceEvent) => evaluateAccessor(layer.props.getLineColor, e);
    const width = (e: GrievanceEvent) => evaluateAccessor(layer.props.getLineWidth, e);
    const radius = (e: GrievanceEvent) => evaluateAccessor(layer.props.getRadius, e);
    expect(BY_GRADE.map(line)).toEqual([
      [8, 16, 30, 255],
      [250, 204, 21, 255],
      [255, 255, 255, 255],
      [8, 16, 30, 255],
    ]);
    expect(BY_GRADE.map(width)).toEqual([1.5, 3, 3, 1.5]);
    expect(BY_GRADE.map(radius)).toEqual([7, 8, 13, 10]);
  });

  it('names the selection and focus as update triggers, so accessors rerun when they change', () => {
    const selectedIds = new Set([2]);
    const layer = createGrievancesLayer(BY_GRADE, { selectedIds, focusedId: 4 });
    expect(layer.props.updateTriggers).toEqual({
      getRadius: [4],
      getLineColor: [4, selectedIds],
      getLineWidth: [4, selectedIds],
    });
  });

  it('draws nothing for an empty area', () => {
    const layer = createGrievancesLayer([], { selectedIds: new Set(), focusedId: null });
    expect(layer.props.data).toEqual([]);
  });
});

describe('toPulseMarkers', () => {
  it('pulses new events in their grade colour and overdue ones in red, in the given order', () => {
    const events = [
      grievance(1, { state: 'reported' }), // new
      grievance(2, { state: 'accepted' }), // calm
      grievance(3, { state: 'dispatched', grade: 'L3', overdue: true }), // flagged overdue
      grievance(4, { state: 'in_progress', deadline: '2026-03-01T17:59:59.000Z' }), // just past
      grievance(5, { state: 'resolved', overdue: true }), // finished: no clock
      grievance(6, { state: 'reported', grade: 'L4', level: 'district' }),
    ];
    expect(toPulseMarkers(events, SIX_HOURS_IN)).toEqual([
      { key: 1, position: [118.581, 24.91], color: 'rgb(56, 152, 236)' },
      { key: 3, position: [118.583, 24.91], color: 'rgb(255, 64, 64)' },
      { key: 4, position: [118.584, 24.91], color: 'rgb(255, 64, 64)' },
      { key: 6, position: [118.586, 24.91], color: 'rgb(239, 45, 56)' },
    ]);
  });

  it('counts the deadline itself as overdue', () => {
    const atDeadline = Date.parse('2026-03-02T12:00:00.000Z');
    const event = grievance(1, { state: 'accepted' });
    expect(toPulseMarkers([event], atDeadline - 1)).toEqual([]);
    expect(toPulseMarkers([event], atDeadline).map((m) => m.color)).toEqual(['rgb(255, 64, 64)']);
  });

  it('keeps the first MAX_PULSING_EVENTS (the soonest deadlines) of a long queue', () => {
    const many = Array.from({ length: MAX_PULSING_EVENTS + 5 }, (_, i) => grievance(i + 1));
    const markers = toPulseMarkers(many, SIX_HOURS_IN);
    expect(markers.length).toBe(200);
    expect(markers.at(-1)?.key).toBe(200);
  });

  it('returns nothing for no events', () => {
    expect(toPulseMarkers([], SIX_HOURS_IN)).toEqual([]);
  });
});
