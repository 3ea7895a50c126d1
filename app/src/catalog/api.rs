//! Server functions of the catalog, and what they answer with. Each is one call: to the search index, the store,
//! or `catalog::service` where a page needs more than one thing.

use super::filter::CatalogQuery;
use super::model::{Department, Item, ItemId, ItemSummary, Page, Place, SearchResults};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[server(endpoint = "search_items")]
pub async fn search_items(q: String) -> Result<SearchResults, ServerFnError> {
    super::validate_query(&q).map_err(crate::ui::rejected)?;
    Ok(crate::services::services()?.catalog.search.results(&q))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetails {
    pub item: Item,
    pub places: Vec<Place>,
    /// The page's public URL and its QR code, so a kiosk user can carry the page away on a phone.
    pub public_url: String,
    pub qr_svg: String,
    /// The materials this visitor ticked and saved (`checklist`).
    pub ticked: Vec<usize>,
}

#[server(endpoint = "fetch_item_details")]
pub async fn fetch_item_details(id: ItemId) -> Result<Option<ItemDetails>, ServerFnError> {
    let session = leptos_axum::extract().await?;
    super::service::item_details(&crate::services::services()?, &session, id).await
}

#[server(endpoint = "list_items")]
pub async fn list_items(query: CatalogQuery) -> Result<Option<Page<ItemSummary>>, ServerFnError> {
    Ok(crate::services::services()?.catalog.store.items(&query).await?)
}

#[server(endpoint = "popular_items")]
pub async fn popular_items() -> Result<Vec<ItemSummary>, ServerFnError> {
    Ok(crate::services::services()?.catalog.popular())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentDetails {
    pub department: Department,
    pub stale: bool,
    pub items: Page<ItemSummary>,
}

#[server(endpoint = "fetch_department_details")]
pub async fn fetch_department_details(id: String, page: usize) -> Result<Option<DepartmentDetails>, ServerFnError> {
    super::service::department_details(&crate::services::services()?, id, page).await
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOverview {
    pub department: Department,
    pub stale: bool,
}

#[server(endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentOverview>, ServerFnError> {
    super::service::departments(&crate::services::services()?).await
}
