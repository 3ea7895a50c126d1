//! Petitions' use cases, server-only: what their server functions answer. The rules are the plain functions of
//! `lifecycle`, `tiers` and the shared deadline engine.

use super::categories::category;
use super::lifecycle::Stage;
use super::model::Petition;
use super::page_data::{Queue, QueueRow};
use crate::calendar::WorkCalendar;
use crate::deadline::{span_words, written, State};
use crate::services::Services;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::ServerFnError;

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
