-- The monthly publication of the standings (app/src/rankings/publication.rs).

-- A month closed by an admin: its cases are frozen in ranking_cases, and its standings provisional until
-- published; departments appeal until appeals_until.
CREATE TABLE IF NOT EXISTS ranking_closings (
    month TEXT PRIMARY KEY,
    closed_at BIGINT NOT NULL,
    appeals_until BIGINT NOT NULL,
    closed_by TEXT NOT NULL
);

-- The cases a closed month counts, as they stood when it was closed (a rating changed later does not move a closed
-- month). No reference to petitions: the record stands even if a petition is removed (the demo history).
CREATE TABLE IF NOT EXISTS ranking_cases (
    month TEXT NOT NULL,
    petition_id BIGINT NOT NULL,
    tracking_number TEXT NOT NULL,
    department TEXT NOT NULL,
    contacted BOOLEAN NOT NULL,
    solved BOOLEAN NOT NULL,
    satisfied BOOLEAN NOT NULL,
    basically_satisfied BOOLEAN NOT NULL,
    on_time BOOLEAN NOT NULL,
    PRIMARY KEY (month, petition_id)
);
CREATE INDEX IF NOT EXISTS ranking_cases_department ON ranking_cases (month, department);

-- A department head's appeal of some of its cases, and an admin's decision on it, both with reasons.
CREATE TABLE IF NOT EXISTS ranking_appeals (
    id BIGINT PRIMARY KEY,
    month TEXT NOT NULL,
    department TEXT NOT NULL,
    reason TEXT NOT NULL,
    appealed_by TEXT NOT NULL,
    appealed_at BIGINT NOT NULL,
    upheld BOOLEAN,
    decision_reason TEXT,
    decided_by TEXT,
    decided_at BIGINT
);
CREATE INDEX IF NOT EXISTS ranking_appeals_month ON ranking_appeals (month);
CREATE TABLE IF NOT EXISTS ranking_appeal_cases (
    appeal_id BIGINT NOT NULL REFERENCES ranking_appeals (id),
    petition_id BIGINT NOT NULL,
    PRIMARY KEY (appeal_id, petition_id)
);

-- Cases left out of a closed month's figures: by an upheld appeal, or by a correction, with its reason.
CREATE TABLE IF NOT EXISTS ranking_exclusions (
    month TEXT NOT NULL,
    petition_id BIGINT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (month, petition_id)
);

-- Each version of a month's final standings. Append-only: the database refuses UPDATE and DELETE (db::APPEND_ONLY).
CREATE TABLE IF NOT EXISTS ranking_snapshots (
    month TEXT NOT NULL,
    version BIGINT NOT NULL,
    published_at BIGINT NOT NULL,
    published_by TEXT NOT NULL,
    reason TEXT NOT NULL,
    weights TEXT NOT NULL,
    PRIMARY KEY (month, version)
);
CREATE TABLE IF NOT EXISTS ranking_snapshot_rows (
    month TEXT NOT NULL,
    version BIGINT NOT NULL,
    position BIGINT NOT NULL,
    department TEXT NOT NULL,
    bottom BOOLEAN NOT NULL,
    row_json TEXT NOT NULL,
    PRIMARY KEY (month, version, position),
    FOREIGN KEY (month, version) REFERENCES ranking_snapshots (month, version)
);
