//! The standings as the pages show them: this month's so far, beside last month's for the change; and the
//! monthly publication (`publication`). Server-only.

mod history;
mod publication;

pub use history::department_history;
pub use publication::{
    close, correct, decide, desk, file_appeal, may_see_desk, month_view, open_data, publish, published_months,
    AppealForm, CloseForm, CorrectForm, DecideForm, PublishForm,
};

use super::method::{Component, Weights, MINIMUM_CASES};
use super::page_data::{StandingRow, StandingsView};
use super::publication::Month;
use super::standings::{percent, standings, Callbacks, Figures, Place, Standing};
use crate::catalog::model::Department;
use crate::services::Services;
use leptos::prelude::ServerFnError;

/// The rates counted from the callbacks, in the order the standings show them.
const RATES: [Component; 4] = [Component::Response, Component::Resolution, Component::Satisfaction, Component::OnTime];

/// Standings from each department's tally.
fn standings_of(tallies: Vec<(String, Callbacks)>) -> Vec<Standing> {
    let figures = tallies
        .into_iter()
        .map(|(department, callbacks)| Figures { department, n: callbacks.valid, values: callbacks.rates() })
        .collect();
    standings(figures, Weights::official(), MINIMUM_CASES)
}

/// A month's live standings, from its callbacks.
async fn live(services: &Services, month: Month) -> Result<Vec<Standing>, ServerFnError> {
    Ok(standings_of(services.rankings.callbacks(month.start(), month.end()).await?))
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
    // No department is marked: the bottom three are named inside government first, and only once a month is final.
    let shown = |standing: &Standing| {
        let before = last.iter().find(|s| s.figures.department == standing.figures.department).map(|s| s.place);
        row(standing, change(standing.place, before), false, &departments)
    };
    let (weights, missing) = weights_in_words(&RATES);
    Ok(StandingsView {
        month: month.words(),
        cut_off: now.format("%Y年%-m月%-d日 %H:%M").to_string(),
        minimum: MINIMUM_CASES,
        weights,
        missing,
        ranked: this.iter().filter(|s| s.place != Place::TooFew).map(shown).collect(),
        too_few: this.iter().filter(|s| s.place == Place::TooFew).map(shown).collect(),
        published: published_months(services).await?,
    })
}
