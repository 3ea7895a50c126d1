//! What server functions call: storage traits implemented in `server/`, and the per-process services, provided
//! together as one context. Server-only; the browser build never sees it.

use crate::catalog::filter::CatalogQuery;
use crate::catalog::model::{Department, Item, ItemId, ItemSummary, Page, Place};
use crate::catalog::search::SearchIndex;
use crate::clock::Clock;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(String),
}

#[async_trait::async_trait]
pub trait CatalogStore: Send + Sync {
    async fn item(&self, id: ItemId) -> Result<Option<Item>, StoreError>;
    /// `None` when the query names a department that does not exist.
    async fn items(&self, query: &CatalogQuery) -> Result<Option<Page<ItemSummary>>, StoreError>;
    async fn department(&self, id: &str) -> Result<Option<Department>, StoreError>;
    async fn departments(&self) -> Result<Vec<Department>, StoreError>;
    async fn places_handling(&self, item: ItemId) -> Result<Vec<Place>, StoreError>;
}

/// Everything server functions need, provided once per request by the server.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn CatalogStore>,
    pub search: Arc<SearchIndex>,
    pub clock: Clock,
    /// Where QR codes point; configured, never taken from the Host header.
    pub public_base_url: Arc<str>,
}

pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("Services missing from context"))
}

/// An expected refusal (bad input) from a server function: the message for the resident, with a 400 status,
/// so a JSON caller sees a client error and not a server fault.
pub fn rejected(message: impl Into<String>) -> ServerFnError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    ServerFnError::new(message.into())
}
