//! What the petition pages show, as their server functions answer it. A department's queue carries no personal
//! data: titles and places, not names or phones.

use crate::deadline::State;
use serde::{Deserialize, Serialize};

/// A department's open petitions, the most pressing first.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Queue {
    pub department_id: String,
    pub department_name: String,
    /// How many stand in each state, in the order of `State`'s urgency (very overdue first).
    pub counts: Vec<(State, usize)>,
    pub rows: Vec<QueueRow>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QueueRow {
    pub number: String,
    pub title: String,
    pub category: String,
    pub tier: String,
    /// 望海楼 · 建国道社区
    pub place: String,
    pub stage: String,
    /// Which clock runs out next: 响应 (first response) or 办结 (result).
    pub clock: String,
    /// 2026年10月8日 24:00
    pub due: String,
    /// Counted over an unpublished year's calendar (暂定).
    pub provisional: bool,
    pub state: State,
    /// 剩余2天3小时, 已超期5小时, 暂停计时（待补充材料）
    pub left: String,
}

/// The dispatch centre's new petitions, to route.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DispatchDesk {
    pub rows: Vec<ToRoute>,
    /// (id, name) of every department, for the routing form.
    pub departments: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ToRoute {
    pub id: i64,
    /// The version the routing form acts on.
    pub version: i64,
    pub line: QueueRow,
    /// The category's department, chosen in the form to begin with.
    pub suggested: Option<String>,
}
