//! Where the catalog is kept (implemented in `server/`), and the catalog as every capability reads it: the stored
//! items and the search index built from them. Server-only.

use super::filter::CatalogQuery;
use super::model::{Department, Item, ItemId, ItemSummary, Page, Place};
use super::search::SearchIndex;
use crate::storage::StoreError;
use std::sync::Arc;

#[async_trait::async_trait]
pub trait CatalogStore: Send + Sync {
    async fn item(&self, id: ItemId) -> Result<Option<Item>, StoreError>;
    /// `None` when the query names a department that does not exist.
    async fn items(&self, query: &CatalogQuery) -> Result<Option<Page<ItemSummary>>, StoreError>;
    async fn department(&self, id: &str) -> Result<Option<Department>, StoreError>;
    async fn departments(&self) -> Result<Vec<Department>, StoreError>;
    async fn places_handling(&self, item: ItemId) -> Result<Vec<Place>, StoreError>;
}

/// The catalog's part of `Services`.
#[derive(Clone)]
pub struct Catalog {
    pub store: Arc<dyn CatalogStore>,
    pub search: Arc<SearchIndex>,
}
