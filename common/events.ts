// Socket.IO event maps, shared by server and client. Requests that take an ack are named
// `domain:verb`; broadcasts `domain:past-tense` (STYLE.md).

/** Broadcasts from the server. */
export type ServerToClientEvents = {
  /** a compound's coverage mode changed (bundling and supervision will emit it) */
  'coverage:changed': (change: { compoundId: number; coverageMode: string }) => void;
};

/** Requests from a client. */
export type ClientToServerEvents = Record<never, never>;
