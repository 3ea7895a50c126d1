//! Server side of the catalog: the seed data and the SQL behind `app::catalog::store::CatalogStore`.

pub mod checklist;
mod editing;
mod editing_forms;
pub mod fragments;
pub mod seed;
mod store;

pub(crate) use store::PlaceRow;
pub use store::SqlCatalog;

use crate::live::{Changes, Signal, Topic};
use crate::routes::{form, get_as, Declared, Kind};
use app::catalog::editing::Entry;
use app::catalog::search::SearchIndex;
use app::catalog::store::CatalogStore;
use std::sync::Arc;
use tokio::sync::broadcast::error::RecvError;

pub fn routes() -> Vec<Declared> {
    vec![
        get_as(Kind::Fragment, "/search/results", fragments::search_results),
        form("/items/{id}/checklist", checklist::save),
        form("/staff/disclosure/edit/{kind}/{id}", editing_forms::save),
        form("/staff/disclosure/approvals/{id}", editing_forms::decide),
    ]
}

/// Keeps this instance's catalog caches and search index in step with every instance's edits: an item's signal
/// replaces its entry in the index, a list's clears the review dates, and a resync (signals may have been lost)
/// reads everything again. The editing instance has forgotten already; this is for the others.
pub fn follow_edits(changes: &Changes, store: Arc<SqlCatalog>, search: Arc<SearchIndex>) {
    let mut heard = changes.subscribe();
    tokio::spawn(async move {
        loop {
            let entry = match heard.recv().await {
                Ok(Signal::Changed(change)) if change.topic == Topic::Catalog => match entry_of(&change.key) {
                    Some(entry) => Some(entry),
                    None => continue,
                },
                Ok(Signal::Changed(_)) => continue,
                Ok(Signal::Resync) | Err(RecvError::Lagged(_)) => None,
                Err(RecvError::Closed) => return,
            };
            store.forget(entry.as_ref());
            let read = match entry.as_ref().map(|e| e.item) {
                Some(Some(id)) => store.item(id).await.map(|item| item.into_iter().collect::<Vec<_>>()),
                Some(None) => continue,
                None => store.all_items().await,
            };
            match read {
                Ok(items) => search.update(&items),
                Err(e) => tracing::warn!(error = %e, "the search index was not brought up to date with an edit"),
            }
        }
    });
}

/// The entry a catalog signal's key names: `item:<id>` or `department:<id>`.
fn entry_of(key: &str) -> Option<Entry> {
    if let Some(id) = key.strip_prefix("item:") {
        return Some(Entry { department: String::new(), item: Some(id.parse().ok()?) });
    }
    key.strip_prefix("department:").map(|department| Entry { department: department.into(), item: None })
}
