//! Kiosk mode: the community centres' self-service terminals. Portrait, large type, every target at least
//! 60 px, no free Chinese text to type, and no link that leaves the kiosk's own pages.

pub mod api;
pub mod pages;
