//! The petition tiers and their two clocks, first response (响应) and result (办结), read from the checked-in
//! tiers.tsv, so the district changes a limit by editing configuration, not code.

use crate::categories::Category;
use crate::deadline::{Period, Unit};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    Emergency,
    Urgent,
    Ordinary,
    Complex,
    /// 信访-type matters: calendar days, acceptance then result.
    Letters,
}

impl Tier {
    pub const ALL: [Tier; 5] = [Tier::Emergency, Tier::Urgent, Tier::Ordinary, Tier::Complex, Tier::Letters];

    pub fn code(self) -> &'static str {
        match self {
            Tier::Emergency => "emergency",
            Tier::Urgent => "urgent",
            Tier::Ordinary => "ordinary",
            Tier::Complex => "complex",
            Tier::Letters => "letters",
        }
    }

    pub fn from_code(code: &str) -> Option<Tier> {
        Tier::ALL.into_iter().find(|tier| tier.code() == code)
    }

    /// The tier `category` suggests (ordinary, should categories.tsv name none this build knows: a test checks
    /// that it does not).
    pub fn suggested_for(category: &Category) -> Tier {
        Tier::from_code(category.suggested_tier).unwrap_or(Tier::Ordinary)
    }

    /// This tier's clocks, as configured.
    pub fn clocks(self) -> &'static TierClocks {
        configured().iter().find(|clocks| clocks.tier == self).expect("tiers.tsv lists every tier (a test checks)")
    }
}

/// One tier as configured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TierClocks {
    pub tier: Tier,
    pub label: &'static str,
    /// First response (响应); for 信访 matters, the notice whether it is accepted.
    pub respond: Period,
    /// Result (办结).
    pub result: Period,
    /// The longest extension of the result clock a dispatcher may approve; `None`: none may be.
    pub longest_extension: Option<Period>,
    /// What the resident is told when they choose it (the emergency numbers); may be empty.
    pub advice: &'static str,
}

impl TierClocks {
    /// 2小时内响应，24小时内办结; for 信访 matters, 15日内告知是否受理，60日内办结.
    pub fn words(&self) -> String {
        let respond = if self.tier == Tier::Letters { "告知是否受理" } else { "响应" };
        format!("{}内{respond}，{}内办结", self.respond.words(), self.result.words())
    }
}

fn configured() -> &'static [TierClocks] {
    static TIERS: OnceLock<Vec<TierClocks>> = OnceLock::new();
    TIERS.get_or_init(|| parse(include_str!("tiers.tsv")).expect("tiers.tsv is well formed (a test checks)"))
}

/// `2h`, `1wd`, `7d`.
fn period(text: &str) -> Result<Period, String> {
    let (digits, unit) = text.split_at(text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len()));
    let amount = digits.parse().map_err(|_| format!("{text}: no amount"))?;
    let unit = match unit {
        "h" => Unit::Hours,
        "d" => Unit::CalendarDays,
        "wd" => Unit::WorkingDays,
        other => return Err(format!("{text}: unknown unit {other:?}")),
    };
    Ok(Period::new(amount, unit))
}

fn parse(tsv: &'static str) -> Result<Vec<TierClocks>, String> {
    let mut tiers = Vec::new();
    for line in tsv.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [tier, label, respond, result, extension, advice] = fields[..] else {
            return Err(format!("not 6 fields: {line}"));
        };
        let tier = Tier::from_code(tier).ok_or_else(|| format!("unknown tier {tier}"))?;
        if tiers.iter().any(|t: &TierClocks| t.tier == tier) {
            return Err(format!("{} is listed twice", tier.code()));
        }
        let longest_extension = match extension {
            "-" => None,
            text => Some(period(text)?),
        };
        tiers.push(TierClocks {
            tier,
            label,
            respond: period(respond)?,
            result: period(result)?,
            longest_extension,
            advice,
        });
    }
    match Tier::ALL.into_iter().find(|tier| !tiers.iter().any(|t| t.tier == *tier)) {
        Some(missing) => Err(format!("{} is not configured", missing.code())),
        None => Ok(tiers),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_suggests_a_tier_and_the_urgent_utilities_are_urgent() {
        for category in crate::categories::categories() {
            assert!(Tier::from_code(category.suggested_tier).is_some(), "{}: {}", category.id, category.suggested_tier);
        }
        assert_eq!(crate::categories::category("letters").map(Tier::suggested_for), Some(Tier::Letters));
        for utility in ["water-outage", "power-outage", "gas-outage", "heating"] {
            let category = crate::categories::category(utility).unwrap();
            assert_eq!(Tier::suggested_for(category), Tier::Urgent, "{utility}");
        }
    }

    fn clocks(tier: Tier) -> (Period, Period, Option<Period>) {
        let configured = tier.clocks();
        (configured.respond, configured.result, configured.longest_extension)
    }

    #[test]
    fn the_districts_defaults_are_configured() {
        let hours = |n| Period::new(n, Unit::Hours);
        let days = |n| Period::new(n, Unit::CalendarDays);
        let working_days = |n| Period::new(n, Unit::WorkingDays);
        assert_eq!(clocks(Tier::Emergency), (hours(2), hours(24), None));
        assert_eq!(clocks(Tier::Urgent), (hours(2), hours(24), None));
        assert_eq!(clocks(Tier::Ordinary), (working_days(1), days(7), Some(days(7))));
        assert_eq!(clocks(Tier::Complex), (working_days(1), days(15), Some(days(15))));
        assert_eq!(clocks(Tier::Letters), (days(15), days(60), Some(days(30))), "信访: at most 30 days more");
        assert!(Tier::Emergency.clocks().advice.contains("110") && Tier::Emergency.clocks().advice.contains("120"));
    }

    #[test]
    fn each_tiers_clocks_read_as_a_resident_is_told_them() {
        assert_eq!(Tier::Emergency.clocks().words(), "2小时内响应，24小时内办结");
        assert_eq!(Tier::Ordinary.clocks().words(), "1个工作日内响应，7日内办结");
        assert_eq!(Tier::Letters.clocks().words(), "15日内告知是否受理，60日内办结");
    }

    #[test]
    fn a_configuration_that_cannot_be_right_is_refused() {
        assert!(parse("ordinary\t一般\t1wd\t7d\t7d\t").unwrap_err().contains("is not configured"));
        assert!(parse("ordinary\t一般\t1w\t7d\t7d\t").unwrap_err().contains("unknown unit"));
        assert!(parse("ordinary\t一般\t1wd\t7d\n").unwrap_err().contains("not 6 fields"));
        let twice = "ordinary\t一般\t1wd\t7d\t7d\t\nordinary\t一般\t1wd\t7d\t7d\t";
        assert!(parse(twice).unwrap_err().contains("listed twice"));
    }
}
