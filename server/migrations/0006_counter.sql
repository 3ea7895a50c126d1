-- What a closure replaced, so reopening the place restores it: the booking's status and its place in the waiting
-- line. NULL for a booking no closure touched.
ALTER TABLE bookings ADD COLUMN status_before_closure TEXT;
ALTER TABLE bookings ADD COLUMN waiting_position_before_closure BIGINT;
