//! The dispatch centre's oversight beyond routing: everything overdue across departments, the callbacks it makes
//! by phone for residents without the link, and merging a duplicate into the petition it repeats.

use super::{after_step, queue_row, CallbackForm};
use crate::calendar::WorkCalendar;
use crate::deadline::State;
use crate::petitions::lifecycle::{Action, Actor, Stage};
use crate::petitions::page_data::{Overdue, ToCallBack};
use crate::petitions::store::Step;
use crate::petitions::tracking::spaced;
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// Every petition overdue in any department, the longest overdue first.
pub(super) async fn overdue(services: &Services) -> Result<Vec<Overdue>, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let working = [Stage::Routed, Stage::SignedFor, Stage::Responded, Stage::AwaitingInformation];
    let departments = services.catalog.store.departments().await?;
    let mut rows: Vec<_> = services
        .petitions
        .in_stages(&working, now)
        .await?
        .iter()
        .map(|petition| (petition, queue_row(petition, now, calendar)))
        .filter(|(_, (_, row))| matches!(row.state, State::Overdue | State::VeryOverdue))
        .map(|(petition, (due, line))| {
            let department = petition.case.department.as_deref().unwrap_or_default();
            let name =
                departments.iter().find(|d| d.id == department).map_or(department.to_string(), |d| d.name.clone());
            (due, Overdue { department: name, line })
        })
        .collect();
    rows.sort_by_key(|(due, _)| *due);
    Ok(rows.into_iter().map(|(_, row)| row).collect())
}

/// The closed petitions waiting for their callback, oldest first: the dispatch centre calls those residents.
pub(super) async fn to_call_back(services: &Services) -> Result<Vec<ToCallBack>, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    Ok(services
        .petitions
        .in_stages(&[Stage::Closed], now)
        .await?
        .iter()
        .map(|petition| ToCallBack {
            number: petition.number.clone(),
            version: petition.version,
            line: queue_row(petition, now, calendar).1,
        })
        .collect())
}

/// The callback form with the petition's number (not flattened: a flattened form cannot read its numbers).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PhoneCallbackForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub contacted: String,
    #[serde(default)]
    pub solved: String,
    #[serde(default)]
    pub rating: String,
}

/// A callback made by phone: the dispatcher records what the resident said, audited.
pub async fn call_back(
    services: &Services,
    caller: Option<&StaffUser>,
    form: PhoneCallbackForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let petition = super::named(services, &form.number).await?;
    let Some(petition) = petition else { return Ok(Ok(Decision::whole("没有找到这件诉求。"))) };
    let PhoneCallbackForm { number: _, version, contacted, solved, rating } = form;
    let action = match (CallbackForm { version, contacted, solved, rating }).action() {
        Ok(action) => action,
        Err(problem) => return Ok(Ok(Decision::Again(problem))),
    };
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "电话回访", format!("诉求{}", petition.number), now);
    let step =
        Step { actor: &Actor::Dispatcher, action: &action, note: "电话回访", audit: Some(&audit), texts: &[] };
    let outcome = services.petitions.act(petition.id, version, step, now).await?;
    Ok(Ok(after_step(outcome, PagePath::fixed("/staff/dispatch"))))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct MergeForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub version: i64,
    /// The tracking number of the petition it repeats.
    #[serde(default)]
    pub into: String,
}

/// A new petition that repeats an open one is merged into it: it ends, its resident reads which one carries on.
pub async fn merge(
    services: &Services,
    caller: Option<&StaffUser>,
    form: MergeForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let Some(merged) = super::named(services, &form.number).await? else {
        return Ok(Ok(Decision::whole("没有找到这件诉求。")));
    };
    let target = super::named(services, &form.into).await?;
    let Some(target) = target.filter(|t| t.id != merged.id && t.case.stage.is_open()) else {
        return Ok(Ok(Decision::field("into", "请填写要合并到的另一件正在办理的诉求的受理编号。")));
    };
    let number = spaced(&target.number);
    let note = format!("与诉求{number}是同一件事，合并办理，请查看那件诉求的进度。");
    let audit =
        AuditEntry::by(user, &Grant::Dispatcher, "合并诉求", format!("诉求{} → {}", merged.number, target.number), now);
    let step =
        Step { actor: &Actor::Dispatcher, action: &Action::MergeInto, note: &note, audit: Some(&audit), texts: &[] };
    let outcome = services.petitions.act(merged.id, form.version, step, now).await?;
    Ok(Ok(after_step(outcome, PagePath::fixed("/staff/dispatch"))))
}
