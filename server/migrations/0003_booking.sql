-- Booking at the 133 places. Days are 'YYYY-MM-DD', slot starts 'HH:MM' (Beijing time); instants are Unix seconds.

-- A slot's seats, for the place as a whole. The row appears when the slot is first booked; `taken` changes only
-- through one conditional UPDATE (… WHERE taken < capacity), so no slot is ever oversold.
CREATE TABLE IF NOT EXISTS slots (
    place_id TEXT NOT NULL REFERENCES places (id),
    day TEXT NOT NULL,
    starts TEXT NOT NULL,
    capacity BIGINT NOT NULL,
    taken BIGINT NOT NULL,
    -- How many have joined the waiting line so far: the next one's position.
    waiting_joined BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (place_id, day, starts),
    CHECK (taken >= 0 AND taken <= capacity)
);

-- One row per ID number that has booked, keyed by a digest (no personal data). Booking updates its row first, so
-- two bookings for one person take turns and cannot both slip under the limits.
CREATE TABLE IF NOT EXISTS booking_holders (
    id_digest TEXT PRIMARY KEY,
    last_booked_at BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS bookings (
    -- The long random secret in the QR code's URL.
    token TEXT PRIMARY KEY,
    -- The short code typed at a kiosk or counter.
    check_in_code TEXT NOT NULL UNIQUE,
    item_id BIGINT NOT NULL REFERENCES items (id),
    place_id TEXT NOT NULL,
    day TEXT NOT NULL,
    starts TEXT NOT NULL,
    -- booked | waiting | cancelled | checked_in | place_closed
    status TEXT NOT NULL,
    id_digest TEXT NOT NULL,
    -- Personal data, blanked when the booking is anonymised.
    applicant_name TEXT NOT NULL,
    id_type TEXT NOT NULL,
    id_number TEXT NOT NULL,
    phone TEXT NOT NULL,
    on_behalf BOOLEAN NOT NULL,
    created_at BIGINT NOT NULL,
    -- Position in the slot's waiting line (1 = first), while waiting.
    waiting_position BIGINT,
    checked_in_at BIGINT,
    -- Order of arrival at the place that day (1 = first).
    check_in_position BIGINT,
    anonymised BOOLEAN NOT NULL,
    FOREIGN KEY (place_id, day, starts) REFERENCES slots (place_id, day, starts)
);
CREATE INDEX IF NOT EXISTS bookings_holder ON bookings (id_digest, status);
CREATE INDEX IF NOT EXISTS bookings_slot ON bookings (place_id, day, starts, status);
CREATE INDEX IF NOT EXISTS bookings_phone ON bookings (phone);

-- How many have checked in at a place on a day: the next arrival's position, handed out by one UPDATE.
CREATE TABLE IF NOT EXISTS check_in_counters (
    place_id TEXT NOT NULL REFERENCES places (id),
    day TEXT NOT NULL,
    checked_in BIGINT NOT NULL,
    PRIMARY KEY (place_id, day)
);

-- A place closed for a day by staff (an exception to its opening hours).
CREATE TABLE IF NOT EXISTS place_closures (
    place_id TEXT NOT NULL REFERENCES places (id),
    day TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (place_id, day)
);
