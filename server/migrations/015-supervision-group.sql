-- The 业账社管 supervision group of an owners' committee (三(三)): who sits in it, in which role
-- (the community party organisation, the owners' committee, the property enterprise, residents'
-- representatives), from and until when. A membership is ended, never deleted; every change
-- bumps the committee's version and is audited in committee_audit.

CREATE TABLE supervision_group_members (
  id integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  compound_id integer NOT NULL REFERENCES owners_committees (compound_id),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 50),
  role text NOT NULL CHECK (
    role IN ('party_organisation', 'owners_committee', 'property_enterprise', 'resident_representative')
  ),
  from_date date NOT NULL,
  to_date date,
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (to_date IS NULL OR to_date >= from_date)
);
CREATE INDEX supervision_group_members_compound_idx ON supervision_group_members (compound_id, id);
