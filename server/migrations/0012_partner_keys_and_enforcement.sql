-- Keys partner systems present to the district's APIs (app/src/staff/keys.rs): issued by an admin for one scope,
-- shown once, kept only as the SHA-256 digest of the key (256 random bits, so a fast digest suffices), revocable.
CREATE TABLE IF NOT EXISTS partner_keys (
    id BIGINT PRIMARY KEY,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    digest TEXT NOT NULL UNIQUE,
    -- The key's first characters, so that an admin can tell keys apart; they do not open anything.
    hint TEXT NOT NULL,
    issued_by TEXT NOT NULL,
    issued_at BIGINT NOT NULL,
    last_used_at BIGINT,
    revoked_at BIGINT
);

-- Enforcement records as the district's enforcement supervision platform reports them (app/src/rankings/reporting.rs),
-- imported, never typed here. The platform's own id is the key: sent again, a record replaces itself.
-- due_at: when reporting it stopped being in time, worked out under calendar_version (worked out again when the
-- calendar changes, like petition_dues).
CREATE TABLE IF NOT EXISTS enforcement_records (
    record_id TEXT PRIMARY KEY,
    department TEXT NOT NULL,
    kind TEXT NOT NULL,
    act_date TEXT NOT NULL,
    reported_at BIGINT NOT NULL,
    due_at BIGINT NOT NULL,
    calendar_version TEXT NOT NULL,
    -- Who sent it: a key (key:<id>), a feed file (file), or the demo history (demo).
    source TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS enforcement_records_reported ON enforcement_records (reported_at);

-- A closed month's reporting figures by department, frozen when the month was closed, beside its frozen cases.
CREATE TABLE IF NOT EXISTS ranking_reporting (
    month TEXT NOT NULL,
    department TEXT NOT NULL,
    records BIGINT NOT NULL,
    timely BIGINT NOT NULL,
    PRIMARY KEY (month, department)
);
