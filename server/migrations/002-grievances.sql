-- Grievance events (三(十)): intake, routing, graded handling with an append-only audit trail, and
-- a durable change stream (event_changes.seq) that clients resync from after a reconnect or restart.

CREATE TABLE event_grades (
  grade text PRIMARY KEY CHECK (grade IN ('L1', 'L2', 'L3', 'L4')),
  name_zh text NOT NULL,
  level text NOT NULL CHECK (level IN ('grid', 'community', 'street', 'district')),
  deadline_hours integer NOT NULL CHECK (deadline_hours BETWEEN 1 AND 2160),
  alarm boolean NOT NULL
);
INSERT INTO event_grades VALUES
  ('L1', '一般', 'grid', 24, false),
  ('L2', '较大', 'community', 72, false),
  ('L3', '重大', 'street', 120, true),
  ('L4', '特别重大', 'district', 24, true);

-- categories and their default grade are data, not code: change them here, not in TypeScript
CREATE TABLE event_categories (
  code text PRIMARY KEY,
  name_zh text NOT NULL,
  name_en text NOT NULL,
  default_grade text NOT NULL REFERENCES event_grades (grade)
);
INSERT INTO event_categories VALUES
  ('property_service', '物业服务质量', 'Property service quality', 'L1'),
  ('fee_dispute', '物业费纠纷', 'Fee dispute', 'L1'),
  ('public_revenue', '公共收益', 'Public revenue', 'L2'),
  ('maintenance_fund', '专项维修资金', 'Maintenance fund', 'L2'),
  ('elevator_fault', '电梯故障', 'Elevator fault', 'L2'),
  ('fire_safety', '消防安全', 'Fire safety', 'L3'),
  ('flood_typhoon', '防汛防台', 'Flood / typhoon', 'L3'),
  ('utilities', '水电气设施', 'Water / power / gas', 'L2'),
  ('sanitation', '环境卫生', 'Sanitation', 'L1'),
  ('parking', '停车管理', 'Parking', 'L1'),
  ('illegal_construction', '违章搭建', 'Illegal construction', 'L2'),
  ('neighbour_dispute', '邻里纠纷', 'Neighbour dispute', 'L1'),
  ('owners_committee', '业委会事务', 'Owners'' committee affairs', 'L2'),
  ('other', '其他', 'Other', 'L1');

CREATE TABLE events (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  idempotency_key text UNIQUE,
  channel text NOT NULL
    CHECK (channel IN ('libianmin', 'liwangtong', 'hotline_12345', 'grid_patrol', 'reception_day', 'owners_talk')),
  category text NOT NULL REFERENCES event_categories (code),
  grade text NOT NULL REFERENCES event_grades (grade),
  level text NOT NULL CHECK (level IN ('grid', 'community', 'street', 'district')),
  state text NOT NULL
    CHECK (state IN ('reported', 'accepted', 'dispatched', 'in_progress', 'resolved', 'closed', 'returned')),
  description text NOT NULL CHECK (char_length(description) BETWEEN 1 AND 2000),
  reporter_name text,
  reporter_phone text,
  photos text[] NOT NULL DEFAULT '{}',
  geom geometry(Point, 4326) NOT NULL CHECK (ST_IsValid(geom)),
  geom_m geometry(Point, 4549) GENERATED ALWAYS AS (ST_Transform(geom, 4549)) STORED,
  grid_code text NOT NULL REFERENCES grids (code),
  community_code text NOT NULL REFERENCES communities (code),
  street_code text NOT NULL REFERENCES streets (code),
  compound_id integer REFERENCES compounds (id),
  outside_grid boolean NOT NULL DEFAULT false, -- in no grid: the nearest one was assigned
  duplicate_of bigint REFERENCES events (id),
  assignee text,
  deadline timestamptz NOT NULL,
  overdue boolean NOT NULL DEFAULT false, -- has missed a deadline (sticky: the handler sees it)
  overdue_level text, -- the level at which the overdue job last escalated it (once per level)
  reported_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX events_geom_m_idx ON events USING gist (geom_m);
CREATE INDEX events_grid_idx ON events (grid_code, reported_at DESC);
CREATE INDEX events_open_deadline_idx ON events (deadline) WHERE state NOT IN ('resolved', 'closed');

-- append-only: who did what, when, from which state/level to which
CREATE TABLE event_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  event_id bigint NOT NULL REFERENCES events (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  action text NOT NULL,
  from_state text,
  to_state text NOT NULL,
  from_level text,
  to_level text NOT NULL,
  assignee text, -- who a dispatch handed the event to
  note text
);
CREATE INDEX event_audit_event_idx ON event_audit (event_id, id);

-- the live stream, durable: one row per broadcast, written in the change's transaction
CREATE TABLE event_changes (
  seq bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  event_id bigint NOT NULL REFERENCES events (id),
  kind text NOT NULL CHECK (kind IN ('reported', 'changed')),
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX event_changes_event_idx ON event_changes (event_id);

-- users and their scope; passwords are scrypt hashes (server/auth/passwords.ts)
CREATE TABLE users (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  username text NOT NULL UNIQUE CHECK (username ~ '^[a-z0-9_.-]{3,32}$'),
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL
    CHECK (role IN ('operator', 'grid_manager', 'community_admin', 'street_admin', 'district_admin', 'planner')),
  scope_streets text[] NOT NULL DEFAULT '{}',
  scope_communities text[] NOT NULL DEFAULT '{}',
  scope_grids text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now()
);

-- secrets every server process must share (the session-signing key), created once by the first
CREATE TABLE app_secrets (
  name text PRIMARY KEY,
  value text NOT NULL
);
