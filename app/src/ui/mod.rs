//! Shared ground: the page frame, small components and request-level helpers every capability uses.

#[cfg(feature = "ssr")]
pub mod csp;
pub mod dom;
pub mod elder;
pub mod form;
pub mod kiosk_frame;
mod layout;
pub mod live;
#[cfg(feature = "ssr")]
pub mod own_page;
#[cfg(feature = "ssr")]
pub mod page_path;
mod pagination;
#[cfg(feature = "ssr")]
pub mod qr;
pub mod questions;
mod status;

pub use layout::{found_or_not_found, shown, DemoBanner, NotFound, PageFrame, Problem, ProblemPage, WithIslands};
pub use pagination::Pagination;
#[cfg(feature = "ssr")]
pub use status::rejected;
pub use status::{redirect_to, set_status, status_set, PageResponse};

/// A query value as a link carries it: every byte outside A–Z, a–z and 0–9 percent-encoded. (Pages build their
/// links in the browser build too, where `url` is not compiled in.)
pub fn query_value(value: &str) -> String {
    value
        .bytes()
        .map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}
