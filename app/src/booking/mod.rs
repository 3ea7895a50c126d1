//! Booking a time at one of the 133 places: the rules (slots, codes), the pages and the server functions.

pub mod api;
pub mod check_in;
pub mod codes;
pub mod flow;
pub mod model;
pub mod pages;
pub mod slots;
#[cfg(feature = "ssr")]
pub mod store;
