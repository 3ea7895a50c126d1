//! Early warning (监测 → 分析 → 预警 → 反馈): each week's petitions per street and category against that cell's
//! baseline, the mean of the eight weeks before. A week is flagged when its count is at least `MIN_COUNT` and a
//! Poisson variable with the baseline as its mean reaches it with probability below `TAIL_BELOW`. A dispatcher
//! acknowledges a flag with what was done; the note stays with it.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Weeks in a cell's baseline.
pub const BASELINE_WEEKS: i64 = 8;
/// Fewer petitions than this in a week are never flagged, however rare.
pub const MIN_COUNT: u32 = 5;
/// A count this unlikely under the baseline is flagged.
pub const TAIL_BELOW: f64 = 0.001;

/// The rule as the page states it.
pub fn rule_in_words() -> String {
    format!(
        "每周按街道和诉求类别统计诉求件数，与该街道该类别前{BASELINE_WEEKS}周的平均件数比较：本周件数不少于{MIN_COUNT}件，\
         且按泊松分布计算，以前{BASELINE_WEEKS}周平均数为均值时出现本周件数或更多的概率低于{TAIL_BELOW}，即发出预警。"
    )
}

/// The Monday a day's week starts on.
pub fn week_of(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// P(X ≥ count) for X Poisson with mean `mean`: one less the terms below `count`, each from the one before.
pub fn poisson_tail(mean: f64, count: u32) -> f64 {
    if count == 0 {
        return 1.0;
    }
    let mut term = (-mean).exp();
    let mut below = term;
    for k in 1..count {
        term *= mean / f64::from(k);
        below += term;
    }
    (1.0 - below).max(0.0)
}

/// A week's count in one street and category, flagged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Flag {
    /// Its Monday.
    pub week: NaiveDate,
    pub street: String,
    pub category: String,
    pub count: u32,
    /// The mean of the eight weeks before.
    pub baseline: f64,
    pub tail: f64,
}

/// The flags of the weeks starting on `mondays`, from every petition's (filing day, street, category) — which
/// must reach `BASELINE_WEEKS` weeks before the first of them. Latest week first, then the rarest.
pub fn flags(filed: &[(NaiveDate, String, String)], mondays: &[NaiveDate]) -> Vec<Flag> {
    let mut counts: HashMap<(NaiveDate, &str, &str), u32> = HashMap::new();
    for (day, street, category) in filed {
        *counts.entry((week_of(*day), street.as_str(), category.as_str())).or_default() += 1;
    }
    let mut found: Vec<Flag> = counts
        .iter()
        .filter(|((week, _, _), count)| mondays.contains(week) && **count >= MIN_COUNT)
        .filter_map(|((week, street, category), count)| {
            let before: u32 = (1..=BASELINE_WEEKS)
                .map(|back| counts.get(&(*week - Duration::weeks(back), *street, *category)).copied().unwrap_or(0))
                .sum();
            let baseline = f64::from(before) / BASELINE_WEEKS as f64;
            let tail = poisson_tail(baseline, *count);
            (tail < TAIL_BELOW).then(|| Flag {
                week: *week,
                street: street.to_string(),
                category: category.to_string(),
                count: *count,
                baseline,
                tail,
            })
        })
        .collect();
    found.sort_by(|a, b| b.week.cmp(&a.week).then(a.tail.total_cmp(&b.tail)).then(a.street.cmp(&b.street)));
    found
}

/// What a dispatcher did about a flag, kept with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarningNote {
    pub week: NaiveDate,
    pub street: String,
    pub category: String,
    pub note: String,
    /// The dispatcher's staff number.
    pub by: String,
    pub at: chrono::DateTime<chrono::FixedOffset>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_week_starts_on_monday() {
        assert_eq!(week_of(day("2026-07-19")), day("2026-07-13"), "a Sunday belongs to the week before");
        assert_eq!(week_of(day("2026-07-13")), day("2026-07-13"));
    }

    #[test]
    fn the_poisson_tail_matches_hand_worked_values() {
        // Mean 1: P(X ≥ 1) = 1 − e^−1 = 0.632121; P(X ≥ 5) = 1 − e^−1 (1 + 1 + 1/2 + 1/6 + 1/24) = 0.003660.
        assert!((poisson_tail(1.0, 1) - 0.632_121).abs() < 1e-6);
        assert!((poisson_tail(1.0, 5) - 0.003_660).abs() < 1e-6);
        // Mean 0.5, 5 or more: 1 − e^−0.5 (1 + 0.5 + 0.125 + 0.020833 + 0.002604) = 0.000172.
        assert!((poisson_tail(0.5, 5) - 0.000_172).abs() < 1e-6);
        assert_eq!(poisson_tail(0.0, 5), 0.0, "never seen before: any count is a surprise");
        assert_eq!(poisson_tail(3.0, 0), 1.0);
    }

    fn petitions(week: &str, count: usize, street: &str, category: &str) -> Vec<(NaiveDate, String, String)> {
        vec![(day(week), street.to_string(), category.to_string()); count]
    }

    #[test]
    fn a_spike_over_a_quiet_baseline_is_flagged_and_a_busy_cell_or_a_small_count_is_not() {
        let mut filed = Vec::new();
        // Drains in 月牙河: 4 in the eight weeks before (mean 0.5), then 6: P(X ≥ 6 | 0.5) = 0.000014.
        for week in ["2026-05-18", "2026-06-01", "2026-06-15", "2026-06-29"] {
            filed.extend(petitions(week, 1, "月牙河", "drainage"));
        }
        filed.extend(petitions("2026-07-13", 6, "月牙河", "drainage"));
        // Rubbish in 望海楼: 5 a week for eight weeks (mean 5), then 9: P(X ≥ 9 | 5) = 0.068, not rare.
        for back in 1..=8 {
            let week = (day("2026-07-13") - Duration::weeks(back)).to_string();
            filed.extend(petitions(&week, 5, "望海楼", "sanitation"));
        }
        filed.extend(petitions("2026-07-15", 9, "望海楼", "sanitation"));
        // Noise in 宁园: never before, then 4: rare, but under five.
        filed.extend(petitions("2026-07-14", 4, "宁园", "noise"));
        let found = flags(&filed, &[day("2026-07-13")]);
        assert_eq!(found.len(), 1, "{found:?}");
        let flag = &found[0];
        assert_eq!((flag.street.as_str(), flag.category.as_str(), flag.count), ("月牙河", "drainage", 6));
        assert_eq!(flag.baseline, 0.5);
        assert!((flag.tail - 0.000_014).abs() < 1e-6, "{}", flag.tail);
        assert!(flags(&filed, &[day("2026-07-06")]).is_empty(), "only the weeks asked for");
    }
}
