-- The catalog: departments (stable ids, name history), 763 service items, 133 places.
-- Runs on SQLite and PostgreSQL alike: BIGINT integers, TEXT dates (ISO 8601), BOOLEAN, TEXT holding JSON.
-- IF NOT EXISTS so that two instances starting at once on a fresh SQLite file cannot trip over each other.

CREATE TABLE IF NOT EXISTS departments (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    phone TEXT NOT NULL,
    responsibilities_reviewed_on TEXT NOT NULL,
    -- The responsibility list, in order: JSON array of strings.
    responsibilities_json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS department_former_names (
    department_id TEXT NOT NULL REFERENCES departments (id),
    name TEXT NOT NULL,
    until TEXT NOT NULL,
    PRIMARY KEY (department_id, name)
);

CREATE TABLE IF NOT EXISTS items (
    id BIGINT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind BIGINT NOT NULL,
    department_id TEXT NOT NULL REFERENCES departments (id),
    audience TEXT NOT NULL,
    description TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    conditions TEXT NOT NULL,
    handling TEXT NOT NULL,
    promised_amount BIGINT NOT NULL,
    promised_unit TEXT NOT NULL,
    statutory_amount BIGINT NOT NULL,
    statutory_unit TEXT NOT NULL,
    visits BIGINT NOT NULL,
    address TEXT NOT NULL,
    hours TEXT NOT NULL,
    phone TEXT NOT NULL,
    complaint TEXT NOT NULL,
    online_depth BIGINT NOT NULL,
    palm BOOLEAN NOT NULL,
    kiosk BOOLEAN NOT NULL,
    unmanned BOOLEAN NOT NULL,
    bookable BOOLEAN NOT NULL,
    one_id BOOLEAN NOT NULL,
    reviewed_on TEXT NOT NULL,
    version BIGINT NOT NULL,
    -- Ordered lists shown as they are: JSON arrays.
    process_json TEXT NOT NULL,
    fees_json TEXT NOT NULL,
    materials_json TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS items_department ON items (department_id);

CREATE TABLE IF NOT EXISTS item_topics (
    item_id BIGINT NOT NULL REFERENCES items (id),
    topic TEXT NOT NULL,
    PRIMARY KEY (item_id, topic)
);
CREATE INDEX IF NOT EXISTS item_topics_topic ON item_topics (topic);

CREATE TABLE IF NOT EXISTS places (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    address TEXT NOT NULL,
    phone TEXT NOT NULL,
    counters BIGINT NOT NULL,
    -- Opening hours per weekday, e.g. {"mon": "09:00-17:00"}; booking (next issue) reads them.
    hours_json TEXT NOT NULL
);

CREATE TABLE IF NOT EXISTS place_items (
    place_id TEXT NOT NULL REFERENCES places (id),
    item_id BIGINT NOT NULL REFERENCES items (id),
    PRIMARY KEY (place_id, item_id)
);
CREATE INDEX IF NOT EXISTS place_items_item ON place_items (item_id);
