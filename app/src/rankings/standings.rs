//! A month's standings from its figures: the three rates from the valid callbacks, the composite, ranks shared by
//! ties, departments with too few cases listed apart, and the bottom three with everyone tied at the cut.
//! Ranks are decided on unrounded values; rounding is for showing them.

use super::method::{Component, Weights};
use serde::{Deserialize, Serialize};

/// What one department's valid callbacks in a month said (each case counted once, by its final callback).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callbacks {
    pub valid: u32,
    /// The resident said the department contacted them.
    pub contacted: u32,
    /// The resident said it was solved.
    pub solved: u32,
    /// 非常满意 or 满意.
    pub satisfied: u32,
    /// 基本满意, which counts 0.9 of a satisfied one.
    pub basically_satisfied: u32,
    /// Met both its clocks: the first response by the response deadline, the result by the result deadline
    /// (with its pauses given back and its approved extensions; a re-handled case by its new result clock).
    pub on_time: u32,
}

/// What a basically satisfied resident counts for in the satisfaction rate.
const BASICALLY_SATISFIED_COUNTS: f64 = 0.9;

impl Callbacks {
    /// 响应率, 解决率, 满意率 and 按时办结率, each over the valid callbacks; none without any.
    pub fn rates(&self) -> Vec<(Component, f64)> {
        if self.valid == 0 {
            return Vec::new();
        }
        let of_valid = |count: f64| count / f64::from(self.valid);
        let satisfaction = f64::from(self.satisfied) + BASICALLY_SATISFIED_COUNTS * f64::from(self.basically_satisfied);
        vec![
            (Component::Response, of_valid(f64::from(self.contacted))),
            (Component::Resolution, of_valid(f64::from(self.solved))),
            (Component::Satisfaction, of_valid(satisfaction)),
            (Component::OnTime, of_valid(f64::from(self.on_time))),
        ]
    }
}

/// Cases a category needs in a department's twelve months before its figures say anything about it.
pub const CATEGORY_MINIMUM: u32 = 3;
/// How many of a department's categories its page names.
pub const WORST_SHOWN: usize = 3;

/// A department's worst categories: of those with at least `CATEGORY_MINIMUM` valid callbacks, the lowest
/// satisfaction first (unrounded; alike, the one with more cases, then by code), at most `WORST_SHOWN`.
pub fn worst_categories(mut tallies: Vec<(String, Callbacks)>) -> Vec<(String, Callbacks)> {
    let satisfaction = |callbacks: &Callbacks| {
        callbacks.rates().into_iter().find(|(c, _)| *c == Component::Satisfaction).map_or(1.0, |(_, rate)| rate)
    };
    tallies.retain(|(_, callbacks)| callbacks.valid >= CATEGORY_MINIMUM);
    tallies.sort_by(|(a_code, a), (b_code, b)| {
        satisfaction(a).total_cmp(&satisfaction(b)).then(b.valid.cmp(&a.valid)).then(a_code.cmp(b_code))
    });
    tallies.truncate(WORST_SHOWN);
    tallies
}

/// One department's figures for a month: its number of cases and each component it has a figure for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    pub department: String,
    pub n: u32,
    pub values: Vec<(Component, f64)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Place {
    /// Its rank: 1 is the best; departments tied share one, and the next rank skips (1, 2, 2, 4).
    Ranked(u32),
    /// 样本不足: fewer cases than the minimum.
    TooFew,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Standing {
    pub figures: Figures,
    pub composite: Option<f64>,
    pub place: Place,
}

/// Composites this close are equal: they differ by the rounding of the arithmetic, not by what happened.
const TIE: f64 = 1e-9;

/// The standings: ranked departments best first (ties by department, for a steady order), then those with too
/// few cases, most cases first.
pub fn standings(figures: Vec<Figures>, weights: &Weights, minimum: u32) -> Vec<Standing> {
    let (mut ranked, mut too_few): (Vec<Standing>, Vec<Standing>) = figures
        .into_iter()
        .map(|figures| {
            let composite = weights.composite(&figures.values);
            let place = if figures.n >= minimum && composite.is_some() { Place::Ranked(0) } else { Place::TooFew };
            Standing { figures, composite, place }
        })
        .partition(|standing| standing.place != Place::TooFew);
    let score = |standing: &Standing| standing.composite.unwrap_or_default();
    ranked.sort_by(|a, b| score(b).total_cmp(&score(a)).then_with(|| a.figures.department.cmp(&b.figures.department)));
    let scores: Vec<f64> = ranked.iter().map(score).collect();
    for (at, standing) in ranked.iter_mut().enumerate() {
        // One more than the number of departments strictly better.
        let better = scores.iter().filter(|other| **other > scores[at] + TIE).count();
        standing.place = Place::Ranked(better as u32 + 1);
    }
    too_few.sort_by(|a, b| b.figures.n.cmp(&a.figures.n).then_with(|| a.figures.department.cmp(&b.figures.department)));
    ranked.extend(too_few);
    ranked
}

/// The bottom `count` of the ranked departments, and everyone tied with the last of them: a department is never
/// spared by the order of a tie.
pub fn bottom(standings: &[Standing], count: usize) -> Vec<&Standing> {
    let mut ranked: Vec<&Standing> = standings.iter().filter(|s| matches!(s.place, Place::Ranked(_))).collect();
    ranked.sort_by(|a, b| a.composite.unwrap_or_default().total_cmp(&b.composite.unwrap_or_default()));
    let Some(cut) = ranked.get(count.saturating_sub(1).min(ranked.len().saturating_sub(1))) else {
        return Vec::new();
    };
    let cut = cut.composite.unwrap_or_default();
    ranked.into_iter().filter(|s| s.composite.unwrap_or_default() <= cut + TIE).collect()
}

/// A rate as the standings show it: a percentage with one decimal.
pub fn percent(value: f64) -> String {
    format!("{:.1}%", value * 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(valid: u32, satisfied: u32, basically_satisfied: u32) -> Callbacks {
        Callbacks { valid, contacted: valid, solved: valid, satisfied, basically_satisfied, on_time: valid }
    }

    #[test]
    fn the_worst_categories_are_the_least_satisfied_with_enough_cases() {
        let tallies = vec![
            ("heating".to_string(), rated(10, 6, 0)),      // 60.0%
            ("noise".to_string(), rated(2, 0, 0)),         // 0%, but 2 cases say nothing yet
            ("property".to_string(), rated(5, 3, 0)),      // 60.0%, fewer cases than heating
            ("street-lights".to_string(), rated(4, 2, 2)), // (2 + 0.9 × 2) / 4 = 95.0%
            ("drains".to_string(), rated(3, 1, 1)),        // (1 + 0.9) / 3 = 63.3%
        ];
        let worst: Vec<_> = worst_categories(tallies).into_iter().map(|(code, _)| code).collect();
        assert_eq!(worst, ["heating", "property", "drains"]);
    }
    use crate::rankings::method::MINIMUM_CASES;

    fn department(name: &str, n: u32, composite: f64) -> Figures {
        // One component only, so the composite is that value whatever the weights.
        Figures { department: name.into(), n, values: vec![(Component::Resolution, composite)] }
    }

    fn places(standings: &[Standing]) -> Vec<(&str, Place)> {
        standings.iter().map(|s| (s.figures.department.as_str(), s.place)).collect()
    }

    #[test]
    fn the_rates_count_a_basically_satisfied_resident_as_nine_tenths() {
        let month =
            Callbacks { valid: 40, contacted: 38, solved: 30, satisfied: 25, basically_satisfied: 10, on_time: 36 };
        // 38/40, 30/40, (25 + 9)/40, 36/40.
        assert_eq!(
            month.rates(),
            [
                (Component::Response, 0.95),
                (Component::Resolution, 0.75),
                (Component::Satisfaction, 0.85),
                (Component::OnTime, 0.90)
            ]
        );
        assert_eq!(Callbacks::default().rates(), [], "no callbacks, no rates");
    }

    #[test]
    fn departments_tied_share_a_rank_and_the_next_rank_skips() {
        let month = vec![
            department("a", 30, 0.70),
            department("b", 30, 0.90),
            department("c", 30, 0.80),
            department("d", 30, 0.80),
        ];
        let ranked = standings(month, Weights::official(), MINIMUM_CASES);
        assert_eq!(
            places(&ranked),
            [("b", Place::Ranked(1)), ("c", Place::Ranked(2)), ("d", Place::Ranked(2)), ("a", Place::Ranked(4))]
        );
    }

    #[test]
    fn ranks_are_decided_on_unrounded_values_though_they_show_alike() {
        let ranked = standings(
            vec![department("a", 30, 0.8149), department("b", 30, 0.8151)],
            Weights::official(),
            MINIMUM_CASES,
        );
        assert_eq!(percent(0.8149), percent(0.8151), "both show 81.5%");
        assert_eq!(places(&ranked), [("b", Place::Ranked(1)), ("a", Place::Ranked(2))]);
    }

    #[test]
    fn a_department_with_fewer_cases_than_the_minimum_is_listed_apart_and_never_in_the_bottom() {
        let month = vec![
            department("few", 19, 0.10),
            department("a", 20, 0.90),
            department("b", 25, 0.80),
            department("fewer", 3, 0.99),
        ];
        let ranked = standings(month, Weights::official(), 20);
        assert_eq!(
            places(&ranked),
            [("a", Place::Ranked(1)), ("b", Place::Ranked(2)), ("few", Place::TooFew), ("fewer", Place::TooFew)]
        );
        let named: Vec<&str> = bottom(&ranked, 3).iter().map(|s| s.figures.department.as_str()).collect();
        assert_eq!(named, ["b", "a"], "only two are ranked");
    }

    #[test]
    fn everyone_tied_at_the_cut_of_the_bottom_three_is_named() {
        let month = vec![
            department("a", 30, 0.90),
            department("b", 30, 0.80),
            department("c", 30, 0.70),
            department("d", 30, 0.70),
            department("e", 30, 0.50),
            department("f", 30, 0.40),
        ];
        let ranked = standings(month, Weights::official(), MINIMUM_CASES);
        let mut named: Vec<&str> = bottom(&ranked, 3).iter().map(|s| s.figures.department.as_str()).collect();
        named.sort();
        assert_eq!(named, ["c", "d", "e", "f"], "0.40, 0.50, and both at 0.70");
        let without_tie = standings(
            vec![
                department("a", 30, 0.9),
                department("b", 30, 0.8),
                department("c", 30, 0.7),
                department("d", 30, 0.6),
            ],
            Weights::official(),
            MINIMUM_CASES,
        );
        let mut named: Vec<&str> = bottom(&without_tie, 3).iter().map(|s| s.figures.department.as_str()).collect();
        named.sort();
        assert_eq!(named, ["b", "c", "d"]);
    }

    #[test]
    fn the_composite_weighs_the_rates_by_the_configured_weights() {
        // 40 callbacks: 95% / 75% / 85%, and handling on time 90%; reporting and freshness have no figure yet.
        let values =
            Callbacks { valid: 40, contacted: 38, solved: 30, satisfied: 25, basically_satisfied: 10, on_time: 36 }
                .rates();
        let ranked = standings(
            vec![Figures { department: "housing".into(), n: 40, values }],
            Weights::official(),
            MINIMUM_CASES,
        );
        // (0.10 × 0.95 + 0.35 × 0.75 + 0.30 × 0.85 + 0.15 × 0.90) / 0.90 = 0.7475 / 0.90 = 0.830555…
        let composite = ranked[0].composite.unwrap();
        assert!((composite - 0.7475 / 0.90).abs() < 1e-12, "{composite}");
        assert_eq!(percent(composite), "83.1%");
    }
}
