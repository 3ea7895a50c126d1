//! Server functions of the catalog. Bodies stay a few lines: the store and the search index do the work.

use super::filter::CatalogQuery;
use super::model::{Department, Item, ItemId, ItemSummary, Page, Place};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Results shown as you type; the query is echoed so a late answer to an old query can be recognised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub items: Vec<ItemSummary>,
}

/// How many results a search shows; past that, people refine the query.
pub const SEARCH_LIMIT: usize = 30;

#[server(endpoint = "search_items")]
pub async fn search_items(q: String) -> Result<SearchResults, ServerFnError> {
    super::validate_query(&q).map_err(crate::store::rejected)?;
    Ok(crate::store::services()?.search.results(&q))
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
    let services = crate::store::services()?;
    let Some(item) = services.catalog.item(id).await? else { return Ok(None) };
    let public_url = format!("{}/items/{}", services.public_base_url, item.id);
    Ok(Some(ItemDetails {
        places: services.catalog.places_handling(id).await?,
        qr_svg: crate::ui::qr::qr_svg(&public_url)?,
        ticked: crate::catalog::checklist::ticked_in_session(id).await?,
        public_url,
        item,
    }))
}

#[server(endpoint = "list_items")]
pub async fn list_items(query: CatalogQuery) -> Result<Option<Page<ItemSummary>>, ServerFnError> {
    Ok(crate::store::services()?.catalog.items(&query).await?)
}

#[server(endpoint = "popular_items")]
pub async fn popular_items() -> Result<Vec<ItemSummary>, ServerFnError> {
    /// The home page's popular items, by name, in the order residents most often need them.
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
    let services = crate::store::services()?;
    Ok(POPULAR.iter().filter_map(|name| services.search.by_name(name).cloned()).collect())
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentDetails {
    pub department: Department,
    pub stale: bool,
    pub items: Page<ItemSummary>,
}

#[server(endpoint = "fetch_department_details")]
pub async fn fetch_department_details(id: String, page: usize) -> Result<Option<DepartmentDetails>, ServerFnError> {
    let services = crate::store::services()?;
    let Some(department) = services.catalog.department(&id).await? else { return Ok(None) };
    let query = CatalogQuery { department: Some(id), page, ..Default::default() };
    let Some(items) = services.catalog.items(&query).await? else { return Ok(None) };
    Ok(Some(DepartmentDetails { stale: department.is_stale(services.clock.today()), department, items }))
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOverview {
    pub department: Department,
    pub stale: bool,
}

#[server(endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentOverview>, ServerFnError> {
    let services = crate::store::services()?;
    let today = services.clock.today();
    let departments = services.catalog.departments().await?;
    Ok(departments.into_iter().map(|d| DepartmentOverview { stale: d.is_stale(today), department: d }).collect())
}
