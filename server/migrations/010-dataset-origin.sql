-- Whether this database holds demonstration data (the synthetic geodata/ seed, demo users, the
-- invented event history). Set when a seed runs; the UI shows a badge, every API answer says so in
-- its X-Data-Origin header, and the command feed never sends it to a real platform.
CREATE TABLE dataset_origin (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  demonstration boolean NOT NULL,
  changed_at timestamptz NOT NULL DEFAULT now()
);
-- a database from before this migration was seeded from geodata/ if it has compounds
INSERT INTO dataset_origin (demonstration) SELECT EXISTS (SELECT 1 FROM compounds);
