-- an event's latest stream position, max(seq) per event_id, is read for every event a list or a
-- resync returns: with (event_id, seq) it is one index probe instead of a scan of the event's
-- changes (GET /api/events?limit=1000 on PGlite with 3,100 events: 948 ms → 38 ms). The new index
-- also serves every lookup by event_id, so the old one goes.
CREATE INDEX event_changes_event_seq_idx ON event_changes (event_id, seq);
DROP INDEX event_changes_event_idx;
