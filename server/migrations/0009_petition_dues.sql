-- Each petition's two deadlines as last worked out, so that SQL can count the cases that met both clocks (the
-- standings' 按时办结率). Derived, never the record: a change to a petition deletes its row in the same
-- transaction and the store works it out again after commit; on start, and by the housekeeping chore, a row that
-- is missing or was worked out under another version of the working-day calendar (`calendar`) is worked out again.
-- `version` is the petition's version they were worked out from: a slower worker never writes over a newer one.
-- A pause still standing is counted up to when they were worked out; a finished case has none.
CREATE TABLE IF NOT EXISTS petition_dues (
    petition_id BIGINT PRIMARY KEY REFERENCES petitions (id),
    version BIGINT NOT NULL,
    response_due_at BIGINT NOT NULL,
    result_due_at BIGINT NOT NULL,
    calendar TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS petition_dues_calendar ON petition_dues (calendar);
