//! The catalog's use cases, server-only: what its server functions answer when a page needs more than one thing,
//! and what the checklist form decides. The rules are the plain functions of `checklist`, `filter` and `model`.

use super::checklist::{session_key, ticked_from_form};
use super::filter::CatalogQuery;
use super::model::ItemId;
use super::page_data::{DepartmentDetails, DepartmentOverview, ItemDetails};
use crate::services::Services;
use crate::storage::session_failed;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;
use tower_sessions::Session;

/// An item with the places that handle it, its QR code, and the materials this visitor ticked.
pub async fn item_details(
    services: &Services,
    session: &Session,
    id: ItemId,
) -> Result<Option<ItemDetails>, ServerFnError> {
    let Some(item) = services.catalog.store.item(id).await? else { return Ok(None) };
    let public_url = format!("{}/items/{}", services.site.public_base_url, item.id);
    Ok(Some(ItemDetails {
        places: services.catalog.store.places_handling(id).await?,
        qr_svg: crate::ui::qr::public_qr_svg(&public_url)?,
        ticked: session.get(&session_key(id)).await.map_err(session_failed)?.unwrap_or_default(),
        public_url,
        item,
    }))
}

/// A department, whether its responsibility list is out of date, and a page of its items.
pub async fn department_details(
    services: &Services,
    id: String,
    page: usize,
) -> Result<Option<DepartmentDetails>, ServerFnError> {
    let Some(department) = services.catalog.store.department(&id).await? else { return Ok(None) };
    let query = CatalogQuery { department: Some(id), page, ..Default::default() };
    let Some(items) = services.catalog.store.items(&query).await? else { return Ok(None) };
    Ok(Some(DepartmentDetails { stale: department.is_stale(services.site.clock.today()), department, items }))
}

pub async fn departments(services: &Services) -> Result<Vec<DepartmentOverview>, ServerFnError> {
    let today = services.site.clock.today();
    let departments = services.catalog.store.departments().await?;
    Ok(departments.into_iter().map(|d| DepartmentOverview { stale: d.is_stale(today), department: d }).collect())
}

/// `POST /items/{id}/checklist`: the ticks saved (none ticked: the checklist removed), and back to the item's
/// materials. `None` when there is no such item.
pub async fn save_checklist(
    services: &Services,
    session: &Session,
    id: &str,
    fields: &[(String, String)],
) -> Result<Option<Decision>, ServerFnError> {
    let Ok(id) = id.parse::<ItemId>() else { return Ok(None) };
    let Some(item) = services.catalog.store.item(id).await? else { return Ok(None) };
    let ticked = match ticked_from_form(fields, item.materials.len()) {
        Ok(ticked) => ticked,
        Err(message) => return Ok(Some(Decision::whole(message))),
    };
    let key = session_key(id);
    let saved = if ticked.is_empty() {
        session.remove::<Vec<usize>>(&key).await.map(drop)
    } else {
        session.insert(&key, ticked).await
    };
    saved.map_err(session_failed)?;
    Ok(Some(Decision::Onward(PagePath::new(&["items", &id.to_string()]).with_fragment("materials"))))
}
