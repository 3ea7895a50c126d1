//! Server side of the catalog: the seed data and the SQL behind `app::catalog::store::CatalogStore`.

pub mod checklist;
pub mod fragments;
pub mod seed;
mod store;

pub(crate) use store::PlaceRow;
pub use store::SqlCatalog;

use crate::routes::{form, get_as, Declared, Kind};

pub fn routes() -> Vec<Declared> {
    vec![
        get_as(Kind::Fragment, "/search/results", fragments::search_results),
        form("/items/{id}/checklist", checklist::save),
    ]
}
