-- Money (三(六)) and the quarterly reports (五(三)), issue 13.
--
-- `fund_accounts`: a compound's special maintenance fund (专项维修资金): first deposit, balance,
-- owners in arrears, as of a date; versioned and audited like the registers. `breach_since` is the
-- day the account began breaking the rule (balance < 30% of the first deposit, or arrears), null
-- while it keeps it; a top-up plan task (补缴/续交方案) is opened for that breach, once: the task's
-- key is (compound, breach_since).

CREATE TABLE fund_accounts (
  compound_id integer PRIMARY KEY REFERENCES compound_register (id),
  first_deposit numeric(14, 2) NOT NULL CHECK (first_deposit > 0),
  balance numeric(14, 2) NOT NULL CHECK (balance >= 0),
  arrears_households integer NOT NULL CHECK (arrears_households >= 0),
  as_of date NOT NULL,
  breach_since date,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE fund_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES compound_register (id),
  action text NOT NULL CHECK (action IN ('create', 'edit', 'import')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL,
  reason text
);
CREATE INDEX fund_audit_compound_idx ON fund_audit (compound_id, id);

CREATE TABLE topup_tasks (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES compound_register (id),
  street_code text NOT NULL REFERENCES streets (code),
  community_code text NOT NULL REFERENCES communities (code),
  breach_since date NOT NULL,
  reasons text[] NOT NULL,
  opened_on date NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'done')),
  closed_on date,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  UNIQUE (compound_id, breach_since),
  CHECK ((status = 'done') = (closed_on IS NOT NULL))
);
CREATE INDEX topup_tasks_street_idx ON topup_tasks (street_code, status);

CREATE TABLE topup_task_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  task_id integer NOT NULL REFERENCES topup_tasks (id),
  action text NOT NULL CHECK (action IN ('open', 'status')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL
);

-- public revenue (公共收益) published per compound and quarter on the notice board; due as a
-- committee's quarterly disclosure is (committee-rules.ts disclosureDueOn), late or missing flagged
CREATE TABLE revenue_publications (
  compound_id integer NOT NULL REFERENCES compound_register (id),
  quarter text NOT NULL CHECK (quarter ~ '^\d{4}-Q[1-4]$'),
  income numeric(14, 2) NOT NULL CHECK (income >= 0),
  expense numeric(14, 2) NOT NULL CHECK (expense >= 0),
  published_on date NOT NULL,
  place text NOT NULL CHECK (length(place) BETWEEN 1 AND 200),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  PRIMARY KEY (compound_id, quarter)
);

CREATE TABLE revenue_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES compound_register (id),
  quarter text NOT NULL,
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL
);

-- a street's quarterly or yearly report to the district: drafted, then submitted
CREATE TABLE report_submissions (
  street_code text NOT NULL REFERENCES streets (code),
  period text NOT NULL CHECK (period ~ '^\d{4}(-Q[1-4])?$'),
  status text NOT NULL CHECK (status IN ('drafted', 'submitted')),
  drafted_at timestamptz NOT NULL DEFAULT now(),
  drafted_by text NOT NULL,
  submitted_at timestamptz,
  submitted_by text,
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  PRIMARY KEY (street_code, period),
  CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
);
