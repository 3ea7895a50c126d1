//! The standings as the pages show them: this month's so far, beside last month's for the change; the monthly
//! publication (`publication`); and the import of enforcement records (`reporting`). Server-only.

mod history;
mod publication;
pub mod reporting;

pub use history::department_history;
pub use publication::{
    close, correct, decide, desk, file_appeal, may_see_desk, month_view, open_data, publish, published_months,
    AppealForm, CloseForm, CorrectForm, DecideForm, PublishForm,
};

use super::method::{Component, Weights, MINIMUM_CASES};
use super::page_data::{EnforcementRow, StandingRow, StandingsView};
use super::publication::Month;
use super::reporting::{ActKind, Reporting};
use super::standings::{percent, standings, Figures, Place, Standing};
use super::store::Tallies;
use crate::catalog::freshness::{freshness, Freshness};
use crate::catalog::model::Department;
use crate::services::Services;
use leptos::prelude::ServerFnError;
use std::collections::BTreeMap;

/// The rates the standings tables show, in their order: every component.
const RATES: [Component; 6] = Component::ALL;

/// Standings from each department's tallies: the rates of its callbacks (its n is theirs), the timeliness of its
/// enforcement reporting, and the freshness of its disclosure. A department with records but no callbacks has too
/// few cases to be ranked; one with neither is not in the standings at all.
fn standings_of(tallies: Tallies) -> Vec<Standing> {
    let mut figures: BTreeMap<String, Figures> = tallies
        .callbacks
        .into_iter()
        .map(|(department, callbacks)| {
            (department.clone(), Figures { department, n: callbacks.valid, values: callbacks.rates() })
        })
        .collect();
    for (department, reporting) in tallies.reporting {
        let Some(rate) = reporting.rate() else { continue };
        figures
            .entry(department.clone())
            .or_insert_with(|| Figures { department, n: 0, values: Vec::new() })
            .values
            .push((Component::Reporting, rate));
    }
    for (department, counted) in tallies.freshness {
        if let (Some(figures), Some(rate)) = (figures.get_mut(&department), counted.rate()) {
            figures.values.push((Component::Freshness, rate));
        }
    }
    standings(figures.into_values().collect(), Weights::official(), MINIMUM_CASES)
}

/// Each department's disclosure freshness today.
async fn freshness_now(services: &Services) -> Result<Vec<(String, Freshness)>, ServerFnError> {
    let reviewed: Vec<(String, chrono::NaiveDate)> =
        services.catalog.store.reviews().await?.iter().map(|r| (r.department.clone(), r.reviewed_on)).collect();
    Ok(freshness(&reviewed, services.site.clock.today()))
}

/// A month's enforcement records by department and kind, as reported so far.
async fn reported(services: &Services, month: Month) -> Result<Vec<(String, ActKind, Reporting)>, ServerFnError> {
    Ok(services.rankings.reported(month.start(), month.end()).await?)
}

/// A month's live tallies: its callbacks, its enforcement records by department, and today's freshness.
async fn live_tallies(services: &Services, month: Month) -> Result<Tallies, ServerFnError> {
    let mut reporting: BTreeMap<String, Reporting> = BTreeMap::new();
    for (department, _, counted) in reported(services, month).await? {
        let sum = reporting.entry(department).or_default();
        sum.records += counted.records;
        sum.timely += counted.timely;
    }
    Ok(Tallies {
        callbacks: services.rankings.callbacks(month.start(), month.end()).await?,
        reporting: reporting.into_iter().collect(),
        freshness: freshness_now(services).await?,
    })
}

/// A month's live standings, from its callbacks and its enforcement records.
async fn live(services: &Services, month: Month) -> Result<Vec<Standing>, ServerFnError> {
    Ok(standings_of(live_tallies(services, month).await?))
}

/// The components some department has a figure for.
fn present(standings: &[Standing]) -> Vec<Component> {
    Component::ALL
        .into_iter()
        .filter(|c| standings.iter().any(|s| s.figures.values.iter().any(|(v, _)| v == c)))
        .collect()
}

/// The enforcement table: each department's records this month by kind, and how many were reported in time, the
/// most timely first.
fn enforcement_rows(reported: Vec<(String, ActKind, Reporting)>, departments: &[Department]) -> Vec<EnforcementRow> {
    let mut rows: Vec<EnforcementRow> = Vec::new();
    for (department, kind, counted) in reported {
        if rows.last().is_none_or(|row| row.department_id != department) {
            rows.push(EnforcementRow {
                department: name_of(departments, &department),
                department_id: department,
                by_kind: [0; 5],
                records: 0,
                timely: 0,
                rate: String::new(),
            });
        }
        let row = rows.last_mut().expect("pushed above");
        row.by_kind[ActKind::ALL.iter().position(|k| *k == kind).expect("every kind is in ALL")] += counted.records;
        row.records += counted.records;
        row.timely += counted.timely;
    }
    let rate = |row: &EnforcementRow| Reporting { records: row.records, timely: row.timely }.rate().unwrap_or(0.0);
    // The most timely first, as the standings are read; of those alike, the busiest.
    rows.sort_by(|a, b| rate(b).total_cmp(&rate(a)).then(b.records.cmp(&a.records)));
    for row in &mut rows {
        row.rate = percent(rate(row));
    }
    rows
}

/// A department's place now beside its place the month before, in words.
fn change(now: Place, before: Option<Place>) -> String {
    match (now, before) {
        (Place::TooFew, _) => String::new(),
        (Place::Ranked(now), Some(Place::Ranked(then))) if now < then => format!("上升{}名", then - now),
        (Place::Ranked(now), Some(Place::Ranked(then))) if now > then => format!("下降{}名", now - then),
        (Place::Ranked(_), Some(Place::Ranked(_))) => "持平".into(),
        (Place::Ranked(_), _) => "上月未排名".into(),
    }
}

/// A department's name, or its id if the catalog has none.
fn name_of(departments: &[Department], id: &str) -> String {
    departments.iter().find(|d| d.id == id).map_or(id.to_string(), |d| d.name.clone())
}

/// A standing as the tables show it.
fn row(standing: &Standing, change: String, marked: bool, departments: &[Department]) -> StandingRow {
    let rate = |component: Component| {
        standing.figures.values.iter().find(|(c, _)| *c == component).map_or("—".into(), |(_, v)| percent(*v))
    };
    StandingRow {
        department_id: standing.figures.department.clone(),
        department: name_of(departments, &standing.figures.department),
        n: standing.figures.n,
        rates: RATES.map(rate),
        composite: standing.composite.map_or("—".into(), percent),
        rank: match standing.place {
            Place::Ranked(rank) => Some(rank),
            Place::TooFew => None,
        },
        change,
        marked,
    }
}

/// The weights as used over `present`, and the components left out, in words.
fn weights_in_words(present: &[Component]) -> (Vec<(String, String)>, Vec<String>) {
    let weights = Weights::official();
    let used = weights.renormalised(present).into_iter().map(|(c, w)| (weights.label(c).to_string(), percent(w)));
    let missing = Component::ALL.into_iter().filter(|c| !present.contains(c)).map(|c| weights.label(c).to_string());
    (used.collect(), missing.collect())
}

/// This month's standings up to now, with last month's whole for the change.
pub async fn current(services: &Services) -> Result<StandingsView, ServerFnError> {
    let now = services.site.clock.now();
    let month = Month::of(now);
    // The whole month, not up to now: a callback given this second is in (none is later than now).
    let (this, last) = (live(services, month).await?, live(services, month.previous()).await?);
    let departments = services.catalog.store.departments().await?;
    let enforcement = enforcement_rows(reported(services, month).await?, &departments);
    // No department is marked: the bottom three are named inside government first, and only once a month is final.
    let shown = |standing: &Standing| {
        let before = last.iter().find(|s| s.figures.department == standing.figures.department).map(|s| s.place);
        row(standing, change(standing.place, before), false, &departments)
    };
    let (weights, missing) = weights_in_words(&present(&this));
    Ok(StandingsView {
        month: month.words(),
        cut_off: now.format("%Y年%-m月%-d日 %H:%M").to_string(),
        minimum: MINIMUM_CASES,
        weights,
        missing,
        ranked: this.iter().filter(|s| s.place != Place::TooFew).map(shown).collect(),
        too_few: this.iter().filter(|s| s.place == Place::TooFew).map(shown).collect(),
        published: published_months(services).await?,
        enforcement,
    })
}
