//! Booking a time at one of the 133 places: the rules (slots, codes), the pages and the server functions.

pub mod codes;
pub mod model;
pub mod slots;
