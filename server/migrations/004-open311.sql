-- Open311 GeoReport v2 (server/open311/): requests from standard civic-issue clients come in
-- through their own channel, so per-channel figures stay true.
ALTER TABLE events DROP CONSTRAINT events_channel_check;
ALTER TABLE events ADD CONSTRAINT events_channel_check
  CHECK (channel IN ('libianmin', 'liwangtong', 'hotline_12345', 'grid_patrol', 'reception_day',
                     'owners_talk', 'open311'));

-- GET requests lists the most recent 90 days, newest first
CREATE INDEX events_reported_at_idx ON events (reported_at DESC, id DESC);
