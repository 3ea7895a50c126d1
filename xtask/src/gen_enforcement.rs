//! `cargo xtask gen-data` also writes `server/seed/demo_enforcement.json`: a year of made-up enforcement records
//! (执法数据上报) in the feed format the enforcement supervision platform pushes (`docs/enforcement-feed.md`),
//! ending on the demo history's last day. Deterministic, and held to the checked-in file by a test.
//!
//! What it models: the departments with enforcement powers, each with a volume (acts a working day) and a
//! diligence (the share it reports promptly); acts on weekdays, inspections the most common; a prompt report
//! comes 0–6 days after the act, a late one 9–40 days after, and a report not made by the last day is not in the
//! feed yet. No personal data: a record names a department, a kind and two dates.

use crate::gen_data::Rng;
use crate::gen_demo::UNTIL;
use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

/// (department, acts per working day in tenths, diligence in percent).
const DEPARTMENTS: &[(&str, u64, u64)] = &[
    ("urban-management", 80, 93),
    ("market-regulation", 60, 88),
    ("ecology", 20, 97),
    ("emergency", 18, 79),
    ("transport", 30, 85),
    ("culture-tourism", 8, 72),
    ("health", 16, 90),
    ("housing", 14, 68),
    ("fire-rescue", 22, 95),
    ("hrss", 9, 83),
    ("public-security", 25, 91),
];

/// (kind, weight): inspections are most of what is done.
const KINDS: &[(&str, u64)] =
    &[("inspection", 55), ("investigation", 15), ("coercive_measure", 6), ("enforcement", 4), ("document_served", 20)];

const DAYS: i64 = 365;

fn kind(rng: &mut Rng) -> &'static str {
    let total: u64 = KINDS.iter().map(|(_, w)| w).sum();
    let mut at = rng.below(total);
    for (kind, weight) in KINDS {
        if at < *weight {
            return kind;
        }
        at -= weight;
    }
    unreachable!("the weights add up to the total")
}

pub fn render() -> String {
    let last = NaiveDate::from_ymd_opt(UNTIL.0, UNTIL.1, UNTIL.2).expect("a real day");
    let mut rng = Rng(0x2026_1124_E4F0_12CE);
    let mut records = Vec::new();
    for offset in (0..DAYS).rev() {
        let day = last - Duration::days(offset);
        if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            continue;
        }
        let mut sequence = 0;
        for (department, tenths, diligence) in DEPARTMENTS {
            // The day's acts: the volume's whole part, and one more as often as its fraction says.
            let acts = tenths / 10 + u64::from(rng.below(10) < tenths % 10);
            for _ in 0..acts {
                let delay = if rng.below(100) < *diligence { rng.below(7) } else { 9 + rng.below(32) };
                let reported = day + Duration::days(delay as i64);
                let kind = kind(&mut rng);
                let time = NaiveTime::from_hms_opt(8 + rng.below(10) as u32, rng.below(60) as u32, 0).unwrap();
                if reported > last {
                    continue;
                }
                sequence += 1;
                records.push(serde_json::json!({
                    "id": format!("HBZF-{}-{sequence:04}", day.format("%Y%m%d")),
                    "department": department,
                    "kind": kind,
                    "act_date": day.format("%Y-%m-%d").to_string(),
                    "reported_at": format!("{}T{}+08:00", reported.format("%Y-%m-%d"), time.format("%H:%M:%S")),
                }));
            }
        }
    }
    // One record a line: a diff of the file reads record by record.
    let lines: Vec<String> = records.iter().map(|r| serde_json::to_string(r).expect("plain JSON")).collect();
    format!("{{\"format\":\"hebei-enforcement-feed/1\",\"records\":[\n{}\n]}}\n", lines.join(",\n"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_enforcement_records_are_exactly_what_the_generator_writes() {
        let root = crate::workspace_root();
        let checked_in = std::fs::read_to_string(root.join("server/seed/demo_enforcement.json")).unwrap();
        assert!(checked_in == super::render(), "demo_enforcement.json is stale: run `cargo xtask gen-data`");
        let feed: serde_json::Value = serde_json::from_str(&checked_in).unwrap();
        let records = feed["records"].as_array().unwrap();
        assert!((6_000..10_000).contains(&records.len()), "a year of a district's records: {}", records.len());
    }
}
