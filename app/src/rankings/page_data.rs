//! What the standings pages show, worked out on the server.

use serde::{Deserialize, Serialize};

/// A month's standings so far, with the method in words.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandingsView {
    /// 2026年11月
    pub month: String,
    /// When the figures were taken: 2026年11月25日 10:00.
    pub cut_off: String,
    pub minimum: u32,
    /// Each component with a figure this month, and its weight as used (renormalised), e.g. ("响应率", "13.3%").
    pub weights: Vec<(String, String)>,
    /// The components without a figure yet, left out of the composite.
    pub missing: Vec<String>,
    /// The ranked departments, best first.
    pub ranked: Vec<StandingRow>,
    /// 样本不足: listed apart, most cases first.
    pub too_few: Vec<StandingRow>,
    /// The months published so far, the latest first.
    pub published: Vec<PublishedMonth>,
    /// The month's enforcement records by department (月考评 of the supervision platform).
    pub enforcement: Vec<EnforcementRow>,
}

/// A department's enforcement records reported this month: by kind (in `ActKind::ALL`'s order), in all, and in
/// time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EnforcementRow {
    pub department_id: String,
    pub department: String,
    pub by_kind: [u32; 5],
    pub records: u32,
    pub timely: u32,
    /// 执法数据上报及时率, as a percentage.
    pub rate: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedMonth {
    /// 2026-10, its page's address.
    pub code: String,
    pub words: String,
    /// The departments named in public (公开通报) that month.
    pub named: Vec<String>,
}

/// A published month's final standings, as its latest version has them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthView {
    pub code: String,
    pub words: String,
    /// Every version, the first first; the last is the one shown.
    pub versions: Vec<VersionNote>,
    pub minimum: u32,
    pub weights: Vec<(String, String)>,
    pub missing: Vec<String>,
    pub ranked: Vec<StandingRow>,
    pub too_few: Vec<StandingRow>,
    /// 公开通报: (department, every month it was in the bottom within the window, in words).
    pub named: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VersionNote {
    pub version: u32,
    pub published_at: String,
    /// Why it corrects the version before; empty for the first.
    pub reason: String,
}

/// The staff's page of the monthly publication.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingDesk {
    /// Closes months, decides appeals, publishes and corrects.
    pub admin: bool,
    /// The departments the caller heads: (id, name); each may appeal its own cases.
    pub heads: Vec<(String, String)>,
    /// The month an admin may close now: (code, words).
    pub to_close: Option<(String, String)>,
    /// The closed months, the latest first.
    pub months: Vec<DeskMonth>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DeskMonth {
    pub code: String,
    pub words: String,
    /// 初步排名，申诉期至12月2日24时 / 已公布（第1版）
    pub stage: String,
    pub published: bool,
    /// Appeals are taken now.
    pub appeals_open: bool,
    /// For an admin of a provisional month: `Ok` when it may be published, or why not yet.
    pub publishable: Option<Result<(), String>>,
    pub ranked: Vec<StandingRow>,
    pub too_few: Vec<StandingRow>,
    pub appeals: Vec<AppealView>,
    /// The caller's departments' cases, to appeal, while appeals are taken.
    pub cases: Vec<DepartmentCases>,
    /// How each department in the bottom is named: 内部通报 or 公开通报, in words.
    pub notices: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppealView {
    pub id: i64,
    pub department: String,
    pub cases: Vec<String>,
    pub reason: String,
    pub by: String,
    pub at: String,
    /// 维持申诉（…）/ 驳回申诉（…）, with who decided and why; `None` while waiting.
    pub decision: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentCases {
    pub id: String,
    pub name: String,
    pub cases: Vec<CaseView>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub number: String,
    /// 已联系 · 已解决 · 满意 · 按时办结
    pub summary: String,
    /// Left out already (an upheld appeal).
    pub excluded: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandingRow {
    /// Its page: `/rankings/departments/{department_id}`.
    pub department_id: String,
    pub department: String,
    pub n: u32,
    /// 响应率, 解决率, 满意率, 按时办结率, 执法数据上报及时率, 职责清单更新及时率, as percentages ("—" without a
    /// figure).
    pub rates: [String; 6],
    pub composite: String,
    pub rank: Option<u32>,
    /// Since last month's standings: 上升2名, 下降1名, 持平, or 上月未排名.
    pub change: String,
    /// Marked with the table's mark: in the bottom three (staff's pages), named in public (公开通报, a published
    /// month's page).
    pub marked: bool,
}

/// A department's last twelve months in the standings, the earliest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentHistory {
    pub id: String,
    pub name: String,
    pub months: Vec<MonthFigures>,
    /// 2025年3月1日: when its responsibility list was last reviewed.
    pub reviewed_on: String,
    /// Not reviewed for a year.
    pub stale: bool,
    /// Its least satisfied categories over the twelve months (`standings::worst_categories`).
    pub worst: Vec<CategoryLine>,
}

/// One category of a department's cases: its name, valid callbacks, and rates as percentages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryLine {
    pub label: String,
    pub n: u32,
    pub resolution: String,
    pub satisfaction: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// 2026-10
    pub code: String,
    /// 10月, and the year where it changes: 2026年1月.
    pub label: String,
    /// 已公布（第2版） / 本月截至… / 未公布
    pub state: String,
    /// The composite (0 to 1) where there is one: the bar's height.
    pub composite: Option<f64>,
    /// The row as the tables show it; `None` when the department has no figures that month.
    pub row: Option<StandingRow>,
    /// The enforcement records it reported that month, as received so far: 12条（按时10条）, or —.
    pub enforcement: String,
}
