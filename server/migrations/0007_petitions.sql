-- Petitions (诉求). Instants are BIGINT Unix seconds, days ISO 8601 text. Deadlines are not stored: they are
-- computed when read from the clocks' starts, the pauses and the extensions (`app::deadline`).

-- The day's next sequence number for tracking numbers, handed out by one UPDATE … RETURNING.
CREATE TABLE IF NOT EXISTS petition_day_counters (
    day TEXT PRIMARY KEY,
    last_sequence BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS petitions (
    id BIGINT PRIMARY KEY,
    -- 120105 + filing day + sequence: unique, digits only.
    tracking_number TEXT NOT NULL UNIQUE,
    -- The long random secret in the status page's URL (the QR code), and the short access code typed with the
    -- tracking number (alone it opens nothing).
    token TEXT NOT NULL UNIQUE,
    access_code TEXT NOT NULL,
    -- web | kiosk | phone (a dispatcher filing for a caller)
    channel TEXT NOT NULL,
    category TEXT NOT NULL,
    tier TEXT NOT NULL,
    -- lifecycle::Stage, and what the rules keep beside it.
    stage TEXT NOT NULL,
    department TEXT,
    pending_request TEXT,
    before_waiting TEXT,
    extended_by BIGINT NOT NULL,
    rehandled BOOLEAN NOT NULL,
    -- Every change checks and bumps it: of two people acting at once, the second is told.
    version BIGINT NOT NULL,
    street TEXT NOT NULL,
    community TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    -- Personal data, erased after the retention period once closed (the case and its figures stay).
    place_detail TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    phone TEXT NOT NULL,
    public_wanted BOOLEAN NOT NULL,
    anonymous BOOLEAN NOT NULL,
    filed_at BIGINT NOT NULL,
    -- The clocks: the response clock runs from filing until met; the result clock from result_started_at (filing,
    -- or the re-handling) until met.
    responded_at BIGINT,
    result_started_at BIGINT NOT NULL,
    result_met_at BIGINT,
    personal_erased BOOLEAN NOT NULL
);
CREATE INDEX IF NOT EXISTS petitions_queue ON petitions (department, stage);

-- The times a petition's result clock stood still (waiting for the resident); `until_at` NULL while it stands.
CREATE TABLE IF NOT EXISTS petition_pauses (
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    from_at BIGINT NOT NULL,
    until_at BIGINT
);
CREATE INDEX IF NOT EXISTS petition_pauses_petition ON petition_pauses (petition_id);

-- The milestones, as the status page and the petition's history show them.
CREATE TABLE IF NOT EXISTS petition_events (
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    version BIGINT NOT NULL,
    at BIGINT NOT NULL,
    -- resident | dispatcher | department:<id>
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    -- What the resident or the department wrote with it (a reply, a reason); shown on the status page.
    note TEXT NOT NULL,
    PRIMARY KEY (petition_id, version)
);
