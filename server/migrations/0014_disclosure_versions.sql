-- Every version of a disclosure entry (app/src/catalog/editing.rs): a department's responsibility list (item_id 0)
-- or one of its items. Who (staff number and name), when, the changes as JSON ([{field, before, after}]), and the
-- state: applied, reviewed (no change), pending (legal fields, waiting for an admin), approved, rejected.
-- An entry with a row here was edited, and seeding never writes over it.
CREATE TABLE IF NOT EXISTS disclosure_versions (
    id BIGINT PRIMARY KEY,
    department_id TEXT NOT NULL,
    item_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    changes_json TEXT NOT NULL,
    note TEXT NOT NULL,
    editor TEXT NOT NULL,
    editor_name TEXT NOT NULL,
    at BIGINT NOT NULL,
    decided_by TEXT,
    decided_at BIGINT,
    decision_note TEXT
);
CREATE INDEX IF NOT EXISTS disclosure_versions_entry ON disclosure_versions (department_id, item_id, id);
CREATE INDEX IF NOT EXISTS disclosure_versions_state ON disclosure_versions (state, id);
