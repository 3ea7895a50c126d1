-- A closed month's disclosure freshness by department (app/src/rankings/freshness.rs), frozen when the month was
-- closed, as its entries' review dates stood that day.
CREATE TABLE IF NOT EXISTS ranking_freshness (
    month TEXT NOT NULL,
    department TEXT NOT NULL,
    entries BIGINT NOT NULL,
    fresh BIGINT NOT NULL,
    PRIMARY KEY (month, department)
);
