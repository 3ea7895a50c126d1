-- What several instances must agree on besides the data itself. Instants are BIGINT Unix seconds.
-- (Sessions have their own table, created by the session store.)

-- A form's hidden key, claimed in the same transaction as the work it guards: a repeated submission finds the
-- key and answers with the recorded outcome instead of doing the work twice.
CREATE TABLE IF NOT EXISTS idempotency_keys (
    scope TEXT NOT NULL,
    request_key TEXT NOT NULL,
    -- What the first submission produced (e.g. the booking's id); set before its transaction commits.
    outcome TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (scope, request_key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);

-- Fixed-window counters: hits on a bucket (e.g. "booking-lookup:<ip>") within the window starting at window_start.
CREATE TABLE IF NOT EXISTS rate_limit_windows (
    bucket TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    window_end BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (bucket, window_start)
);
CREATE INDEX IF NOT EXISTS rate_limit_windows_end ON rate_limit_windows (window_end);
