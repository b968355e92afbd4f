// Grievance events (三(十)): intake channels, categories, grades, handling levels and the workflow
// states, as they travel on the wire. The rules live in server/grievances/workflow.ts.

import type { ApiError } from './errors.ts';

/** Where an event came in. */
export const CHANNELS = [
  'libianmin', // 鲤便民 mini-program
  'liwangtong', // 鲤网通 app
  'hotline_12345', // 12345 hotline
  'grid_patrol', // a grid member's inspection
  'reception_day', // 群众接待日
  'owners_talk', // 业主恳谈会
  'open311', // a standard Open311 GeoReport v2 client (/open311/v2/)
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Event categories; their default grade lives in the event_categories table. */
export const CATEGORIES = [
  'property_service',
  'fee_dispute',
  'public_revenue',
  'maintenance_fund',
  'elevator_fault',
  'fire_safety',
  'flood_typhoon',
  'utilities',
  'sanitation',
  'parking',
  'illegal_construction',
  'neighbour_dispute',
  'owners_committee',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** L1 一般 … L4 特别重大; each grade starts at a handling level and has a deadline. */
export const GRADES = ['L1', 'L2', 'L3', 'L4'] as const;
export type Grade = (typeof GRADES)[number];

/** The ladder an event climbs when escalated: 小事不出小区，大事不出社区. */
export const LEVELS = ['grid', 'community', 'street', 'district'] as const;
export type Level = (typeof LEVELS)[number];

export const EVENT_STATES = [
  'reported', // 上报
  'accepted', // 受理
  'dispatched', // 派遣
  'in_progress', // 处置中
  'resolved', // 办结
  'closed', // 结案
  'returned', // 退回 (wrongly routed, waiting to be re-routed)
] as const;
export type EventState = (typeof EVENT_STATES)[number];

/** What a handler can do to an event; each maps to one transition (workflow.ts). */
export const EVENT_ACTIONS = [
  'accept',
  'dispatch',
  'start',
  'resolve',
  'close', // citizen satisfied
  'reopen', // citizen unsatisfied
  'return',
  'reroute',
  'escalate',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** POST /api/events body. A location is a point or a compound (its interior point is used). */
export type ReportEventInput = {
  channel: Channel;
  category: Category;
  description: string;
  location: { lng: number; lat: number } | { compoundId: number };
  reporter?: { name?: string; phone?: string };
  photos?: string[];
  idempotencyKey?: string;
};

/** The most events one POST /api/events:batch may carry. */
export const BATCH_MAX = 500;

/** POST /api/events:batch body: machine intake (the hotline, the platform) in one request. */
export type ReportBatchInput = { events: ReportEventInput[] };

/**
 * One item's outcome in a batch answer, in the order sent: 201 stored, 200 a repeat of an earlier
 * report (same idempotencyKey from the same caller), or the 4xx/5xx it would have had alone (its
 * field named inside the item: `location`, not `events.3.location`).
 */
export type ReportBatchItem =
  { status: 200 | 201; event: GrievanceEvent } | { status: number; error: ApiError['error'] };

export type ReportBatchResult = {
  created: number;
  repeated: number;
  failed: number;
  results: ReportBatchItem[];
};

/** An event as dashboards see it. Reporter fields are masked for roles that do not handle it. */
export type GrievanceEvent = {
  id: number;
  seq: number; // the stream position of this version
  channel: Channel;
  category: Category;
  grade: Grade;
  level: Level;
  state: EventState;
  description: string;
  reporter: { name: string | null; phone: string | null } | null;
  photos: string[];
  location: [number, number];
  gridCode: string;
  communityCode: string;
  streetCode: string;
  compoundId: number | null;
  outsideGrid: boolean;
  duplicateOf: number | null;
  assignee: string | null;
  deadline: string; // ISO timestamp
  overdue: boolean;
  reportedAt: string;
  updatedAt: string;
};

export type AuditEntry = {
  at: string;
  actor: string;
  /** our workflow's actions, plus the platform's decisions set_deadline and send_down */
  action: EventAction | 'report' | 'overdue' | 'set_deadline' | 'send_down';
  fromState: EventState | null;
  toState: EventState;
  fromLevel: Level | null;
  toLevel: Level;
  /** who the event was dispatched to by this step (dispatch only) */
  assignee: string | null;
  note: string | null;
};

/** When a photo was taken: on reporting, accepting, while working, or as proof on resolving. */
export const PHOTO_STAGES = ['report', 'accept', 'progress', 'resolve'] as const;
export type PhotoStage = (typeof PHOTO_STAGES)[number];
/** The types a photo may be (sniffed from its bytes, not taken from its name or header). */
export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];

/** A photo attached to an event (GET /api/events/{id}/photos); its bytes at `url`, with a login. */
export type EventPhoto = {
  id: number;
  eventId: number;
  stage: PhotoStage;
  contentType: PhotoType;
  bytes: number;
  uploadedBy: string;
  uploadedAt: string;
  url: string;
};
