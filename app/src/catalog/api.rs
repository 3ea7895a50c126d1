//! Server functions of the catalog. Bodies stay a few lines: the store and the search index do the work.

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
    let services = crate::services::services()?;
    let Some(item) = services.catalog.store.item(id).await? else { return Ok(None) };
    let public_url = format!("{}/items/{}", services.site.public_base_url, item.id);
    Ok(Some(ItemDetails {
        places: services.catalog.store.places_handling(id).await?,
        qr_svg: crate::ui::qr::qr_svg(&public_url)?,
        ticked: crate::catalog::checklist::ticked_in_session(id).await?,
        public_url,
        item,
    }))
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
    let services = crate::services::services()?;
    let Some(department) = services.catalog.store.department(&id).await? else { return Ok(None) };
    let query = CatalogQuery { department: Some(id), page, ..Default::default() };
    let Some(items) = services.catalog.store.items(&query).await? else { return Ok(None) };
    Ok(Some(DepartmentDetails { stale: department.is_stale(services.site.clock.today()), department, items }))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOverview {
    pub department: Department,
    pub stale: bool,
}

#[server(endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentOverview>, ServerFnError> {
    let services = crate::services::services()?;
    let today = services.site.clock.today();
    let departments = services.catalog.store.departments().await?;
    Ok(departments.into_iter().map(|d| DepartmentOverview { stale: d.is_stale(today), department: d }).collect())
}
