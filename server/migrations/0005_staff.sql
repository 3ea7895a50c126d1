-- Staff identity: accounts, their grants, sign-in, their own sessions, and the audit trail. Instants are BIGINT
-- Unix seconds. Nothing here is ever deleted: an account is disabled, a grant is withdrawn (its row keeps when).

CREATE TABLE IF NOT EXISTS staff_accounts (
    id BIGINT PRIMARY KEY,
    -- 工号, as typed at sign-in (upper case).
    staff_number TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    disabled BOOLEAN NOT NULL,
    -- argon2id in PHC string form (parameters inside); NULL until the person enrols.
    password_hash TEXT,
    -- Base32 TOTP secret; NULL until enrolled, and again after an admin resets a lost authenticator.
    totp_secret TEXT,
    -- The last 30-second step a code was accepted for: a code is good once (no replay within its window).
    totp_last_step BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);

-- role: handler | department_head | dispatcher | counter_staff | admin. scope: a department id, a place id, or
-- 'district'.
CREATE TABLE IF NOT EXISTS staff_grants (
    account_id BIGINT NOT NULL REFERENCES staff_accounts (id),
    role TEXT NOT NULL,
    scope TEXT NOT NULL,
    granted_at BIGINT NOT NULL,
    -- NULL while the grant holds.
    withdrawn_at BIGINT
);
CREATE INDEX IF NOT EXISTS staff_grants_account ON staff_grants (account_id, withdrawn_at);

-- A one-time link that sets a password and an authenticator. Only the token's digest is kept: whoever reads the
-- table cannot enrol in anyone's name.
CREATE TABLE IF NOT EXISTS staff_enrolments (
    token_digest TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES staff_accounts (id),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    -- The secret the link's page shows, chosen on its first view, so reloading shows the same QR code.
    pending_secret TEXT,
    used_at BIGINT
);

-- Staff sessions, apart from residents' (`tower_sessions`): signing out everywhere ends every row of an account.
-- The cookie holds the id; the table only its digest.
CREATE TABLE IF NOT EXISTS staff_sessions (
    id_digest TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES staff_accounts (id),
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE INDEX IF NOT EXISTS staff_sessions_account ON staff_sessions (account_id, ended_at);

-- Failed sign-ins counted per subject ('account:<id>' or 'address:<digest>'), for the growing delays.
CREATE TABLE IF NOT EXISTS staff_sign_in_failures (
    subject TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    last_failed_at BIGINT NOT NULL
);

-- Every sign-in attempt: outcome success | failure | locked. The staff number is kept masked; the address as a
-- digest.
CREATE TABLE IF NOT EXISTS staff_sign_in_events (
    at BIGINT NOT NULL,
    account_id BIGINT,
    staff_number_masked TEXT NOT NULL,
    address_digest TEXT NOT NULL,
    outcome TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_sign_in_events_at ON staff_sign_in_events (at);

-- Every staff action: who, in which role, when, what, on what. Append-only: each backend adds a trigger that
-- refuses UPDATE and DELETE (db/sqlite.rs, db/postgres.rs). `subject` holds masked personal data only.
CREATE TABLE IF NOT EXISTS staff_audit (
    id BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    account_id BIGINT NOT NULL,
    staff_number TEXT NOT NULL,
    role TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS staff_audit_at ON staff_audit (at);
