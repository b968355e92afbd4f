-- Grid managers in the field (issue 16): workflow actions sent with an Idempotency-Key (a phone's
-- offline queue retries them) and photo evidence attached to events.

-- one row per (caller, key): the action it applied and the answer it got, so the same key again
-- answers the same and applies nothing; a key is the caller's own, like events.idempotency_key
CREATE TABLE event_action_keys (
  actor text NOT NULL,
  idempotency_key text NOT NULL CHECK (char_length(idempotency_key) BETWEEN 1 AND 128),
  event_id bigint NOT NULL REFERENCES events (id),
  action text NOT NULL,
  request_hash text NOT NULL, -- sha256 of the request body: the key again with another body is refused
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor, idempotency_key)
);

-- photos are files in the photo store (DATA_DIR/photos by default); the row says whose and what
CREATE TABLE event_photos (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  event_id bigint NOT NULL REFERENCES events (id),
  stage text NOT NULL CHECK (stage IN ('report', 'accept', 'resolve', 'progress')),
  content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp')),
  bytes integer NOT NULL CHECK (bytes > 0),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text NOT NULL UNIQUE,
  uploaded_by text NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_photos_event_idx ON event_photos (event_id, id);
