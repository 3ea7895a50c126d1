//! Where the catalog is kept (implemented in `server/`), and the catalog as every capability reads it: the stored
//! items and the search index built from them. Server-only.

use super::editing::{Decided, Edit, Entry, Refused, Version};
use super::filter::CatalogQuery;
use super::model::{Department, Item, ItemId, ItemSummary, Page, Place, Review};
use super::search::SearchIndex;
use crate::staff::store::AuditEntry;
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
    /// One of the 133 places; `None` when there is no such place.
    async fn place(&self, id: &str) -> Result<Option<Place>, StoreError>;
    /// All 133 places, by kind, then by name.
    async fn places(&self) -> Result<Vec<Place>, StoreError>;
    /// When each disclosure entry was last reviewed: every department's responsibility list and each of its items,
    /// by department, the list first.
    async fn reviews(&self) -> Result<Arc<Vec<Review>>, StoreError>;

    /// An entry's versions, the newest first.
    async fn versions(&self, entry: &Entry) -> Result<Vec<Version>, StoreError>;
    /// Legal changes waiting for an admin, the oldest first.
    async fn proposals(&self) -> Result<Vec<Version>, StoreError>;
    /// One version, wherever it stands.
    async fn version(&self, id: i64) -> Result<Option<Version>, StoreError>;
    /// Stores `edit` with `audit` in one transaction: its ordinary changes in effect, its legal ones waiting, and
    /// the entry reviewed on the day of `edit.at` (also when nothing changed). `Outdated` when the entry's stamp
    /// moved since `edit.stamp`. Every instance hears of it (its caches and its search index).
    async fn edit(&self, edit: &Edit, audit: &AuditEntry) -> Result<Result<(), Refused>, StoreError>;
    /// Approves a proposal (its changes take effect, unless the fields changed since it was made: `Outdated`) or
    /// rejects it, with `audit`.
    async fn decide(
        &self,
        id: i64,
        approve: bool,
        decided: &Decided,
        audit: &AuditEntry,
    ) -> Result<Result<Version, Refused>, StoreError>;
}

/// The catalog's part of `Services`.
#[derive(Clone)]
pub struct Catalog {
    pub store: Arc<dyn CatalogStore>,
    pub search: Arc<SearchIndex>,
}

/// The popular items, by name, in the order residents most often need them.
const POPULAR: [&str; 8] = [
    "社会保障卡申领",
    "居民身份证换领",
    "结婚登记",
    "生育登记（一孩）",
    "个体工商户设立登记",
    "住房公积金提取（租房）",
    "异地就医备案（临时外出就医）",
    "老年人优待证办理",
];

impl Catalog {
    /// The items residents most often come for (the home page's list, and booking's first question).
    pub fn popular(&self) -> Vec<ItemSummary> {
        POPULAR.iter().filter_map(|name| self.search.by_name(name)).collect()
    }
}
