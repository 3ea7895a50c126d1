//! Booking a time at one of the 133 places: the rules (slots, codes), the pages and the server functions.

pub mod api;
pub mod check_in;
pub mod codes;
pub mod counter;
pub mod draft;
pub mod model;
pub mod page_data;
pub mod pages;
pub mod places;
#[cfg(feature = "ssr")]
pub mod service;
pub mod slots;
#[cfg(feature = "ssr")]
pub mod store;
