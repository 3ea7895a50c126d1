//! A department's last twelve months: each published month's final figures (latest version), this month's so
//! far, and the months in between marked as not published; the enforcement records it reported each month; and
//! its least satisfied categories over those months.

use super::{live, name_of, reported, row};
use crate::categories::category;
use crate::deadline::written;
use crate::rankings::method::Component;
use crate::rankings::page_data::{CategoryLine, DepartmentHistory, MonthFigures};
use crate::rankings::publication::Month;
use crate::rankings::standings::{percent, worst_categories, Place};
use crate::services::Services;
use leptos::prelude::ServerFnError;

/// The months a department's page shows.
const MONTHS: usize = 12;

/// `None`: no such department.
pub async fn department_history(services: &Services, id: &str) -> Result<Option<DepartmentHistory>, ServerFnError> {
    let departments = services.catalog.store.departments().await?;
    let Some(department) = departments.iter().find(|d| d.id == id) else { return Ok(None) };
    let now = services.site.clock.now();
    let this = Month::of(now);
    let published = services.rankings.published().await?;
    let mut months: Vec<Month> = std::iter::successors(Some(this), |m| Some(m.previous())).take(MONTHS).collect();
    months.reverse();
    let mut figures = Vec::new();
    for (at, month) in months.iter().enumerate() {
        let label = if at == 0 || month.month == 1 { month.words() } else { format!("{}月", month.month) };
        let (state, standing, change) = if *month == this {
            let standings = live(services, this).await?;
            let standing = standings.into_iter().find(|s| s.figures.department == id);
            (format!("本月截至{}", written(now)), standing, String::new())
        } else if let Some(snapshot) = published.iter().find(|s| s.month == *month) {
            let row = snapshot.rows.iter().find(|r| r.standing.figures.department == id);
            let state = format!("已公布（第{}版）", snapshot.version);
            (state, row.map(|r| r.standing.clone()), row.map_or(String::new(), |r| r.change.clone()))
        } else {
            ("未公布".to_string(), None, String::new())
        };
        let (records, timely) = reported(services, *month)
            .await?
            .into_iter()
            .filter(|(department, _, _)| department == id)
            .fold((0, 0), |(records, timely), (_, _, counted)| (records + counted.records, timely + counted.timely));
        figures.push(MonthFigures {
            enforcement: if records == 0 { "—".into() } else { format!("{records}条（按时{timely}条）") },
            code: month.code(),
            label,
            state,
            composite: standing.as_ref().filter(|s| s.place != Place::TooFew).and_then(|s| s.composite),
            row: standing.map(|s| row(&s, change, false, &departments)),
        });
    }
    let by_category = services.rankings.by_category(id, months[0].start(), this.end()).await?;
    let worst = worst_categories(by_category)
        .into_iter()
        .map(|(code, callbacks)| {
            let rate = |wanted: Component| {
                callbacks.rates().into_iter().find(|(c, _)| *c == wanted).map_or("—".into(), |(_, v)| percent(v))
            };
            CategoryLine {
                label: category(&code).map_or(code.clone(), |c| c.label.to_string()),
                n: callbacks.valid,
                resolution: rate(Component::Resolution),
                satisfaction: rate(Component::Satisfaction),
            }
        })
        .collect();
    Ok(Some(DepartmentHistory {
        worst,
        id: department.id.clone(),
        name: name_of(&departments, id),
        months: figures,
        reviewed_on: department.responsibilities_reviewed_on.format("%Y年%-m月%-d日").to_string(),
        stale: department.is_stale(now.date_naive()),
    }))
}
