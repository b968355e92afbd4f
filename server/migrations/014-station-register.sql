-- The register of party-mass service stations (党群服务站点) with write paths, as the compound
-- register (011): `station_register` holds every station ever registered, the view `stations` the
-- live ones; a version for optimistic locking and an audit of every change.

ALTER TABLE stations RENAME TO station_register;
ALTER TABLE station_register
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  ADD COLUMN retired_on date,
  ADD COLUMN retire_reason text CHECK (length(retire_reason) <= 500),
  ADD CHECK ((retired_on IS NULL) = (retire_reason IS NULL));

CREATE VIEW stations AS SELECT * FROM station_register WHERE retired_on IS NULL;

CREATE TABLE station_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  station_id integer NOT NULL REFERENCES station_register (id),
  action text NOT NULL CHECK (action IN ('create', 'edit', 'retire')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL,
  reason text
);
CREATE INDEX station_audit_station_idx ON station_audit (station_id, id);
