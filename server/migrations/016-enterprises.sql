-- Property enterprises' supervision by the housing bureau (三(四), 三(五)): the enterprise register
-- with write paths (version, audit), its project managers and the contracts of the compounds it
-- serves; the credit file (one row per record: inspection failures, 不良行为, evaluations by street
-- and community, 党建联建); inspections 双随机、一公开 (draws reproducible from their published
-- seed, results per item); interviews (约谈) with a rectification deadline, the enterprise's answer
-- and the follow-up outcome; the red/black lists published per period with their rule. Users of
-- the new `enterprise` role see their own enterprise only. The rules are pure
-- (server/enterprises/credit-score.ts, inspection-draw.ts).

ALTER TABLE enterprises
  ADD COLUMN address text NOT NULL DEFAULT '' CHECK (length(address) <= 200),
  ADD COLUMN party_org text NOT NULL DEFAULT 'none'
    CHECK (party_org IN ('none', 'branch', 'joint_branch')),
  ADD COLUMN charter_party_clause boolean NOT NULL DEFAULT false,
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0);

CREATE TABLE enterprise_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  action text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL,
  reason text
);
CREATE INDEX enterprise_audit_enterprise_idx ON enterprise_audit (enterprise_id, id);

CREATE TABLE project_managers (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  certificate text NOT NULL CHECK (length(certificate) BETWEEN 1 AND 50),
  -- the compounds this manager leads (of the enterprise's)
  compound_ids integer[] NOT NULL DEFAULT '{}'
);
CREATE INDEX project_managers_enterprise_idx ON project_managers (enterprise_id);

-- the service contract of a compound served by an enterprise
CREATE TABLE enterprise_contracts (
  compound_id integer PRIMARY KEY REFERENCES compound_register (id),
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on > starts_on)
);

CREATE TABLE enterprise_records (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  kind text NOT NULL
    CHECK (kind IN ('inspection_failure', 'bad_conduct', 'evaluation', 'party_building')),
  on_date date NOT NULL,
  compound_id integer REFERENCES compound_register (id),
  manager_id integer REFERENCES project_managers (id),
  -- the kind's own fields (server/enterprises/enterprises-schemas.ts)
  details jsonb NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_records_enterprise_idx ON enterprise_records (enterprise_id, on_date);

CREATE TABLE inspection_draws (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  period text NOT NULL CHECK (period ~ '^\d{4}(Q[1-4])?$'),
  -- published with the draw: anyone can redraw from the same candidates and get the same result
  seed integer NOT NULL,
  stratified boolean NOT NULL,
  enterprise_count integer NOT NULL CHECK (enterprise_count > 0),
  inspector_count integer NOT NULL CHECK (inspector_count > 0),
  -- the candidates as drawn from: [{id, streetCode}] and the inspectors' names
  candidates jsonb NOT NULL,
  inspectors jsonb NOT NULL,
  -- the result: [{enterpriseId, inspectors: [name]}]
  drawn jsonb NOT NULL,
  drawn_by text NOT NULL,
  drawn_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE inspection_results (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  draw_id integer NOT NULL REFERENCES inspection_draws (id),
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  item text NOT NULL CHECK (length(item) BETWEEN 1 AND 100),
  passed boolean NOT NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
  inspected_on date NOT NULL,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (draw_id, enterprise_id, item)
);

CREATE TABLE enterprise_interviews (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  enterprise_id integer NOT NULL REFERENCES enterprises (id),
  reason text NOT NULL CHECK (reason IN ('poor_service', 'large_dispute', 'low_satisfaction')),
  subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 500),
  opened_on date NOT NULL,
  deadline date NOT NULL CHECK (deadline >= opened_on),
  answer text CHECK (length(answer) BETWEEN 1 AND 2000),
  answered_on date,
  outcome text CHECK (outcome IN ('done', 'late', 'escalated')),
  closed_on date,
  opened_by text NOT NULL,
  CHECK ((answer IS NULL) = (answered_on IS NULL)),
  CHECK ((outcome IS NULL) = (closed_on IS NULL))
);
CREATE INDEX enterprise_interviews_enterprise_idx ON enterprise_interviews (enterprise_id, id);

CREATE TABLE red_black_lists (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  period text NOT NULL UNIQUE CHECK (period ~ '^\d{4}(Q[1-4])?$'),
  -- the scores are taken as of this day (the period's last day, or the publication day if earlier)
  as_of date NOT NULL,
  published_on date NOT NULL,
  published_by text NOT NULL,
  -- the weights and thresholds used, and each list's entries with their scores
  rule jsonb NOT NULL,
  red jsonb NOT NULL,
  black jsonb NOT NULL
);

-- an enterprise's own users: scope = one enterprise
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users
  ADD CONSTRAINT users_role_check CHECK (role IN ('operator', 'grid_manager', 'community_admin',
    'street_admin', 'district_admin', 'planner', 'enterprise')),
  ADD COLUMN scope_enterprise integer REFERENCES enterprises (id),
  ADD CONSTRAINT users_enterprise_scope_check CHECK ((role = 'enterprise') = (scope_enterprise IS NOT NULL));
