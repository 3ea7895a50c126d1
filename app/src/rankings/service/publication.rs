//! The monthly publication, as staff work it and the public reads it: close a month, appeal its cases, decide the
//! appeals, publish the final standings, correct them as a new version. Each step checks the caller's grant and
//! the rules (`publication`), and is audited by the store with what it did.

use super::{change, freshness_now, name_of, present, row, standings_of, weights_in_words};
use crate::calendar::WorkCalendar;
use crate::deadline::written;
use crate::rankings::method::{Component, Weights, MINIMUM_CASES};
use crate::rankings::open_data::{PublishedDepartment, PublishedStandings};
use crate::rankings::page_data::{
    AppealView, CaseView, DepartmentCases, DeskMonth, MonthView, PublishedMonth, RankingDesk, StandingRow, VersionNote,
};
use crate::rankings::publication::{self, Month, Notice, Refusal, Rules, Stage};
use crate::rankings::standings::{bottom, Place, Standing};
use crate::rankings::store::{AppealDecision, Closing, FrozenCase, Snapshot, SnapshotRow};
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use crate::ui::page_path::PagePath;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// A reason (an appeal's, a decision's, a correction's) says something, and fits on a page.
const REASON_CHARS: std::ops::RangeInclusive<usize> = 4..=500;

/// The staff's page; the months it lists.
const DESK_MONTHS: usize = 12;

/// The publication's page, where its forms go on to.
fn desk_page() -> PagePath {
    PagePath::fixed("/staff/rankings")
}

/// Where `month` stands: published (its latest version), provisional (closed), or open.
async fn stage(services: &Services, month: Month) -> Result<Stage, ServerFnError> {
    if let Some(latest) = services.rankings.snapshots(month).await?.last() {
        return Ok(Stage::Published { version: latest.version });
    }
    Ok(match services.rankings.closing(month).await? {
        Some(Closing { closed_at, appeals_until, .. }) => Stage::Provisional { closed_at, appeals_until },
        None => Stage::Open,
    })
}

fn reason_problem(field: &'static str, reason: &str) -> Option<Decision> {
    let chars = reason.trim().chars().count();
    (!REASON_CHARS.contains(&chars))
        .then(|| Decision::field(field, format!("请写明理由，{}至{}个字。", REASON_CHARS.start(), REASON_CHARS.end())))
}

/// The month a form names, if it is one.
fn month_of(code: &str) -> Result<Month, Decision> {
    Month::parse(code.trim()).ok_or_else(|| Decision::whole("没有找到这个月份。"))
}

/// The admin sending an admin's form, and the month it names; or the answer instead (refused, or the form again).
fn admin_on<'a>(
    caller: Option<&'a StaffUser>,
    month: &str,
) -> Result<(&'a StaffUser, Month), Result<Decision, Denied>> {
    let user = require(caller, &Grant::Admin).map_err(Err)?;
    let month = month_of(month).map_err(Ok)?;
    Ok((user, month))
}

fn refused(refusal: Refusal) -> Decision {
    Decision::whole(refusal.words())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CloseForm {
    #[serde(default)]
    pub month: String,
}

/// An admin closes a month that is over: its cases are frozen and its standings provisional, and the appeal
/// window opens.
pub async fn close(
    services: &Services,
    caller: Option<&StaffUser>,
    form: CloseForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let (user, month) = match admin_on(caller, &form.month) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let now = services.site.clock.now();
    if let Err(refusal) = publication::close(month, stage(services, month).await?, now) {
        return Ok(Ok(refused(refusal)));
    }
    let appeals_until = Rules::official().appeals_until(now, WorkCalendar::official());
    let closing = Closing { month, closed_at: now, appeals_until };
    let audit = AuditEntry::by(user, &Grant::Admin, "结束月度考评", month.words(), now);
    let freshness = freshness_now(services).await?;
    Ok(Ok(match services.rankings.close(&closing, &freshness, &audit).await? {
        true => Decision::Onward(desk_page()),
        false => refused(Refusal::AlreadyClosed),
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AppealForm {
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub department: String,
    /// The tracking numbers of the cases appealed (ticked boxes).
    #[serde(default, rename = "case")]
    pub cases: Vec<String>,
    #[serde(default, rename = "appeal_reason")]
    pub reason: String,
}

/// A department head appeals some of their department's cases of a closed month, while the window is open.
pub async fn file_appeal(
    services: &Services,
    caller: Option<&StaffUser>,
    form: AppealForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let grant = Grant::DepartmentHead { department: form.department.clone() };
    let user = match require(caller, &grant) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let month = match month_of(&form.month) {
        Ok(month) => month,
        Err(problem) => return Ok(Ok(problem)),
    };
    let now = services.site.clock.now();
    if let Err(refusal) = publication::appeal(stage(services, month).await?, now) {
        return Ok(Ok(refused(refusal)));
    }
    let frozen = services.rankings.frozen_cases(month, Some(&form.department)).await?;
    let mut cases: Vec<&FrozenCase> = Vec::new();
    for number in &form.cases {
        match frozen.iter().find(|case| case.number == number.trim() && !case.excluded) {
            Some(case) if !cases.contains(&case) => cases.push(case),
            Some(_) => {}
            None => return Ok(Ok(Decision::field("case", "所选诉求不是本部门本月计入考评的诉求。"))),
        }
    }
    if cases.is_empty() {
        return Ok(Ok(Decision::field("case", "请选择要申诉的诉求。")));
    }
    if let Some(problem) = reason_problem("appeal_reason", &form.reason) {
        return Ok(Ok(problem));
    }
    let numbers: Vec<&str> = cases.iter().map(|case| case.number.as_str()).collect();
    let subject = format!("{} {}：{}", month.words(), form.department, numbers.join("、"));
    let audit = AuditEntry::by(user, &grant, "考评申诉", subject, now);
    let ids: Vec<i64> = cases.iter().map(|case| case.petition_id).collect();
    services.rankings.appeal(month, &form.department, &ids, form.reason.trim(), &audit).await?;
    Ok(Ok(Decision::Onward(desk_page())))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct DecideForm {
    #[serde(default)]
    pub month: String,
    #[serde(default)]
    pub appeal: String,
    /// `1`: upheld (the cases leave the figures); `0`: rejected.
    #[serde(default)]
    pub upheld: String,
    #[serde(default, rename = "decision_reason")]
    pub reason: String,
}

/// An admin upholds or rejects an appeal, with a reason, before the month is published.
pub async fn decide(
    services: &Services,
    caller: Option<&StaffUser>,
    form: DecideForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let (user, month) = match admin_on(caller, &form.month) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let appeals = services.rankings.appeals(month).await?;
    let Some(appeal) = form.appeal.trim().parse::<i64>().ok().and_then(|id| appeals.iter().find(|a| a.id == id)) else {
        return Ok(Ok(Decision::whole("没有找到这件申诉。")));
    };
    if let Err(refusal) = publication::decide(stage(services, month).await?) {
        return Ok(Ok(refused(refusal)));
    }
    let upheld = match form.upheld.as_str() {
        "1" => true,
        "0" => false,
        _ => return Ok(Ok(Decision::field("upheld", "请选择维持申诉或驳回申诉。"))),
    };
    if let Some(problem) = reason_problem("decision_reason", &form.reason) {
        return Ok(Ok(problem));
    }
    let now = services.site.clock.now();
    let decision =
        AppealDecision { upheld, reason: form.reason.trim().to_string(), by: user.staff_number.clone(), at: now };
    let action = if upheld { "维持考评申诉" } else { "驳回考评申诉" };
    let numbers: Vec<&str> = appeal.cases.iter().map(|(_, number)| number.as_str()).collect();
    let subject = format!("{} {}：{}", month.words(), appeal.department, numbers.join("、"));
    let audit = AuditEntry::by(user, &Grant::Admin, action, subject, now);
    Ok(Ok(match services.rankings.decide(appeal.id, &decision, &audit).await? {
        true => Decision::Onward(desk_page()),
        false => Decision::whole("这件申诉已经处理过了。"),
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    pub month: String,
}

/// An admin publishes a closed month's final standings, once its window is over and every appeal decided.
pub async fn publish(
    services: &Services,
    caller: Option<&StaffUser>,
    form: PublishForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let (user, month) = match admin_on(caller, &form.month) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let now = services.site.clock.now();
    let undecided = services.rankings.appeals(month).await?.iter().filter(|a| a.decision.is_none()).count();
    if let Err(refusal) = publication::publish(stage(services, month).await?, undecided, now) {
        return Ok(Ok(refused(refusal)));
    }
    let snapshot = final_standings(services, month, 1, String::new(), now).await?;
    let audit = AuditEntry::by(user, &Grant::Admin, "公布月度考评", format!("{} 第1版", month.words()), now);
    Ok(Ok(match services.rankings.publish(&snapshot, &audit).await? {
        true => Decision::Onward(desk_page()),
        false => refused(Refusal::AlreadyPublished),
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CorrectForm {
    #[serde(default)]
    pub month: String,
    /// Tracking numbers of cases to leave out, separated by spaces, commas or new lines.
    #[serde(default)]
    pub numbers: String,
    #[serde(default, rename = "correction_reason")]
    pub reason: String,
}

/// An admin corrects a published month: the cases named leave the figures, and a new version is published beside
/// the old, with the reason. The old version stays as it was.
pub async fn correct(
    services: &Services,
    caller: Option<&StaffUser>,
    form: CorrectForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let (user, month) = match admin_on(caller, &form.month) {
        Ok(asked) => asked,
        Err(answer) => return Ok(answer),
    };
    let Stage::Published { version } = stage(services, month).await? else {
        return Ok(Ok(refused(Refusal::NotPublished)));
    };
    let frozen = services.rankings.frozen_cases(month, None).await?;
    let mut cases: Vec<i64> = Vec::new();
    for number in form.numbers.split(|c: char| c.is_whitespace() || c == ',' || c == '，' || c == '、') {
        if number.is_empty() {
            continue;
        }
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        match frozen.iter().find(|case| case.number == digits && !case.excluded) {
            Some(case) if !cases.contains(&case.petition_id) => cases.push(case.petition_id),
            Some(_) => {}
            None => return Ok(Ok(Decision::field("numbers", format!("{number}不是本月计入考评的诉求。")))),
        }
    }
    if cases.is_empty() {
        return Ok(Ok(Decision::field("numbers", "请填写要从考评中去除的诉求受理编号。")));
    }
    if let Some(problem) = reason_problem("correction_reason", &form.reason) {
        return Ok(Ok(problem));
    }
    let now = services.site.clock.now();
    let reason = form.reason.trim().to_string();
    let next = version + 1;
    let subject = format!("{} 第{next}版，去除{}件", month.words(), cases.len());
    let audit = AuditEntry::by(user, &Grant::Admin, "更正月度考评", subject, now);
    services.rankings.exclude(month, &cases, &reason, &audit).await?;
    let snapshot = final_standings(services, month, next, reason, now).await?;
    let audit = AuditEntry::by(user, &Grant::Admin, "公布月度考评", format!("{} 第{next}版", month.words()), now);
    Ok(Ok(match services.rankings.publish(&snapshot, &audit).await? {
        true => Decision::Onward(desk_page()),
        false => Decision::whole("同时有另一次更正，请刷新后查看。"),
    }))
}

/// A month's final standings from its frozen cases less those left out, with the bottom named as the rule says
/// and the change since the month before's final standings.
async fn final_standings(
    services: &Services,
    month: Month,
    version: u32,
    reason: String,
    now: DateTime<FixedOffset>,
) -> Result<Snapshot, ServerFnError> {
    let rules = Rules::official();
    let standings = standings_of(services.rankings.frozen(month).await?);
    let named: Vec<String> = bottom(&standings, rules.bottom).iter().map(|s| s.figures.department.clone()).collect();
    let published = services.rankings.published().await?;
    let earlier: Vec<(Month, Vec<String>)> = published
        .iter()
        .filter(|snapshot| snapshot.month < month)
        .map(|snapshot| {
            (snapshot.month, snapshot.rows.iter().filter(|r| r.bottom).map(|r| department(r).to_string()).collect())
        })
        .collect();
    let notices = publication::notices(month, &named, &earlier, rules.repeat_within_months);
    let before = published.iter().find(|snapshot| snapshot.month == month.previous());
    let rows = standings
        .iter()
        .map(|standing| {
            let id = &standing.figures.department;
            let then = before.and_then(|b| b.rows.iter().find(|r| department(r) == id)).map(|r| r.standing.place);
            SnapshotRow {
                standing: standing.clone(),
                change: change(standing.place, then),
                bottom: named.contains(id),
                notice: notices.iter().find(|(d, _)| d == id).map(|(_, notice)| notice.clone()),
            }
        })
        .collect();
    let weights = Weights::official().renormalised(&present(&standings));
    Ok(Snapshot { month, version, published_at: now, reason, weights, rows })
}

fn department(row: &SnapshotRow) -> &str {
    &row.standing.figures.department
}

/// A snapshot's rows as the tables show them, `marked` as it says: (ranked, too few).
fn shown_rows(
    snapshot: &Snapshot,
    departments: &[crate::catalog::model::Department],
    marked: impl Fn(&SnapshotRow) -> bool,
) -> (Vec<StandingRow>, Vec<StandingRow>) {
    let shown = |r: &SnapshotRow| row(&r.standing, r.change.clone(), marked(r), departments);
    let ranked = snapshot.rows.iter().filter(|r| r.standing.place != Place::TooFew).map(shown).collect();
    let too_few = snapshot.rows.iter().filter(|r| r.standing.place == Place::TooFew).map(shown).collect();
    (ranked, too_few)
}

fn months_in_words(months: &[Month]) -> String {
    months.iter().map(|m| m.words()).collect::<Vec<_>>().join("、")
}

/// The departments a snapshot names in public, with the months each was in the bottom.
fn named_in_public(snapshot: &Snapshot, departments: &[crate::catalog::model::Department]) -> Vec<(String, String)> {
    snapshot
        .rows
        .iter()
        .filter_map(|r| match &r.notice {
            Some(Notice::Public { months }) => Some((name_of(departments, department(r)), months_in_words(months))),
            _ => None,
        })
        .collect()
}

/// The published months, the latest first, with whom each named in public.
pub async fn published_months(services: &Services) -> Result<Vec<PublishedMonth>, ServerFnError> {
    let departments = services.catalog.store.departments().await?;
    Ok(services
        .rankings
        .published()
        .await?
        .iter()
        .map(|snapshot| PublishedMonth {
            code: snapshot.month.code(),
            words: snapshot.month.words(),
            named: named_in_public(snapshot, &departments).into_iter().map(|(name, _)| name).collect(),
        })
        .collect())
}

/// A published month's page: its latest version, and every version's date and reason. `None`: not published.
pub async fn month_view(services: &Services, code: &str) -> Result<Option<MonthView>, ServerFnError> {
    let Some(month) = Month::parse(code) else { return Ok(None) };
    let snapshots = services.rankings.snapshots(month).await?;
    let Some(latest) = snapshots.last() else { return Ok(None) };
    let departments = services.catalog.store.departments().await?;
    // The public sees who is named in public; the first time in the bottom three is for staff only.
    let (ranked, too_few) = shown_rows(latest, &departments, |r| matches!(r.notice, Some(Notice::Public { .. })));
    let present: Vec<Component> = latest.weights.iter().map(|(c, _)| *c).collect();
    let (weights, missing) = weights_in_words(&present);
    Ok(Some(MonthView {
        code: month.code(),
        words: month.words(),
        versions: snapshots
            .iter()
            .map(|s| VersionNote {
                version: s.version,
                published_at: written(s.published_at),
                reason: s.reason.clone(),
            })
            .collect(),
        minimum: MINIMUM_CASES,
        weights,
        missing,
        ranked,
        too_few,
        named: named_in_public(latest, &departments),
    }))
}

/// 已联系 · 已解决 · 满意 · 按时办结, as a case counted.
fn case_summary(case: &FrozenCase) -> String {
    let satisfaction = match (case.satisfied, case.basically_satisfied) {
        (true, _) => "满意",
        (false, true) => "基本满意",
        (false, false) => "不满意",
    };
    [
        if case.contacted { "已联系" } else { "未联系" },
        if case.solved { "已解决" } else { "未解决" },
        satisfaction,
        if case.on_time { "按时办结" } else { "未按时办结" },
    ]
    .join(" · ")
}

/// Who sees the publication's staff page: admins, and department heads (their provisional standings and appeals).
pub fn may_see_desk(caller: Option<&StaffUser>) -> Result<&StaffUser, Denied> {
    let user = caller.ok_or(Denied::NotSignedIn)?;
    let head = user.grants.iter().any(|grant| matches!(grant, Grant::DepartmentHead { .. }));
    if user.holds(&Grant::Admin) || head {
        Ok(user)
    } else {
        Err(Denied::NotGranted)
    }
}

/// The staff's page: the month to close, and each closed month with its standings, appeals and notices, for a
/// caller `may_see_desk` let in.
pub async fn desk(services: &Services, user: &StaffUser) -> Result<RankingDesk, ServerFnError> {
    let admin = user.holds(&Grant::Admin);
    let departments = services.catalog.store.departments().await?;
    let heads: Vec<(String, String)> = user
        .grants
        .iter()
        .filter_map(|grant| match grant {
            Grant::DepartmentHead { department } => Some((department.clone(), name_of(&departments, department))),
            _ => None,
        })
        .collect();
    let now = services.site.clock.now();
    let last = Month::of(now).previous();
    let closings = services.rankings.closings().await?;
    let to_close = (admin && !closings.iter().any(|c| c.month == last)).then(|| (last.code(), last.words()));
    let mut months = Vec::new();
    for closing in closings.iter().take(DESK_MONTHS) {
        months.push(desk_month(services, closing, admin, &heads, &departments, now).await?);
    }
    Ok(RankingDesk { admin, heads, to_close, months })
}

async fn desk_month(
    services: &Services,
    closing: &Closing,
    admin: bool,
    heads: &[(String, String)],
    departments: &[crate::catalog::model::Department],
    now: DateTime<FixedOffset>,
) -> Result<DeskMonth, ServerFnError> {
    let month = closing.month;
    let snapshots = services.rankings.snapshots(month).await?;
    let appeals = services.rankings.appeals(month).await?;
    let provisional = Stage::Provisional { closed_at: closing.closed_at, appeals_until: closing.appeals_until };
    let appeals_open = snapshots.is_empty() && publication::appeal(provisional, now).is_ok();
    let (stage, ranked, too_few, notices) = match snapshots.last() {
        Some(latest) => {
            let (ranked, too_few) = shown_rows(latest, departments, |r| r.bottom);
            let notices = latest
                .rows
                .iter()
                .filter_map(|r| {
                    let name = name_of(departments, department(r));
                    match &r.notice {
                        Some(Notice::Internal) => Some(format!("{name}：内部通报（首次进入后三名）")),
                        Some(Notice::Public { months }) => {
                            Some(format!("{name}：公开通报（{}进入后三名）", months_in_words(months)))
                        }
                        None => None,
                    }
                })
                .collect();
            (format!("已公布（第{}版）", latest.version), ranked, too_few, notices)
        }
        None => {
            let standings: Vec<Standing> = standings_of(services.rankings.frozen(month).await?);
            let named: Vec<&str> =
                bottom(&standings, Rules::official().bottom).iter().map(|s| s.figures.department.as_str()).collect();
            let shown =
                |s: &Standing| row(s, String::new(), named.contains(&s.figures.department.as_str()), departments);
            let ranked = standings.iter().filter(|s| s.place != Place::TooFew).map(shown).collect();
            let too_few = standings.iter().filter(|s| s.place == Place::TooFew).map(shown).collect();
            let stage = format!("初步排名（仅工作人员可见），申诉期至{}", written(closing.appeals_until));
            (stage, ranked, too_few, Vec::new())
        }
    };
    let undecided = appeals.iter().filter(|a| a.decision.is_none()).count();
    let publishable = (admin && snapshots.is_empty())
        .then(|| publication::publish(provisional, undecided, now).map_err(|r| r.words().to_string()));
    let mut cases = Vec::new();
    if appeals_open {
        for (id, name) in heads {
            let frozen = services.rankings.frozen_cases(month, Some(id)).await?;
            let shown = frozen
                .iter()
                .map(|case| CaseView {
                    number: case.number.clone(),
                    summary: case_summary(case),
                    excluded: case.excluded,
                })
                .collect();
            cases.push(DepartmentCases { id: id.clone(), name: name.clone(), cases: shown });
        }
    }
    Ok(DeskMonth {
        code: month.code(),
        words: month.words(),
        stage,
        published: !snapshots.is_empty(),
        appeals_open,
        publishable,
        ranked,
        too_few,
        appeals: appeals
            .iter()
            .map(|appeal| AppealView {
                id: appeal.id,
                department: name_of(departments, &appeal.department),
                cases: appeal.cases.iter().map(|(_, number)| number.clone()).collect(),
                reason: appeal.reason.clone(),
                by: appeal.by.clone(),
                at: written(appeal.at),
                decision: appeal.decision.as_ref().map(|d| {
                    let verdict = if d.upheld { "维持申诉，所涉诉求不计入考评" } else { "驳回申诉" };
                    format!("{verdict}（{}，{}）：{}", d.by, written(d.at), d.reason)
                }),
            })
            .collect(),
        cases,
        notices,
    })
}

/// Every version of every published month, the latest month first, as open data.
pub async fn open_data(services: &Services) -> Result<Vec<PublishedStandings>, ServerFnError> {
    let departments = services.catalog.store.departments().await?;
    let mut all = Vec::new();
    for latest in services.rankings.published().await? {
        for snapshot in services.rankings.snapshots(latest.month).await?.into_iter().rev() {
            all.push(PublishedStandings {
                month: snapshot.month.code(),
                version: snapshot.version,
                published_at: snapshot.published_at,
                correction_reason: snapshot.reason.clone(),
                weights: snapshot.weights.iter().map(|(c, w)| (c.code().to_string(), *w)).collect(),
                departments: snapshot
                    .rows
                    .iter()
                    .map(|r| PublishedDepartment {
                        department_id: department(r).to_string(),
                        department: name_of(&departments, department(r)),
                        n: r.standing.figures.n,
                        rank: match r.standing.place {
                            Place::Ranked(rank) => Some(rank),
                            Place::TooFew => None,
                        },
                        values: r.standing.figures.values.iter().map(|(c, v)| (c.code().to_string(), *v)).collect(),
                        composite: r.standing.composite,
                        change: r.change.clone(),
                        named_in_public: match &r.notice {
                            Some(Notice::Public { months }) => months.iter().map(|m| m.code()).collect(),
                            _ => Vec::new(),
                        },
                    })
                    .collect(),
            });
        }
    }
    Ok(all)
}
