-- The street's and community's supervision of owners' committees beyond the lifecycle (三(三)):
-- major-matter meetings (重大事项) with their report beforehand and the attendance, the 业账社管
-- group's checks of the committee's accounts, members' negative-list violations and suspensions,
-- and the street office's orders to correct (责令限期改正) with their deadline and outcome.
-- One table, one row per record; `details` holds the kind's own fields (see
-- server/committees/committee-supervision.ts). The rules that judge them are pure functions there.

CREATE TABLE committee_records (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES owners_committees (compound_id),
  kind text NOT NULL CHECK (kind IN ('meeting', 'account_check', 'violation', 'order')),
  -- the meeting's, check's, report's or order's date
  on_date date NOT NULL,
  details jsonb NOT NULL,
  -- an order's deadline and, once closed, its outcome and the day it was closed
  deadline date,
  outcome text CHECK (outcome IN ('corrected', 'revoked')),
  closed_on date,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'order') = (deadline IS NOT NULL)),
  CHECK (deadline IS NULL OR deadline >= on_date),
  CHECK ((outcome IS NULL) = (closed_on IS NULL)),
  CHECK (outcome IS NULL OR kind = 'order')
);
CREATE INDEX committee_records_compound_idx ON committee_records (compound_id, kind, on_date);
-- open orders, for the due list
CREATE INDEX committee_records_open_orders_idx ON committee_records (deadline)
  WHERE kind = 'order' AND outcome IS NULL;
