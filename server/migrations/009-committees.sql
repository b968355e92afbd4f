-- Owners' committees as the plan supervises them (三(一), 三(三)): a lifecycle with approval, named
-- members, a version for optimistic locking, the duties the community tracks, and an audit of
-- every change. The rules themselves live in server/committees/committee-rules.ts; `compliance`
-- is their verdict, written with every change (NULL until the server first computes it).

ALTER TABLE owners_committees DROP CONSTRAINT owners_committees_status_check;
ALTER TABLE owners_committees ADD CONSTRAINT owners_committees_status_check
  CHECK (status IN ('none', 'preparing', 'awaiting_approval', 'elected', 'term_ended', 'temporary'));
ALTER TABLE owners_committees
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  ADD COLUMN party_group boolean NOT NULL DEFAULT false,
  ADD COLUMN elected_on date,
  ADD COLUMN approved_on date,
  ADD COLUMN compliance text CHECK (compliance IN ('meets', 'to_raise', 'breach', 'not_formed')),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

-- named members; a committee recorded only by its counts (imported registers) has none
CREATE TABLE committee_members (
  compound_id integer NOT NULL REFERENCES owners_committees (compound_id),
  position smallint NOT NULL CHECK (position BETWEEN 0 AND 99),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
  owner boolean NOT NULL,
  party_member boolean NOT NULL,
  organisation text
    CHECK (organisation IN ('street_office', 'residents_committee', 'developer', 'owner_representative')),
  PRIMARY KEY (compound_id, position)
);

-- duties done: a quarter's disclosure (period 2026-Q3), a year's evaluation (period 2025)
CREATE TABLE committee_duties (
  compound_id integer NOT NULL REFERENCES owners_committees (compound_id),
  kind text NOT NULL CHECK (kind IN ('disclosure', 'evaluation')),
  period text NOT NULL CHECK (period ~ '^\d{4}(-Q[1-4])?$'),
  done_on date NOT NULL,
  details jsonb NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (compound_id, kind, period)
);

CREATE TABLE committee_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES owners_committees (compound_id),
  action text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  state_before text NOT NULL,
  state_after text NOT NULL,
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  note text
);
CREATE INDEX committee_audit_compound_idx ON committee_audit (compound_id, id);
