-- When a waiting-list entry got its seat (Unix seconds), so its booking page can say so; NULL for a booking that
-- never waited, or is still waiting.
ALTER TABLE bookings ADD COLUMN promoted_at BIGINT;
