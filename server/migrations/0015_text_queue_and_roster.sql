-- Texts to phones, queued in the transaction of the step that sends them (server/src/sms/queue.rs) and delivered
-- after it commits (server/src/sms/delivery.rs): a committed step's text is never lost to a gateway that is down
-- or a server that stops. `message` is the template with its values as JSON (a gateway takes the values, not the
-- words). A text is due while `next_try_at` is set; a deliverer holds it until `claimed_until`; it ends sent or
-- given up (once `expires_at` passes, e.g. a phone code's ten minutes). Ended texts are deleted after a week.
-- This replaces `sms_outbox`, which only a development server wrote (texts kept, never sent).
CREATE TABLE IF NOT EXISTS texts (
    id BIGINT PRIMARY KEY,
    phone TEXT NOT NULL,
    template TEXT NOT NULL,
    message TEXT NOT NULL,
    words TEXT NOT NULL,
    queued_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    next_try_at BIGINT,
    claimed_until BIGINT NOT NULL DEFAULT 0,
    sent_at BIGINT,
    given_up_at BIGINT,
    last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS texts_due ON texts (next_try_at) WHERE next_try_at IS NOT NULL;
DROP TABLE IF EXISTS sms_outbox;

-- The dispatch centre's duty roster (app/src/petitions/roster.rs): a dispatcher at the desk from starts_at until
-- ends_at. Emergency and urgent petitions text whoever is on duty.
CREATE TABLE IF NOT EXISTS dispatch_shifts (
    id BIGINT PRIMARY KEY,
    staff_number TEXT NOT NULL,
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS dispatch_shifts_ends ON dispatch_shifts (ends_at);
