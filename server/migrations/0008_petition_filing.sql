-- Residents' own filing: the photos they add and the texts the site sends.

-- Photos of a petition, as re-encoded (JPEG, EXIF gone): the sent file is never kept. In the database, so one
-- backup holds the case whole. Added under the resident's draft (its form key) and given to the petition when it
-- is filed; a draft's photos that were never filed are removed after a day.
CREATE TABLE IF NOT EXISTS petition_photos (
    id BIGINT PRIMARY KEY,
    draft_key TEXT NOT NULL,
    petition_id BIGINT REFERENCES petitions (id),
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    jpeg BYTEA NOT NULL,
    added_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS petition_photos_draft ON petition_photos (draft_key);
CREATE INDEX IF NOT EXISTS petition_photos_petition ON petition_photos (petition_id);

-- Texts to phones when no gateway is configured (development and tests): kept here, shown by the development
-- page /dev/outbox. With a gateway configured nothing is written here.
CREATE TABLE IF NOT EXISTS sms_outbox (
    id BIGINT PRIMARY KEY,
    phone TEXT NOT NULL,
    template TEXT NOT NULL,
    words TEXT NOT NULL,
    queued_at BIGINT NOT NULL
);

-- The resident's callbacks (回访): one a round (a re-handled petition can have two). A bad review (the last two
-- 好差评 levels) starts the department's clocks at bad_review_from; its call-back and fix are recorded beside it.
-- The rating may change once (rerated).
CREATE TABLE IF NOT EXISTS petition_callbacks (
    petition_id BIGINT NOT NULL REFERENCES petitions (id),
    round BIGINT NOT NULL,
    at BIGINT NOT NULL,
    contacted BOOLEAN NOT NULL,
    solved BOOLEAN NOT NULL,
    rating TEXT NOT NULL,
    rerated BOOLEAN NOT NULL,
    bad_review_from BIGINT,
    review_called_at BIGINT,
    review_fixed_at BIGINT,
    PRIMARY KEY (petition_id, round)
);
-- The rankings count callbacks by the month they were given.
CREATE INDEX IF NOT EXISTS petition_callbacks_at ON petition_callbacks (at);

-- The demo history's petitions (server/seed/demo_petitions.tsv), while it is loaded: every page says 演示数据,
-- and `server demo remove` takes exactly these away.
CREATE TABLE IF NOT EXISTS demo_petitions (
    petition_id BIGINT PRIMARY KEY
);

-- A petition's public text, once a dispatcher has decided on it: approved (masked, perhaps edited further) or
-- refused. A petition is public only with an approved row here, and only if its resident agreed (public_wanted).
CREATE TABLE IF NOT EXISTS petition_public (
    petition_id BIGINT PRIMARY KEY REFERENCES petitions (id),
    approved BOOLEAN NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    decided_at BIGINT NOT NULL
);

-- "Me too": a resident's own petition joined to a public one about the same thing; the public page counts them.
CREATE TABLE IF NOT EXISTS petition_links (
    petition_id BIGINT PRIMARY KEY REFERENCES petitions (id),
    joined BIGINT NOT NULL REFERENCES petitions (id)
);
CREATE INDEX IF NOT EXISTS petition_links_joined ON petition_links (joined);

-- The person in its department a petition is given to (by the dispatch centre when routing, or in the department),
-- by staff number; none: the department as a whole.
CREATE TABLE IF NOT EXISTS petition_assignees (
    petition_id BIGINT PRIMARY KEY REFERENCES petitions (id),
    staff_number TEXT NOT NULL,
    assigned_at BIGINT NOT NULL
);
