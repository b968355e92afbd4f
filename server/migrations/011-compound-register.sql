-- The compound register with write paths: a version for optimistic locking, retirement, and an
-- audit of every change (who, when, before → after, why). `compound_register` holds every compound
-- ever registered; the view `compounds` is the live register (not retired), so every read, the
-- map, coverage, bundling and the wall, leaves a retired compound out without saying so. Writes
-- through the view work as on the table (a simple view is updatable); foreign keys and indexes
-- stay on the table.

ALTER TABLE compounds RENAME TO compound_register;
ALTER TABLE compound_register
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  ADD COLUMN retired_on date,
  ADD COLUMN retire_reason text CHECK (length(retire_reason) <= 500),
  ADD CHECK ((retired_on IS NULL) = (retire_reason IS NULL));

CREATE VIEW compounds AS SELECT * FROM compound_register WHERE retired_on IS NULL;

-- a change of mode made directly on one compound (not through a bundle) says why
ALTER TABLE coverage_history ADD COLUMN reason text CHECK (length(reason) <= 500);

CREATE TABLE compound_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES compound_register (id),
  action text NOT NULL CHECK (action IN ('create', 'edit', 'mode', 'retire')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL,
  reason text
);
CREATE INDEX compound_audit_compound_idx ON compound_audit (compound_id, id);
