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
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StandingRow {
    pub department: String,
    pub n: u32,
    /// 响应率, 解决率, 满意率, as percentages.
    pub rates: [String; 4],
    pub composite: String,
    pub rank: Option<u32>,
    /// Since last month's standings: 上升2名, 下降1名, 持平, or 上月未排名.
    pub change: String,
    /// Among this month's bottom three so far.
    pub bottom: bool,
}
