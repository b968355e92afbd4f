-- The users register with write paths: a version for optimistic locking, deactivation (a
-- deactivated user cannot log in; their sessions end), and an audit of every change (who, when,
-- before → after). The audit never holds a password or its hash: a reset is recorded as such.

ALTER TABLE users
  ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  ADD COLUMN active boolean NOT NULL DEFAULT true;

CREATE TABLE user_audit (
  id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
  user_id integer NOT NULL REFERENCES users (id),
  action text NOT NULL CHECK (action IN ('create', 'edit', 'password')),
  actor text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  before jsonb,
  after jsonb NOT NULL
);
CREATE INDEX user_audit_user_idx ON user_audit (user_id, id);
