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
    /// The district's communities as (street, community), for the phone-in form.
    pub communities: Vec<(String, String)>,
    /// The phone-in form's idempotency key: sent twice, it files once.
    pub form_key: String,
}

/// A petition just phoned in: what the dispatcher reads out to the caller, shown this once.
#[derive(Clone, Debug)]
pub struct PhonedIn {
    pub number: String,
    pub access_code: String,
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

/// A petition's status page, for whoever holds its link (or its number and access code): personal data masked,
/// the private place detail left out.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct StatusView {
    /// 120105 20261130 00042
    pub number: String,
    /// The version the resident's answer acts on.
    pub version: i64,
    /// The department asked for more, and the resident can answer here.
    pub awaiting_answer: bool,
    pub title: String,
    pub category: String,
    pub tier: String,
    pub stage: String,
    /// The department handling it, once routed.
    pub department: Option<String>,
    pub place: String,
    pub applicant_masked: String,
    pub phone_masked: String,
    pub clocks: Vec<ClockLine>,
    /// (when, what happened, what was written with it), oldest first.
    pub milestones: Vec<(String, String, String)>,
}

/// One clock as the resident reads it.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClockLine {
    /// 响应 or 办结
    pub name: String,
    /// 2026年10月8日 24:00
    pub due: String,
    pub provisional: bool,
    /// When it was met, if it was.
    pub met: Option<String>,
}

/// A petition as the department working it sees it: the whole text and place, the applicant's name masked (their
/// phone only on request), every milestone, and what can be done now.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CaseFile {
    pub department_id: String,
    pub number: String,
    /// The version the action forms act on.
    pub version: i64,
    pub title: String,
    pub body: String,
    pub category: String,
    pub tier: String,
    pub place: String,
    pub applicant_masked: String,
    pub stage: String,
    pub clocks: Vec<ClockLine>,
    /// (when, who, what, note), oldest first.
    pub milestones: Vec<(String, String, String, String)>,
    /// The actions the rules allow now, as (code, button label, whether it needs a note).
    pub actions: Vec<(String, String, bool)>,
}
