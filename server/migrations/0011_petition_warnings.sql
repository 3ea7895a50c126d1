-- A dispatcher's note on an early warning (a week, street and category flagged by app/src/petitions/warning.rs):
-- what was done about it. One note a warning; the warnings themselves are worked out from the petitions each time.
CREATE TABLE IF NOT EXISTS petition_warning_notes (
    week TEXT NOT NULL,
    street TEXT NOT NULL,
    category TEXT NOT NULL,
    note TEXT NOT NULL,
    noted_by TEXT NOT NULL,
    noted_at BIGINT NOT NULL,
    PRIMARY KEY (week, street, category)
);
-- Early warning counts a year of petitions by the day they were filed.
CREATE INDEX IF NOT EXISTS petitions_filed_at ON petitions (filed_at);
