//! Every published month's final standings as open data (`/rankings/published.json`, `.csv`, and the Atom feed
//! the district's channels take them from): every version, corrections included, and only what the public pages
//! show — a first time in the bottom three is named inside government only, so it is not here.

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

/// One version of a month's final standings.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishedStandings {
    /// 2026-10
    pub month: String,
    pub version: u32,
    /// Beijing time (RFC 3339 in JSON and CSV).
    pub published_at: DateTime<FixedOffset>,
    /// Why this version corrects the one before; empty for the first.
    pub correction_reason: String,
    /// The weights as used, by component code (response, resolution, satisfaction, on_time, …), adding up to 1.
    pub weights: Vec<(String, f64)>,
    pub departments: Vec<PublishedDepartment>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PublishedDepartment {
    pub department_id: String,
    pub department: String,
    /// Valid callbacks counted.
    pub n: u32,
    /// `None`: too few cases to rank (样本不足).
    pub rank: Option<u32>,
    /// Each component's value (0 to 1, unrounded), by code; a component without a figure is absent.
    pub values: Vec<(String, f64)>,
    pub composite: Option<f64>,
    pub change: String,
    /// 公开通报: in the bottom three again within twelve months; the months it was there.
    pub named_in_public: Vec<String>,
}

/// The CSV's columns, in order.
pub const CSV_HEADER: [&str; 16] = [
    "month",
    "version",
    "published_at",
    "correction_reason",
    "department_id",
    "department",
    "n",
    "rank",
    "response",
    "resolution",
    "satisfaction",
    "on_time",
    "reporting",
    "freshness",
    "composite",
    "named_in_public",
];

impl PublishedStandings {
    /// One CSV record a department, in `CSV_HEADER`'s order: empty cells for no figure, months joined by `;`.
    pub fn csv_records(&self) -> Vec<Vec<String>> {
        let value = |values: &[(String, f64)], code: &str| {
            values.iter().find(|(c, _)| c == code).map_or(String::new(), |(_, v)| v.to_string())
        };
        self.departments
            .iter()
            .map(|d| {
                let mut record = vec![
                    self.month.clone(),
                    self.version.to_string(),
                    self.published_at.to_rfc3339(),
                    self.correction_reason.clone(),
                    d.department_id.clone(),
                    d.department.clone(),
                    d.n.to_string(),
                    d.rank.map_or(String::new(), |r| r.to_string()),
                ];
                for code in ["response", "resolution", "satisfaction", "on_time", "reporting", "freshness"] {
                    record.push(value(&d.values, code));
                }
                record.push(d.composite.map_or(String::new(), |c| c.to_string()));
                record.push(d.named_in_public.join(";"));
                record
            })
            .collect()
    }
}
