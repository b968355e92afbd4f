import type { Category, Channel, EventState, Grade, Level } from './grievances.ts';

// The contract with the district joint command platform (区联合指挥平台), version 1. Our server is
// the property domain's node: it POSTs every event and every change to the platform, once, in
// order per event, and takes the platform's decisions back as signed callbacks. The platform's side
// is described for its developers in docs/command-feed.md and docs/command-feed.schema.json.
//
// Transport, both directions: HTTP POST, JSON body, and the headers
//   Idempotency-Key: the message id (outbound) or callback id (inbound): process each once
//   X-Licheng-Timestamp: Unix seconds when the request was signed
//   X-Licheng-Signature: sha256=<hex HMAC-SHA256 over `${timestamp}.${body}` with the shared secret>
// A receiver refuses a timestamp more than FEED_SIGNATURE_WINDOW_S from its clock, a bad signature,
// and an id it has already processed (a replay).

export const FEED_CONTRACT_VERSION = 1;
export const FEED_SIGNATURE_WINDOW_S = 300;
/** the furthest a platform's set_deadline may move a deadline, in days from now */
export const FEED_DEADLINE_MAX_DAYS = 30;
export const FEED_HEADERS = {
  idempotencyKey: 'idempotency-key',
  timestamp: 'x-licheng-timestamp',
  signature: 'x-licheng-signature',
} as const;

/** An event as the platform receives it: codes for places, personal data only if allowed. */
export type FeedEvent = {
  id: number;
  channel: Channel;
  category: Category;
  grade: Grade;
  level: Level;
  state: EventState;
  description: string;
  /** [lng, lat] WGS84 */
  location: [number, number];
  gridCode: string;
  communityCode: string;
  streetCode: string;
  compoundId: number | null;
  assignee: string | null;
  deadline: string;
  overdue: boolean;
  reportedAt: string;
  updatedAt: string;
  /** only when the contract allows personal data (COMMAND_FEED_PERSONAL_DATA) */
  reporter?: { name: string | null; phone: string | null };
};

/** One step of our workflow, as recorded in the event's audit trail. */
export type FeedChange = {
  action: string;
  actor: string;
  fromState: EventState | null;
  toState: EventState;
  fromLevel: Level | null;
  toLevel: Level;
  note: string | null;
  at: string;
};

export type PropertySnapshot = {
  date: string;
  compounds: {
    id: number;
    name: string;
    streetCode: string;
    communityCode: string;
    gridCode: string;
    households: number;
    coverageMode: string;
    enterprise: { id: number; name: string; creditCode: string } | null;
    /** [lng, lat] of a point inside the compound */
    point: [number, number];
  }[];
  stations: { id: number; name: string; kind: string; point: [number, number] }[];
  cameras: {
    id: number;
    compoundId: number;
    name: string;
    platformCameraId: string;
    streamUrl: string;
    point: [number, number];
  }[];
  coverageByStreet: { streetCode: string; compounds: number; covered: number; share: number }[];
};

/**
 * What we send. `event.reported` for a new event; `event.changed` for every later step;
 * `event.takeover` when a step brings the event to the district level (L4: the platform takes
 * over); `property.snapshot` once a day. `sequence` orders one event's messages (1, 2, …).
 */
export type FeedMessage = {
  contract: typeof FEED_CONTRACT_VERSION;
  id: string;
  createdAt: string;
} & (
  | { kind: 'event.reported'; sequence: number; event: FeedEvent }
  | {
      kind: 'event.changed' | 'event.takeover';
      sequence: number;
      event: FeedEvent;
      change: FeedChange;
    }
  | { kind: 'property.snapshot'; snapshot: PropertySnapshot }
);
export type FeedMessageKind = FeedMessage['kind'];

/**
 * What the platform sends back (POST /api/command-feed/callbacks), each mapped onto our workflow
 * with an audit record (actor `platform`) and a live broadcast. The platform decides only on events
 * it has taken over (at the district level, after `event.takeover`); any other is refused (409).
 * - accept: the platform accepts the event (reported → accepted at its level);
 * - reassign: hands it to a department (dispatched, assignee = department);
 * - set_deadline: a new deadline (ISO timestamp with zone, in the future, at most
 *   FEED_DEADLINE_MAX_DAYS ahead);
 * - resolve: resolved by the platform's handlers (from dispatched or in progress);
 * - close: closed after the citizen's feedback (from resolved);
 * - send_down: back down to the community to handle (level community, state reported).
 */
export type FeedCallback = {
  contract: typeof FEED_CONTRACT_VERSION;
  /** unique per callback: a second one with the same id is a replay */
  id: string;
  eventId: number;
  note?: string;
} & (
  | { type: 'accept' | 'resolve' | 'close' | 'send_down' }
  | { type: 'reassign'; department: string }
  | { type: 'set_deadline'; deadline: string }
);

/** GET /api/command-feed/status: the operator's view of the queue. */
export type FeedStatus = {
  /** the platform URL is configured and this server's worker is delivering */
  enabled: boolean;
  deliveredLastHour: number;
  pending: number;
  /** seconds since the oldest pending message was written, or null when none is pending */
  oldestPendingAgeS: number | null;
  dead: number;
  /** the latest dead letters, newest first, at most 50 */
  deadLetters: FeedDeadLetter[];
  asOf: string;
};

export type FeedDeadLetter = {
  id: number;
  messageId: string;
  kind: FeedMessageKind;
  eventId: number | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  lastAttemptAt: string | null;
};
