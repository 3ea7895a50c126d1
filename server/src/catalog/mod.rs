//! Server side of the catalog: the seed data and the SQL behind `app::store::CatalogStore`.

pub mod checklist;
pub mod fragments;
pub mod seed;
mod store;

pub(crate) use store::PlaceRow;
pub use store::SqlCatalog;
