//! Petitions' use cases, server-only: what their server functions answer. The rules are the plain functions of
//! `lifecycle`, `tiers` and the shared deadline engine.

use super::categories::category;
use super::lifecycle::Stage;
use super::lifecycle::{Action, Actor};
use super::model::Petition;
use super::page_data::{DispatchDesk, Queue, QueueRow, ToRoute};
use super::store::{NotTaken, Step};
use crate::calendar::WorkCalendar;
use crate::deadline::{span_words, written, State};
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::{Decision, FormProblem};
use chrono::{DateTime, FixedOffset};
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// The department's open petitions, the one whose next deadline comes first at the top. `None`: no such
/// department.
pub async fn queue(services: &Services, department: &str) -> Result<Option<Queue>, ServerFnError> {
    let Some(found) = services.catalog.store.department(department).await? else { return Ok(None) };
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let mut rows: Vec<(DateTime<FixedOffset>, QueueRow)> =
        services.petitions.open_in(department, now).await?.iter().map(|p| queue_row(p, now, calendar)).collect();
    rows.sort_by_key(|(due, _)| *due);
    let counts = [State::VeryOverdue, State::Overdue, State::DueSoon, State::OnTime]
        .into_iter()
        .map(|state| (state, rows.iter().filter(|(_, row)| row.state == state).count()))
        .collect();
    Ok(Some(Queue {
        department_id: found.id,
        department_name: found.name,
        counts,
        rows: rows.into_iter().map(|(_, row)| row).collect(),
    }))
}

/// A petition in the queue, by the clock that runs out next: the first response until it is met, then the result.
fn queue_row(
    petition: &Petition,
    now: DateTime<FixedOffset>,
    calendar: &WorkCalendar,
) -> (DateTime<FixedOffset>, QueueRow) {
    let (clock, period, due) = match petition.responded_at {
        None => ("响应", petition.case.tier.clocks().respond, petition.response_due(calendar)),
        Some(_) => ("办结", petition.result_period(), petition.result_due(calendar)),
    };
    let left = if clock == "办结" && petition.case.stage == Stage::AwaitingInformation {
        "暂停计时（待补充材料）".to_string()
    } else if now <= due.at {
        format!("剩余{}", span_words(due.at - now))
    } else {
        format!("已超期{}", span_words(now - due.at))
    };
    let filed = &petition.filed;
    let row = QueueRow {
        number: petition.number.clone(),
        title: filed.title.clone(),
        category: category(&filed.category).map_or(filed.category.clone(), |c| c.label.to_string()),
        tier: petition.case.tier.clocks().label.to_string(),
        place: format!("{} · {}", filed.street, filed.community),
        stage: petition.case.stage.label().to_string(),
        clock: clock.to_string(),
        due: written(due.at),
        provisional: due.provisional,
        state: period.state(due, now, calendar),
        left,
    };
    (due.at, row)
}

/// The new petitions for the dispatch centre to route, oldest first, each with its category's department.
pub async fn dispatch_desk(services: &Services) -> Result<DispatchDesk, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let rows = services
        .petitions
        .unrouted(now)
        .await?
        .iter()
        .map(|petition| ToRoute {
            id: petition.id,
            version: petition.version,
            line: queue_row(petition, now, calendar).1,
            suggested: category(&petition.filed.category).and_then(|c| c.department).map(str::to_string),
        })
        .collect();
    let departments = services.catalog.store.departments().await?.into_iter().map(|d| (d.id, d.name)).collect();
    Ok(DispatchDesk { rows, departments })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct RouteForm {
    #[serde(default)]
    pub id: i64,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub department: String,
}

/// Routes a new petition to a department; the caller must be a dispatcher. Recorded in the petition's history and
/// the audit trail together.
pub async fn route(
    services: &Services,
    caller: Option<&StaffUser>,
    form: RouteForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let Some(department) = services.catalog.store.department(&form.department).await? else {
        return Ok(Ok(Decision::whole("请选择办理部门。")));
    };
    let now = services.site.clock.now();
    let action = Action::Route { department: department.id.clone() };
    let subject = format!("诉求{} → {}", form.id, department.name);
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "派单", subject, now);
    let step = Step { actor: &Actor::Dispatcher, action: &action, note: &department.name, audit: Some(&audit) };
    Ok(Ok(match services.petitions.act(form.id, form.version, step, now).await? {
        Ok(_) => Decision::onward("/staff/dispatch"),
        Err(NotTaken::Changed) => {
            Decision::Again(FormProblem::whole("这件诉求刚刚已被他人处理，页面已更新，请再看一下。").with_status(409))
        }
        Err(NotTaken::Refused(refusal)) => Decision::whole(refusal.to_string()),
        Err(NotTaken::NotFound) => Decision::whole("没有找到这件诉求。"),
    }))
}
