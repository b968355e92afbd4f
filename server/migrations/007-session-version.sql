-- Logout revokes a user's sessions: every token carries the user's session version (tokens.ts),
-- and a logout bumps it, so tokens issued before no longer verify, on every server process.
ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;
