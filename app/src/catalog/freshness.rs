//! Disclosure freshness (职责清单更新及时率): the share of a department's disclosure entries — its responsibility
//! list and each of its service items — reviewed within the year (`model::is_stale`): the source document's
//! stale-list problem, in the staff report and as a component of the standings. Worked out as of a day: today for
//! the report and the live standings, the day of closing for a closed month (whose figures then keep it).

use super::model::is_stale;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A department's entries, and those reviewed within the year.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Freshness {
    pub entries: u32,
    pub fresh: u32,
}

impl Freshness {
    /// None without entries.
    pub fn rate(&self) -> Option<f64> {
        (self.entries > 0).then(|| f64::from(self.fresh) / f64::from(self.entries))
    }
}

/// Each department's freshness on `today`, from when each of its entries was last reviewed.
pub fn freshness(reviewed: &[(String, NaiveDate)], today: NaiveDate) -> Vec<(String, Freshness)> {
    let mut by_department: BTreeMap<&str, Freshness> = BTreeMap::new();
    for (department, on) in reviewed {
        let counted = by_department.entry(department).or_default();
        counted.entries += 1;
        counted.fresh += u32::from(!is_stale(*on, today));
    }
    by_department.into_iter().map(|(department, counted)| (department.to_string(), counted)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_entry_is_fresh_for_365_days_after_its_review() {
        let reviewed = [
            ("transport".to_string(), day("2018-01-19")),
            ("transport".to_string(), day("2025-11-25")),
            ("transport".to_string(), day("2025-11-24")),
            ("transport".to_string(), day("2026-10-13")),
            ("ecology".to_string(), day("2026-07-16")),
        ];
        // On 25 November 2026: 2025-11-25 is 365 days before (fresh), 2025-11-24 is 366 (stale).
        assert_eq!(
            freshness(&reviewed, day("2026-11-25")),
            [
                ("ecology".to_string(), Freshness { entries: 1, fresh: 1 }),
                ("transport".to_string(), Freshness { entries: 4, fresh: 2 })
            ]
        );
        assert_eq!(Freshness { entries: 4, fresh: 2 }.rate(), Some(0.5));
        assert_eq!(Freshness::default().rate(), None);
    }
}
