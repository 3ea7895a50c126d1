//! How the standings are worked out: the components of the composite score, their weights (weights.tsv), and how
//! many cases a department needs in a month to be ranked at all.

use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Fewer valid callbacks than this in a month and a department is listed apart (样本不足), not ranked: a handful
/// of cases says more about luck than about the department.
pub const MINIMUM_CASES: u32 = 20;

/// What the composite is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Component {
    /// 响应率: residents who said in the callback that the department contacted them.
    Response,
    /// 解决率: residents who said it was solved.
    Resolution,
    /// 满意率: satisfied residents, a basically satisfied one counting 0.9.
    Satisfaction,
    /// 按时办结率: cases that met both their clocks.
    OnTime,
    /// 执法数据上报及时率: enforcement records reported to the supervision platform in time.
    Reporting,
    /// 职责清单更新及时率: disclosure entries reviewed within the year.
    Freshness,
}

impl Component {
    pub const ALL: [Component; 6] = [
        Component::Response,
        Component::Resolution,
        Component::Satisfaction,
        Component::OnTime,
        Component::Reporting,
        Component::Freshness,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Component::Response => "response",
            Component::Resolution => "resolution",
            Component::Satisfaction => "satisfaction",
            Component::OnTime => "on_time",
            Component::Reporting => "reporting",
            Component::Freshness => "freshness",
        }
    }

    pub fn from_code(code: &str) -> Option<Component> {
        Component::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// Each component's weight and label, as configured: every component once, each weight positive, all adding up to
/// 1.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Weights(Vec<(Component, String, f64)>);

/// Weights add up to 1 within this (they are written as decimals).
const SUM_TOLERANCE: f64 = 1e-9;

impl Weights {
    /// The checked-in weights (weights.tsv).
    pub fn official() -> &'static Weights {
        static OFFICIAL: OnceLock<Weights> = OnceLock::new();
        OFFICIAL.get_or_init(|| Weights::parse(include_str!("weights.tsv")).expect("weights.tsv holds to its rules"))
    }

    pub fn parse(tsv: &str) -> Result<Weights, String> {
        let mut weights = Vec::new();
        for line in tsv.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
            let [code, label, weight] = line.split('\t').collect::<Vec<_>>()[..] else {
                return Err(format!("not three columns: {line}"));
            };
            let component = Component::from_code(code).ok_or_else(|| format!("no component {code}"))?;
            let weight: f64 = weight.trim().parse().map_err(|_| format!("{code}: weight {weight} is not a number"))?;
            if weight.is_nan() || weight <= 0.0 {
                return Err(format!("{code}: a weight is positive"));
            }
            if weights.iter().any(|(c, _, _)| *c == component) {
                return Err(format!("{code} twice"));
            }
            weights.push((component, label.to_string(), weight));
        }
        if let Some(missing) = Component::ALL.into_iter().find(|c| !weights.iter().any(|(w, _, _)| w == c)) {
            return Err(format!("no weight for {}", missing.code()));
        }
        let sum: f64 = weights.iter().map(|(_, _, w)| w).sum();
        if (sum - 1.0).abs() > SUM_TOLERANCE {
            return Err(format!("the weights add up to {sum}, not 1"));
        }
        Ok(Weights(weights))
    }

    pub fn label(&self, component: Component) -> &str {
        self.0.iter().find(|(c, _, _)| *c == component).map_or("", |(_, label, _)| label)
    }

    /// The weights of the components `present`, scaled up in proportion so they add up to 1 again (in the file's
    /// order). Empty when none is present.
    pub fn renormalised(&self, present: &[Component]) -> Vec<(Component, f64)> {
        let kept: Vec<(Component, f64)> =
            self.0.iter().filter(|(c, _, _)| present.contains(c)).map(|(c, _, w)| (*c, *w)).collect();
        let total: f64 = kept.iter().map(|(_, w)| w).sum();
        kept.into_iter().map(|(c, w)| (c, w / total)).collect()
    }

    /// The composite of `values` (each in 0..=1), unrounded: the weighted mean over the components present.
    /// `None`: no component has a figure.
    pub fn composite(&self, values: &[(Component, f64)]) -> Option<f64> {
        let present: Vec<Component> = values.iter().map(|(c, _)| *c).collect();
        let weights = self.renormalised(&present);
        (!weights.is_empty()).then(|| {
            weights.iter().map(|(c, w)| w * values.iter().find(|(v, _)| v == c).map_or(0.0, |(_, value)| *value)).sum()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_weights_cover_every_component_and_add_up_to_one() {
        let weights = Weights::official();
        assert_eq!(weights.label(Component::Satisfaction), "满意率");
        assert_eq!(weights.renormalised(&Component::ALL).len(), 6);
    }

    #[test]
    fn weights_that_do_not_add_up_to_one_or_name_a_component_twice_are_refused() {
        let rows = |weights: [&str; 6]| {
            Component::ALL.iter().zip(weights).map(|(c, w)| format!("{}\tx\t{w}\n", c.code())).collect::<String>()
        };
        assert!(Weights::parse(&rows(["0.1", "0.35", "0.3", "0.15", "0.05", "0.05"])).is_ok());
        assert!(Weights::parse(&rows(["0.1", "0.35", "0.3", "0.15", "0.05", "0.06"])).unwrap_err().contains("add up"));
        assert!(Weights::parse(&rows(["0.1", "0.35", "0.3", "0.2", "0.05", "0"])).unwrap_err().contains("positive"));
        let twice = rows(["0.1", "0.35", "0.3", "0.15", "0.05", "0.05"]).replace("freshness", "response");
        assert!(Weights::parse(&twice).unwrap_err().contains("twice"));
    }

    #[test]
    fn a_missing_component_leaves_the_others_in_proportion() {
        let weights = Weights::official();
        // Only the three rates: 0.10 + 0.35 + 0.30 = 0.75 of the weight, scaled up to 1.
        let three = [Component::Response, Component::Resolution, Component::Satisfaction];
        let scaled = weights.renormalised(&three);
        let expected = [0.10 / 0.75, 0.35 / 0.75, 0.30 / 0.75];
        for ((_, got), want) in scaled.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{got} ≠ {want}");
        }
        // Response 95%, resolution 75%, satisfaction 85%: (0.095 + 0.2625 + 0.255) / 0.75 = 0.816666…
        let values = [(Component::Response, 0.95), (Component::Resolution, 0.75), (Component::Satisfaction, 0.85)];
        let composite = weights.composite(&values).unwrap();
        assert!((composite - 0.6125 / 0.75).abs() < 1e-12, "{composite}");
        assert_eq!(weights.composite(&[]), None, "nothing to weigh");
    }
}
