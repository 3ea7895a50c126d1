//! What a department may only ask for, and the dispatch centre decides: a transfer to another department, more
//! time, a decline. Departments cannot dodge their figures alone; the resident is told what was approved.

use super::{after_step, queue_row, texts_to_resident};
use crate::calendar::WorkCalendar;
use crate::deadline::Period;
use crate::personal::text_within;
use crate::petitions::lifecycle::{judge, Action, Actor, DeclineReason, Request};
use crate::petitions::model::Petition;
use crate::petitions::page_data::{RequestForms, RequestRow};
use crate::petitions::store::Step;
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// The request forms a handler is offered on a petition, if the rules let them ask now.
pub(super) async fn request_forms(
    services: &Services,
    petition: &Petition,
    department: &str,
) -> Result<Option<RequestForms>, ServerFnError> {
    let handler = Actor::Handler { department: department.into() };
    let probe = Action::Ask(Request::Decline { reason: DeclineReason::CannotBeActedOn });
    if judge(&petition.case, &handler, &probe).is_err() {
        return Ok(None);
    }
    let departments = services.catalog.store.departments().await?;
    let longest = petition.case.tier.clocks().longest_extension;
    Ok(Some(RequestForms {
        departments: departments.into_iter().filter(|d| d.id != department).map(|d| (d.id, d.name)).collect(),
        extension: longest.map(|longest| {
            let left = longest.amount.saturating_sub(petition.case.extended_by);
            (left, Period::new(left, longest.unit).words().trim_start_matches(char::is_numeric).to_string())
        }),
        decline_reasons: DeclineReason::ALL.into_iter().map(|r| (r.code().into(), r.label().into())).collect(),
    }))
}

/// The request a handler's form asks for, or what is wrong with it. `None`: not a request.
pub(super) async fn asked(
    services: &Services,
    petition: &Petition,
    form: &super::HandleForm,
) -> Result<Option<Result<(Request, &'static str), &'static str>>, ServerFnError> {
    let reason = form.note.trim().to_string();
    let reasoned = |request: Request, label| match text_within(&reason, 2..=500) {
        true => Ok((request, label)),
        false => Err("请写明理由（2到500字）。"),
    };
    // Only to a department there is: an approved transfer routes the petition there.
    let transfer_to_known =
        form.action == "ask_transfer" && services.catalog.store.department(&form.to).await?.is_some();
    Ok(Some(match form.action.as_str() {
        "ask_transfer" if !transfer_to_known => Err("请选择转给哪个部门。"),
        "ask_transfer" => reasoned(Request::Transfer { to: form.to.clone(), reason: reason.clone() }, "申请转办"),
        "ask_extension" => match (form.amount.parse::<u32>(), petition.case.tier.clocks().longest_extension) {
            (Ok(amount), Some(longest)) if amount > 0 => reasoned(
                Request::Extension { by: Period::new(amount, longest.unit), reason: reason.clone() },
                "申请延期",
            ),
            _ => Err("请填写延期的天数。"),
        },
        "ask_decline" => match DeclineReason::from_code(&form.reason) {
            Some(reason) => Ok((Request::Decline { reason }, "申请不予受理")),
            None => Err("请选择不予受理的理由。"),
        },
        _ => return Ok(None),
    }))
}

/// The petitions whose departments ask the dispatch centre something, oldest first.
pub(super) async fn request_rows(services: &Services) -> Result<Vec<RequestRow>, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let names = department_names(services).await?;
    let name_of = |id: &str| names.iter().find(|(d, _)| d == id).map_or(id.to_string(), |(_, name)| name.clone());
    Ok(services
        .petitions
        .with_requests(now)
        .await?
        .iter()
        .filter_map(|petition| {
            let request = petition.case.pending.as_ref()?;
            Some(RequestRow {
                number: petition.number.clone(),
                version: petition.version,
                line: queue_row(petition, now, calendar).1,
                department: name_of(petition.case.department.as_deref().unwrap_or_default()),
                asked: request.words(name_of),
            })
        })
        .collect())
}

async fn department_names(services: &Services) -> Result<Vec<(String, String)>, ServerFnError> {
    Ok(services.catalog.store.departments().await?.into_iter().map(|d| (d.id, d.name)).collect())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub version: i64,
    /// `1` approves, anything else sends the request back.
    #[serde(default)]
    pub approve: String,
}

/// The dispatch centre approves a department's request, or sends it back. An approval's effect is written to
/// the petition's history in words the resident reads; a refusal stays between staff.
pub async fn decide(
    services: &Services,
    caller: Option<&StaffUser>,
    form: DecideForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let petition = super::named(services, &form.number).await?;
    let Some((petition, request)) = petition.and_then(|p| p.case.pending.clone().map(|request| (p, request))) else {
        return Ok(Ok(Decision::whole("这件诉求没有等待审核的申请。")));
    };
    let approve = form.approve == "1";
    let names = department_names(services).await?;
    let name_of = |id: &str| names.iter().find(|(d, _)| d == id).map_or(id.to_string(), |(_, name)| name.clone());
    let note = if approve { request.approved_words(name_of) } else { format!("退回：{}", request.words(name_of)) };
    let label = if approve { "批准申请" } else { "退回申请" };
    let audit = AuditEntry::by(user, &Grant::Dispatcher, label, format!("诉求{} {note}", petition.number), now);
    let action = Action::Decide { approve };
    let texts = texts_to_resident(services, &petition, &Actor::Dispatcher, &action);
    let step = Step { actor: &Actor::Dispatcher, action: &action, note: &note, audit: Some(&audit), texts: &texts };
    let outcome = services.petitions.act(petition.id, form.version, step, now).await?;
    Ok(Ok(after_step(outcome, PagePath::fixed("/staff/dispatch"))))
}
