//! What the petition pages show, as their server functions answer it. A department's queue carries no personal
//! data: titles and places, not names or phones.

use crate::deadline::State;
use serde::{Deserialize, Serialize};

/// Which of a department's petitions to list; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// A `State`'s class: on-time, due-soon, overdue, very-overdue.
    pub state: String,
    pub tier: String,
    pub street: String,
    pub category: String,
    /// `me`, `none`, or empty (everyone's).
    pub assignee: String,
}

/// A department's open petitions, the most pressing first.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Queue {
    pub department_id: String,
    pub department_name: String,
    pub filter: QueueFilter,
    /// The streets and categories (id, label) among its petitions, for the filters.
    pub streets: Vec<String>,
    pub categories: Vec<(String, String)>,
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
    /// Who in the department has it: a staff number, or in a department's queue their name too.
    pub assignee: Option<String>,
}

/// The dispatch centre's new petitions, to route.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DispatchDesk {
    pub rows: Vec<ToRoute>,
    /// Petitions whose residents agreed to publication, waiting for a dispatcher's word.
    pub to_publish: Vec<ToPublish>,
    /// Everything overdue, in every department, the longest overdue first.
    pub overdue: Vec<Overdue>,
    /// Closed petitions waiting for their callback.
    pub to_call_back: Vec<ToCallBack>,
    /// Departments' requests to decide.
    pub requests: Vec<RequestRow>,
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
    pub number: String,
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
    /// Its internal id: the key its live region follows (it says nothing about the petition).
    pub id: i64,
    /// The link's token: the page's forms post to it.
    pub token: String,
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
    /// Closed: the callback is asked for.
    pub callback_asked: bool,
    /// The callbacks given, in words (已联系 · 已解决 · 满意), oldest first.
    pub callbacks: Vec<String>,
    /// The latest rating's code, while it may still be changed.
    pub rating_to_change: Option<String>,
    /// Still open: the resident may withdraw it.
    pub may_withdraw: bool,
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
    /// The requests the department may put to the dispatch centre now, if any.
    pub requests: Option<RequestForms>,
    /// The request waiting for the dispatch centre, in words.
    pub pending: Option<String>,
    /// The resident's callbacks, in words, oldest first.
    pub callbacks: Vec<String>,
    /// Its photos, by id.
    pub photos: Vec<i64>,
    /// What staff did to it, from the audit trail, newest first: (when, staff number, what).
    pub audit: Vec<(String, String, String)>,
    /// Who in the department has it (a staff number), and its handlers to give it to, as (staff number, name).
    pub assignee: Option<String>,
    pub handlers: Vec<(String, String)>,
    /// The latest callback's bad review, while the department has it to answer.
    pub bad_review: Option<BadReview>,
}

/// A bad review's two clocks and what the department has done about them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BadReview {
    pub call_due: String,
    pub called: Option<String>,
    pub fix_due: String,
    pub fixed: Option<String>,
}

/// The resident's phone, asked for by a handler (and audited): shown on the page this once.
#[derive(Clone, Debug)]
pub struct RevealedPhone(pub String);

/// What a handler may ask the dispatch centre for.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RequestForms {
    /// (id, name) of the departments it may go to instead.
    pub departments: Vec<(String, String)>,
    /// How much more time may still be asked for, and its unit in words (日); `None`: the tier allows none.
    pub extension: Option<(u32, String)>,
    /// (code, label)
    pub decline_reasons: Vec<(String, String)>,
}

/// A department's request waiting for the dispatch centre.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct RequestRow {
    pub number: String,
    /// The version the decision acts on.
    pub version: i64,
    pub line: QueueRow,
    pub department: String,
    /// 申请延期7日：需要采购配件
    pub asked: String,
}

/// The categories to choose from, by group.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CategoryChoices {
    /// (group, [(id, label)])
    pub groups: Vec<(String, Vec<(String, String)>)>,
    pub chosen: Option<String>,
}

/// A tier to choose, with its clocks in words.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TierChoice {
    pub code: String,
    pub label: String,
    /// 2小时内响应，24小时内办结
    pub clocks: String,
    /// What choosing it means (the emergency numbers); may be empty.
    pub advice: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TierChoices {
    pub category: String,
    pub tiers: Vec<TierChoice>,
    /// The chosen tier, or the category's suggestion.
    pub chosen: String,
    pub suggested: String,
}

/// Where: the district's streets, then the communities of the one chosen.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WhereChoices {
    /// (street, how many communities)
    pub streets: Vec<(String, usize)>,
    /// The street whose communities are listed.
    pub street: Option<String>,
    pub communities: Vec<String>,
    pub chosen: Option<String>,
    pub detail: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TextAnswers {
    pub category: String,
    pub title: String,
    pub body: String,
}

/// The draft's photos, by id (each shown from `/petitions/new/photos/{id}`).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PhotoChoices {
    pub photos: Vec<i64>,
    pub room_for: usize,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ContactAnswers {
    pub name: String,
    /// The phone given before, masked (it is never sent back whole).
    pub phone_masked: Option<String>,
}

/// The code page: where the code went, and how long until another may be sent.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CodeSent {
    pub phone_masked: String,
    pub resend_in_seconds: i64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SharingAnswers {
    pub public_wanted: Option<bool>,
    pub anonymous: bool,
}

/// An overdue petition and the department it is overdue in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Overdue {
    pub department: String,
    pub line: QueueRow,
}

/// A closed petition whose resident the dispatch centre calls back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ToCallBack {
    pub number: String,
    /// The version the callback acts on.
    pub version: i64,
    pub line: QueueRow,
}

/// A petition to publish or keep private, its text masked already for the dispatcher to check and edit.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ToPublish {
    pub number: String,
    pub line: QueueRow,
    pub title: String,
    pub body: String,
}

/// The public petitions, as anyone may read them.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicList {
    pub rows: Vec<PublicRow>,
    /// The district's streets and the categories (id, label), for the filters.
    pub streets: Vec<String>,
    pub categories: Vec<(String, String)>,
    /// The filters chosen.
    pub street: String,
    pub category: String,
    pub state: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PublicRow {
    pub title: String,
    pub body: String,
    pub category: String,
    pub place: String,
    pub stage: String,
    pub filed: String,
    /// 用时3天2小时, 已办理5小时
    pub taken: String,
    pub joined: i64,
}

/// An open public petition like the one being filed, which the resident may join ("me too").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Similar {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub joined: i64,
}

/// Everything the resident answered, to check before filing.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FilingCheck {
    /// The form's idempotency key.
    pub key: String,
    pub category: String,
    pub tier: String,
    /// 2小时内响应，24小时内办结
    pub clocks: String,
    pub place: String,
    pub detail: String,
    pub title: String,
    pub body: String,
    pub photos: Vec<i64>,
    pub name_masked: String,
    pub phone_masked: String,
    pub sharing: String,
    /// Open public petitions like this one, to join instead.
    pub similar: Vec<Similar>,
    /// The one the resident chose to join.
    pub joins: Option<i64>,
}

/// What the resident keeps once filed.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct FiledView {
    /// 120105 20261130 00001, spaced to read out
    pub number: String,
    pub access_code: String,
    pub status_url: String,
    pub qr_svg: String,
    pub clocks: Vec<ClockLine>,
    pub tier_advice: String,
}

/// The dispatch centre's early warnings: the rule in words, and the past year's flags, latest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningsView {
    pub rule: String,
    pub rows: Vec<WarningRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarningRow {
    /// Its Monday, as the form sends it back: 2026-07-13.
    pub week: String,
    /// 2026年7月13日—7月19日
    pub week_words: String,
    pub street: String,
    pub category: String,
    pub category_label: String,
    pub count: u32,
    /// The mean of the eight weeks before, one decimal.
    pub baseline: String,
    pub tail: String,
    /// What was done, by whom and when; `None` until a dispatcher notes it.
    pub note: Option<String>,
}

/// The dispatch centre's duty roster: who is on now (or that nobody is, so alerts go to everyone), the shifts of
/// the coming fortnight, and the dispatchers a shift can be given to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RosterView {
    /// 张三（P0001），到16:00; empty when nobody is on duty.
    pub on_duty: Vec<String>,
    pub shifts: Vec<ShiftRow>,
    /// (staff number, name) of every active dispatcher.
    pub dispatchers: Vec<(String, String)>,
    /// Today, as the form's first day: 2026-11-25.
    pub today: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShiftRow {
    pub id: i64,
    /// 11月25日 星期三
    pub day: String,
    /// 08:00—16:00, or 16:00—次日08:00
    pub hours: String,
    /// 张三（P0001）
    pub who: String,
    pub on_now: bool,
}
