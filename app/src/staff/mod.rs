//! Staff identity, the ground every staff capability stands on: accounts holding grants (`model`), the rules of
//! signing in (`sign_in`), partner systems' API keys (`keys`), and the one check, `model::require`, that every staff page, form handler and server
//! function makes itself. Counter staff, petition handlers and rankings import it; it imports none of them.

pub mod api;
#[cfg(feature = "ssr")]
pub mod keys;
pub mod model;
pub mod page_data;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod secrets;
#[cfg(feature = "ssr")]
pub mod service;
pub mod sign_in;
#[cfg(feature = "ssr")]
pub mod store;
