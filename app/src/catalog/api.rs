//! Server functions of the catalog. Each is one call: to the search index, the store, or `catalog::service`
//! where a page needs more than one thing (`page_data`).

use super::filter::CatalogQuery;
use super::model::{ItemId, ItemSummary, Page, SearchResults};
use super::page_data::{
    DepartmentDetails, DepartmentOverview, EditorIndex, EntryEditor, ItemDetails, Proposal, StalenessReport,
};
use leptos::prelude::*;

#[server(endpoint = "search_items")]
pub async fn search_items(q: String) -> Result<SearchResults, ServerFnError> {
    super::validate_query(&q).map_err(crate::ui::rejected)?;
    Ok(crate::services::services()?.catalog.search.results(&q))
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

#[server(endpoint = "fetch_department_details")]
pub async fn fetch_department_details(id: String, page: usize) -> Result<Option<DepartmentDetails>, ServerFnError> {
    super::service::department_details(&crate::services::services()?, id, page).await
}

#[server(endpoint = "list_departments")]
pub async fn list_departments() -> Result<Vec<DepartmentOverview>, ServerFnError> {
    super::service::departments(&crate::services::services()?).await
}

/// The staff report of stale disclosure: an admin reads every department's, a department head their own.
#[server(prefix = "/staff/api", endpoint = "disclosure_report")]
pub async fn disclosure_report() -> Result<StalenessReport, ServerFnError> {
    let (services, user) = crate::staff::service::allowed_by(super::service::may_see_report).await?;
    super::service::staleness(&services, super::service::report_scope(&user).as_deref()).await
}

/// The departments the caller keeps the disclosure of, each entry with when it was last reviewed.
#[server(prefix = "/staff/api", endpoint = "disclosure_editor_index")]
pub async fn disclosure_editor_index() -> Result<EditorIndex, ServerFnError> {
    let (services, user) = crate::staff::service::allowed_by(super::service::editing::may_edit).await?;
    super::service::editing::editor_index(&services, &user).await
}

/// One entry's editor (`kind`: `departments` or `items`), for an editor of its department.
#[server(prefix = "/staff/api", endpoint = "disclosure_entry_editor")]
pub async fn disclosure_entry_editor(kind: String, id: String) -> Result<Option<EntryEditor>, ServerFnError> {
    use super::service::editing::{entry_editor, may_edit, Target};
    let (services, user) = crate::staff::service::allowed_by(may_edit).await?;
    let Some(target) = Target::named(&kind, &id) else { return Ok(None) };
    entry_editor(&services, &user, &target).await?.map_err(crate::staff::service::refused)
}

/// Legal changes waiting for the district's service office.
#[server(prefix = "/staff/api", endpoint = "disclosure_proposals")]
pub async fn disclosure_proposals() -> Result<Vec<Proposal>, ServerFnError> {
    let (services, _) = crate::staff::service::allowed(&crate::staff::model::Grant::Admin).await?;
    super::service::editing::proposals(&services).await
}
