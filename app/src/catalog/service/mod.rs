//! The catalog's use cases, server-only: what its server functions answer when a page needs more than one thing,
//! and what the checklist form decides. The rules are the plain functions of `checklist`, `filter` and `model`.
//! `editing`: keeping the disclosure up to date.

pub mod editing;

use super::checklist::{session_key, still_listed, ticked_from_form};
use super::filter::CatalogQuery;
use super::freshness::{freshness, Freshness};
use super::model::is_stale;
use super::model::ItemId;
use super::page_data::{DepartmentDetails, DepartmentOverview, DepartmentStaleness, ItemDetails, StalenessReport};
use crate::services::Services;
use crate::staff::model::{Denied, Grant, StaffUser};
use crate::storage::session_failed;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;
use std::collections::BTreeMap;
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
        ticked: still_listed(
            session.get(&session_key(id)).await.map_err(session_failed)?.unwrap_or_default(),
            &item.materials,
        ),
        stale: item.is_stale(services.site.clock.today()),
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
    let ticked = match ticked_from_form(fields, &item.materials) {
        Ok(ticked) => ticked,
        Err(message) => return Ok(Some(Decision::whole(message))),
    };
    let key = session_key(id);
    let saved = if ticked.is_empty() {
        session.remove::<Vec<String>>(&key).await.map(drop)
    } else {
        session.insert(&key, ticked).await
    };
    saved.map_err(session_failed)?;
    Ok(Some(Decision::Onward(PagePath::new(&["items", &id.to_string()]).with_fragment("materials"))))
}

/// What is stale in the disclosure of `departments` (all when `None`), the stalest department first: the staff
/// report beside the freshness component of the standings.
pub async fn staleness(services: &Services, departments: Option<&[String]>) -> Result<StalenessReport, ServerFnError> {
    const DAY: &str = "%Y年%-m月%-d日";
    let today = services.site.clock.today();
    let reviews = services.catalog.store.reviews().await?;
    let dates: Vec<_> = reviews.iter().map(|r| (r.department.clone(), r.reviewed_on)).collect();
    let counted: BTreeMap<String, Freshness> = freshness(&dates, today).into_iter().collect();
    let mut shown = Vec::new();
    for department in services.catalog.store.departments().await? {
        if departments.is_some_and(|wanted| !wanted.contains(&department.id)) {
            continue;
        }
        let mut stale: Vec<_> = reviews
            .iter()
            .filter(|r| r.department == department.id && is_stale(r.reviewed_on, today))
            .filter_map(|r| r.item.clone().map(|(id, name)| (r.reviewed_on, id, name)))
            .collect();
        stale.sort();
        let rate = counted.get(&department.id).and_then(Freshness::rate).unwrap_or(1.0);
        shown.push((
            rate,
            DepartmentStaleness {
                list_reviewed_on: department.responsibilities_reviewed_on.format(DAY).to_string(),
                list_stale: department.is_stale(today),
                items: reviews.iter().filter(|r| r.department == department.id && r.item.is_some()).count() as u32,
                stale_items: stale.into_iter().map(|(on, id, name)| (id, name, on.format(DAY).to_string())).collect(),
                fresh_share: format!("{:.1}%", rate * 100.0),
                id: department.id,
                name: department.name,
            },
        ));
    }
    shown.sort_by(|a, b| a.0.total_cmp(&b.0));
    Ok(StalenessReport {
        today: today.format(DAY).to_string(),
        departments: shown.into_iter().map(|(_, department)| department).collect(),
    })
}

/// Who may read the report: an admin (the district's service office), or a department head.
pub fn may_see_report(caller: Option<&StaffUser>) -> Result<&StaffUser, Denied> {
    let user = caller.ok_or(Denied::NotSignedIn)?;
    if user.holds(&Grant::Admin) || !headed(user).is_empty() {
        Ok(user)
    } else {
        Err(Denied::NotGranted)
    }
}

/// The departments `user` reads the report of: every one for an admin (`None`), else those they head.
pub fn report_scope(user: &StaffUser) -> Option<Vec<String>> {
    (!user.holds(&Grant::Admin)).then(|| headed(user))
}

fn headed(user: &StaffUser) -> Vec<String> {
    user.grants
        .iter()
        .filter_map(|grant| match grant {
            Grant::DepartmentHead { department } => Some(department.clone()),
            _ => None,
        })
        .collect()
}
