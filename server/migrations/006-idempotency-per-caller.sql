-- Idempotency keys are per caller (the reporting actor: a user, api:integration, api:open311): one
-- caller's key never finds, nor blocks, another caller's event.
ALTER TABLE events ADD COLUMN idempotency_actor text;
UPDATE events e SET idempotency_actor = coalesce(
    (SELECT a.actor FROM event_audit a WHERE a.event_id = e.id AND a.action = 'report'
     ORDER BY a.id LIMIT 1), '')
  WHERE e.idempotency_key IS NOT NULL;
ALTER TABLE events DROP CONSTRAINT events_idempotency_key_key;
ALTER TABLE events ADD CONSTRAINT events_idempotency_key_key
  UNIQUE (idempotency_actor, idempotency_key);
ALTER TABLE events ADD CONSTRAINT events_idempotency_actor_check
  CHECK ((idempotency_key IS NULL) = (idempotency_actor IS NULL));
