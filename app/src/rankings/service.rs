//! The standings as the pages show them: this month's so far, beside last month's for the change. Server-only.

use super::method::{Component, Weights, MINIMUM_CASES};
use super::page_data::{StandingRow, StandingsView};
use super::standings::{bottom, percent, standings, Figures, Place, Standing};
use crate::services::Services;
use chrono::{DateTime, Datelike, FixedOffset, Months, NaiveDate, TimeZone};
use leptos::prelude::ServerFnError;

/// The bottom this many are named each month.
pub const BOTTOM: usize = 3;

/// The rates counted from the callbacks, in the order the standings show them.
const RATES: [Component; 4] = [Component::Response, Component::Resolution, Component::Satisfaction, Component::OnTime];

/// The first moment of the Beijing-time month `at` falls in.
fn month_start(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    let first = NaiveDate::from_ymd_opt(at.year(), at.month(), 1).expect("the first of a month is a date");
    at.offset().from_local_datetime(&first.into()).single().expect("a fixed offset has no gaps")
}

/// A month's standings from its callbacks in `[from, until)`.
async fn month(
    services: &Services,
    from: DateTime<FixedOffset>,
    until: DateTime<FixedOffset>,
) -> Result<Vec<Standing>, ServerFnError> {
    let figures = services
        .rankings
        .callbacks(from, until)
        .await?
        .into_iter()
        .map(|(department, callbacks)| Figures { department, n: callbacks.valid, values: callbacks.rates() })
        .collect();
    Ok(standings(figures, Weights::official(), MINIMUM_CASES))
}

/// This month's standings up to now, with last month's whole for the change.
pub async fn current(services: &Services) -> Result<StandingsView, ServerFnError> {
    let now = services.site.clock.now();
    let start = month_start(now);
    let last_start = start.checked_sub_months(Months::new(1)).expect("a month before ours");
    // The whole month, not up to now: a callback given this second is in (none is later than now).
    let next_start = start.checked_add_months(Months::new(1)).expect("a month after ours");
    let (this, last) = (month(services, start, next_start).await?, month(services, last_start, start).await?);
    let names = services.catalog.store.departments().await?;
    let name_of = |id: &str| names.iter().find(|d| d.id == id).map_or(id.to_string(), |d| d.name.clone());
    let named: Vec<&str> = bottom(&this, BOTTOM).iter().map(|s| s.figures.department.as_str()).collect();
    let row = |standing: &Standing| {
        let rank = match standing.place {
            Place::Ranked(rank) => Some(rank),
            Place::TooFew => None,
        };
        let before = last.iter().find(|s| s.figures.department == standing.figures.department).map(|s| s.place);
        let change = match (rank, before) {
            (None, _) => String::new(),
            (Some(now), Some(Place::Ranked(then))) if now < then => format!("上升{}名", then - now),
            (Some(now), Some(Place::Ranked(then))) if now > then => format!("下降{}名", now - then),
            (Some(_), Some(Place::Ranked(_))) => "持平".into(),
            (Some(_), _) => "上月未排名".into(),
        };
        let rate = |component: Component| {
            standing.figures.values.iter().find(|(c, _)| *c == component).map_or("—".into(), |(_, v)| percent(*v))
        };
        StandingRow {
            department: name_of(&standing.figures.department),
            n: standing.figures.n,
            rates: RATES.map(rate),
            composite: standing.composite.map_or("—".into(), percent),
            rank,
            change,
            bottom: named.contains(&standing.figures.department.as_str()),
        }
    };
    let weights = Weights::official();
    let present: Vec<Component> = RATES.to_vec();
    Ok(StandingsView {
        month: format!("{}年{}月", now.year(), now.month()),
        cut_off: now.format("%Y年%-m月%-d日 %H:%M").to_string(),
        minimum: MINIMUM_CASES,
        weights: weights
            .renormalised(&present)
            .into_iter()
            .map(|(c, w)| (weights.label(c).to_string(), percent(w)))
            .collect(),
        missing: Component::ALL
            .into_iter()
            .filter(|c| !present.contains(c))
            .map(|c| weights.label(c).to_string())
            .collect(),
        ranked: this.iter().filter(|s| s.place != Place::TooFew).map(row).collect(),
        too_few: this.iter().filter(|s| s.place == Place::TooFew).map(row).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_starts_at_midnight_beijing_time_on_its_first() {
        let at = DateTime::parse_from_rfc3339("2026-12-01T07:59:59+08:00").unwrap();
        assert_eq!(month_start(at).to_rfc3339(), "2026-12-01T00:00:00+08:00");
        let at = DateTime::parse_from_rfc3339("2026-11-30T23:59:59+08:00").unwrap();
        assert_eq!(month_start(at).to_rfc3339(), "2026-11-01T00:00:00+08:00");
    }
}
