//! Shared ground: the page frame, small components and request-level helpers every capability uses.

pub mod dom;
pub mod elder;
pub mod form;
pub mod kiosk;
mod layout;
pub mod live;
#[cfg(feature = "ssr")]
pub mod own_page;
#[cfg(feature = "ssr")]
pub mod page_path;
#[cfg(feature = "ssr")]
pub mod qr;
#[cfg(feature = "ssr")]
pub mod security;
mod status;

pub use layout::{found_or_not_found, shown, NotFound, PageFrame, ProblemPage, WithIslands};
#[cfg(feature = "ssr")]
pub use status::rejected;
pub use status::{redirect_to, set_status};
