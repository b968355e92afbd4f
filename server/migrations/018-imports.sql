-- Ledger imports (台账导入, issue 13): every applied import of a register file, with the file's
-- SHA-256 and what it changed, so it can be audited as one import and undone. `import_changes`
-- keeps each touched row's state before the import (null for a creation) and the version the
-- import left it at: an undo restores `before` only while the row is still at that version.

CREATE TABLE imports (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  register text NOT NULL CHECK (register IN ('compounds', 'stations', 'funds')),
  file_name text NOT NULL CHECK (length(file_name) <= 255),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  crs text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  created integer NOT NULL,
  updated integer NOT NULL,
  unchanged integer NOT NULL,
  to_draw integer NOT NULL,
  undone_at timestamptz,
  undone_by text
);

CREATE TABLE import_changes (
  import_id integer NOT NULL REFERENCES imports (id),
  row_number integer NOT NULL,
  target_id integer NOT NULL,
  action text NOT NULL CHECK (action IN ('create', 'update')),
  before jsonb,
  version_after integer NOT NULL,
  PRIMARY KEY (import_id, row_number)
);

-- a compound known only by an address or a point: imported to be drawn later (待勾绘), not yet in
-- the register (whose footprints are polygons); the point is the given one or the community's
-- interior point
CREATE TABLE compounds_to_draw (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  import_id integer NOT NULL REFERENCES imports (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  street_code text NOT NULL REFERENCES streets (code),
  community_code text NOT NULL REFERENCES communities (code),
  households integer NOT NULL CHECK (households > 0),
  buildings integer NOT NULL CHECK (buildings > 0),
  year_built integer NOT NULL CHECK (year_built BETWEEN 1900 AND 2100),
  coverage_mode text NOT NULL
    CHECK (coverage_mode IN ('professional', 'street_company', 'self_managed', 'none')),
  enterprise_id integer REFERENCES enterprises (id),
  address text CHECK (length(address) <= 200),
  located text NOT NULL CHECK (located IN ('point', 'address')),
  geom geometry(Point, 4326) NOT NULL
);
CREATE INDEX compounds_to_draw_community_idx ON compounds_to_draw (community_code);

-- an import's audit rows say so
ALTER TABLE compound_audit DROP CONSTRAINT IF EXISTS compound_audit_action_check;
ALTER TABLE compound_audit
  ADD CONSTRAINT compound_audit_action_check
  CHECK (action IN ('create', 'edit', 'mode', 'retire', 'import', 'undo'));
