//! Petitions' use cases, server-only: what their server functions answer. The rules are the plain functions of
//! `lifecycle`, `tiers` and the shared deadline engine.

mod assignment;
mod dispatch;
mod filing;
mod following;
pub mod open311;
mod public;
mod requests;
mod roster;
mod warnings;

pub use dispatch::{call_back, merge, MergeForm, PhoneCallbackForm};
pub use filing::*;
pub use following::*;
pub use public::{me_too, public_list, publish, MeTooForm, PublicQuery, PublishForm};
pub use requests::{decide, DecideForm};
pub use roster::{add_shift, remove_shift, roster, RemoveShiftForm, ShiftForm};
pub use warnings::{acknowledge, warnings, AcknowledgeForm};

use super::filing::{check, FilingForm};
use super::lifecycle::Stage;
use super::lifecycle::{judge, Action, Actor};
use super::model::{Channel, Filed, NewPetition, Petition};
use super::page_data::{
    BadReview, CaseFile, ClockLine, DispatchDesk, PhonedIn, Queue, QueueFilter, QueueRow, RevealedPhone, ToRoute,
};
use super::store::{NotTaken, PhotosOf, ReviewStep, Step};
use super::tiers::Tier;
use super::tracking::TrackingNumber;
use crate::calendar::WorkCalendar;
use crate::categories::category;
use crate::deadline::{span_words, written, State};
use crate::personal::{mask_name, mask_phone, text_within};
use crate::petitions::tracking::spaced;
use crate::services::Services;
use crate::sms::{Template, Text};
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::{Decision, FormProblem};
use crate::ui::page_path::PagePath;
use chrono::{DateTime, FixedOffset};
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// The department's open petitions, the one whose next deadline comes first at the top. `None`: no such
/// department.
/// A handler as the pages name them: 孙丽（H0001）, or the staff number alone for one no longer a handler here.
fn named_handler(handlers: &[(String, String)], number: &str) -> String {
    handlers.iter().find(|(n, _)| n == number).map_or(number.to_string(), |(n, name)| format!("{name}（{n}）"))
}

/// The counts per state are of the whole queue; the rows are those `filter` keeps (`me`: the asking handler's
/// staff number).
pub async fn queue(
    services: &Services,
    department: &str,
    filter: &QueueFilter,
    me: &str,
) -> Result<Option<Queue>, ServerFnError> {
    let Some(found) = services.catalog.store.department(department).await? else { return Ok(None) };
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let open = services.petitions.open_in(department, now).await?;
    let mut rows: Vec<(DateTime<FixedOffset>, &Petition, QueueRow)> = open
        .iter()
        .map(|p| {
            let (due, row) = queue_row(p, now, calendar);
            (due, p, row)
        })
        .collect();
    rows.sort_by_key(|(due, _, _)| *due);
    let counts = [State::VeryOverdue, State::Overdue, State::DueSoon, State::OnTime]
        .into_iter()
        .map(|state| (state, rows.iter().filter(|(_, _, row)| row.state == state).count()))
        .collect();
    let mut streets: Vec<String> = open.iter().map(|p| p.filed.street.clone()).collect();
    streets.sort();
    streets.dedup();
    let mut categories: Vec<(String, String)> = open
        .iter()
        .map(|p| (p.filed.category.clone(), category(&p.filed.category).map_or("", |c| c.label).to_string()))
        .collect();
    categories.sort();
    categories.dedup();
    let kept = |p: &Petition, row: &QueueRow| {
        let wanted = |chosen: &str, value: &str| chosen.is_empty() || chosen == value;
        wanted(&filter.state, row.state.class())
            && wanted(&filter.tier, p.case.tier.code())
            && wanted(&filter.street, &p.filed.street)
            && wanted(&filter.category, &p.filed.category)
            && match filter.assignee.as_str() {
                "me" => p.assignee.as_deref() == Some(me),
                "none" => p.assignee.is_none(),
                _ => true,
            }
    };
    let handlers = assignment::handlers_of(services, department).await?;
    Ok(Some(Queue {
        department_id: found.id,
        department_name: found.name,
        filter: filter.clone(),
        streets,
        categories,
        counts,
        rows: rows
            .into_iter()
            .filter(|(_, p, row)| kept(p, row))
            .map(|(_, _, row)| QueueRow {
                assignee: row.assignee.as_deref().map(|n| named_handler(&handlers, n)),
                ..row
            })
            .collect(),
    }))
}

/// A petition in the queue, by the clock that runs out next: the first response until it is met, then the result.
fn queue_row(
    petition: &Petition,
    now: DateTime<FixedOffset>,
    calendar: &WorkCalendar,
) -> (DateTime<FixedOffset>, QueueRow) {
    let (clock, period, due) = match petition.responded_at {
        None => ("响应", petition.case.tier.clocks().respond, petition.response_due(calendar)),
        Some(_) => ("办结", petition.result_period(), petition.result_due(calendar)),
    };
    let left = if clock == "办结" && petition.case.stage == Stage::AwaitingInformation {
        "暂停计时（待补充材料）".to_string()
    } else if now <= due.at {
        format!("剩余{}", span_words(due.at - now))
    } else {
        format!("已超期{}", span_words(now - due.at))
    };
    let filed = &petition.filed;
    let row = QueueRow {
        number: petition.number.clone(),
        title: filed.title.clone(),
        category: category(&filed.category).map_or(filed.category.clone(), |c| c.label.to_string()),
        tier: petition.case.tier.clocks().label.to_string(),
        place: format!("{} · {}", filed.street, filed.community),
        stage: petition.case.stage.label().to_string(),
        clock: clock.to_string(),
        due: written(due.at),
        provisional: due.provisional,
        state: period.state(due, now, calendar),
        left,
        assignee: petition.assignee.clone(),
    };
    (due.at, row)
}

/// The new petitions for the dispatch centre to route, oldest first, each with its category's department.
pub async fn dispatch_desk(services: &Services) -> Result<DispatchDesk, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let rows = services
        .petitions
        .unrouted(now)
        .await?
        .iter()
        .map(|petition| ToRoute {
            number: petition.number.clone(),
            version: petition.version,
            line: queue_row(petition, now, calendar).1,
            suggested: category(&petition.filed.category).and_then(|c| c.department).map(str::to_string),
        })
        .collect();
    let departments = services.catalog.store.departments().await?.into_iter().map(|d| (d.id, d.name)).collect();
    Ok(DispatchDesk {
        requests: requests::request_rows(services).await?,
        to_publish: public::to_publish(services).await?,
        overdue: dispatch::overdue(services).await?,
        to_call_back: dispatch::to_call_back(services).await?,
        rows,
        departments,
        communities: communities(services).await?,
        form_key: crate::random::url_safe(16),
    })
}

/// The district's communities as (street, community), from its community centres: 月牙河街金海社区党群服务中心 is
/// 金海社区 in 月牙河.
async fn communities(services: &Services) -> Result<Vec<(String, String)>, ServerFnError> {
    Ok(community_centres(services).await?.into_iter().map(|(street, community, _)| (street, community)).collect())
}

/// Each community as (street, community, its centre's id in the catalog).
async fn community_centres(services: &Services) -> Result<Vec<(String, String, String)>, ServerFnError> {
    let places = services.catalog.store.places().await?;
    Ok(places
        .into_iter()
        .filter(|place| place.kind == crate::catalog::model::PlaceKind::Community)
        .map(|place| {
            let name = place.name.trim_start_matches(&format!("{}街", place.street)).trim_end_matches("党群服务中心");
            (place.street.clone(), name.to_string(), place.id)
        })
        .collect())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PhoneInForm {
    #[serde(default)]
    pub key: String,
    #[serde(flatten)]
    pub filing: FilingForm,
}

/// A petition a caller phoned in, filed by a dispatcher for them: the number and code to read out, or the form
/// again with each field's problem.
pub async fn phone_in(
    services: &Services,
    caller: Option<&StaffUser>,
    form: PhoneInForm,
) -> Result<Result<Result<PhonedIn, FormProblem>, Denied>, ServerFnError> {
    if let Err(denied) = require(caller, &Grant::Dispatcher) {
        return Ok(Err(denied));
    }
    let communities = communities(services).await?;
    let petition = match check(&form.filing, Channel::Phone, &communities) {
        Ok(petition) => petition,
        Err(problems) => {
            let f = &form.filing;
            let values = [("title", &f.title), ("body", &f.body), ("place_detail", &f.place_detail), ("name", &f.name)]
                .into_iter()
                .map(|(field, value)| (field.to_string(), value.clone()))
                .collect();
            return Ok(Ok(Err(FormProblem::new(problems, values))));
        }
    };
    if form.key.is_empty() {
        return Ok(Ok(Err(FormProblem::whole("表单已失效，请重新填写。"))));
    }
    let filed = file_alerting(services, &petition, &form.key).await?;
    Ok(Ok(Ok(PhonedIn { number: filed.number, access_code: filed.access_code })))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct RouteForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub department: String,
    /// A handler of that department to give it to (a staff number); empty: the department as a whole.
    #[serde(default)]
    pub assignee: String,
}

/// Routes a new petition to a department; the caller must be a dispatcher. Recorded in the petition's history and
/// the audit trail together.
pub async fn route(
    services: &Services,
    caller: Option<&StaffUser>,
    form: RouteForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let Some(department) = services.catalog.store.department(&form.department).await? else {
        return Ok(Ok(Decision::whole("请选择办理部门。")));
    };
    let Some(petition) = named(services, &form.number).await? else {
        return Ok(Ok(Decision::whole("没有找到这件诉求。")));
    };
    // The person is checked before anything is stored, so a wrong staff number leaves the petition unrouted.
    if !assignment::can_be_named(services, &department.id, &form.assignee).await? {
        return Ok(Ok(Decision::field("assignee", assignment::NOT_NAMEABLE)));
    }
    let now = services.site.clock.now();
    let action = Action::Route { department: department.id.clone() };
    let subject = format!("诉求{} → {}", petition.number, department.name);
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "派单", subject, now);
    let step =
        Step { actor: &Actor::Dispatcher, action: &action, note: &department.name, audit: Some(&audit), texts: &[] };
    let outcome = services.petitions.act(petition.id, form.version, step, now).await?;
    if let (Ok(routed), false) = (&outcome, form.assignee.trim().is_empty()) {
        if let Err(problem) = assignment::give(services, routed, &form.assignee, user, &Grant::Dispatcher).await? {
            return Ok(Ok(Decision::field("assignee", format!("已派单，但未指定承办人：{problem}"))));
        }
    }
    Ok(Ok(after_step(outcome, PagePath::fixed("/staff/dispatch"))))
}

/// Both clocks as people read them.
fn clock_lines(petition: &Petition, calendar: &WorkCalendar) -> Vec<ClockLine> {
    let met = |at: Option<DateTime<FixedOffset>>| at.map(|at| at.format("%Y-%m-%d %H:%M").to_string());
    let line = |name: &str, due: crate::deadline::Due, at| ClockLine {
        name: name.into(),
        due: written(due.at),
        provisional: due.provisional,
        met: met(at),
    };
    vec![
        line("响应", petition.response_due(calendar), petition.responded_at),
        line("办结", petition.result_due(calendar), petition.result_met_at),
    ]
}

/// The actions a handler may take on a petition's page: (code, label, needs a note).
const HANDLER_ACTIONS: [(&str, &str, bool); 4] = [
    ("sign_for", "签收", false),
    ("contact", "已联系诉求人", true),
    ("ask_information", "请诉求人补充材料", true),
    ("close", "答复并办结", true),
];

fn handler_action(code: &str) -> Option<Action> {
    Some(match code {
        "sign_for" => Action::SignFor,
        "contact" => Action::RecordContact,
        "ask_information" => Action::AskForInformation,
        "close" => Action::Close,
        _ => return None,
    })
}

/// The petition a form names by its tracking number (as typed: spaces are fine), if there is one.
async fn named(services: &Services, number: &str) -> Result<Option<Petition>, ServerFnError> {
    let Some(number) = TrackingNumber::parse(number) else { return Ok(None) };
    Ok(services.petitions.by_tracking_number(&number.to_string(), services.site.clock.now()).await?)
}

/// A petition of `department`'s, for a handler of it: `Ok(None)` when there is no such petition there.
async fn department_petition(
    services: &Services,
    caller: Option<&StaffUser>,
    department: &str,
    number: &str,
) -> Result<Result<Option<(Petition, StaffUser)>, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Handler { department: department.into() }) {
        Ok(user) => user.clone(),
        Err(denied) => return Ok(Err(denied)),
    };
    let petition = named(services, number).await?;
    Ok(Ok(petition.filter(|p| p.case.department.as_deref() == Some(department)).map(|p| (p, user))))
}

/// One of a petition's photos, for a handler of its department. `Ok(None)`: not one of its photos.
pub async fn case_photo(
    services: &Services,
    caller: Option<&StaffUser>,
    department: &str,
    number: &str,
    id: i64,
) -> Result<Result<Option<Vec<u8>>, Denied>, ServerFnError> {
    Ok(match department_petition(services, caller, department, number).await? {
        Ok(Some((petition, _))) => Ok(services.petitions.photo(PhotosOf::Petition(petition.id), id).await?),
        Ok(None) => Ok(None),
        Err(denied) => Err(denied),
    })
}

/// The resident's phone, shown to a handler who asks for it (to call them): the request is in the audit trail.
/// `Ok(None)`: no such petition there.
pub async fn reveal_phone(
    services: &Services,
    caller: Option<&StaffUser>,
    department: &str,
    number: &str,
) -> Result<Result<Option<RevealedPhone>, Denied>, ServerFnError> {
    let (petition, user) = match department_petition(services, caller, department, number).await? {
        Ok(Some(found)) => found,
        Ok(None) => return Ok(Ok(None)),
        Err(denied) => return Ok(Err(denied)),
    };
    let grant = Grant::Handler { department: department.into() };
    let now = services.site.clock.now();
    let subject = format!("诉求{} {}", petition.number, mask_phone(&petition.filed.phone));
    services.staff.audit(&AuditEntry::by(&user, &grant, "查看诉求人电话", subject, now)).await?;
    Ok(Ok(Some(RevealedPhone(petition.filed.phone))))
}

/// A department's step on a bad review, by its form's action code, with its audit label.
fn review_step(code: &str) -> Option<(ReviewStep, &'static str)> {
    match code {
        "review_called" => Some((ReviewStep::Called, "差评回访")),
        "review_fixed" => Some((ReviewStep::Fixed, "差评整改反馈")),
        _ => None,
    }
}

/// A petition routed to `department`, as its handlers see it. `None`: no such petition there.
pub async fn case_file(services: &Services, department: &str, number: &str) -> Result<Option<CaseFile>, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    let Some(number) = TrackingNumber::parse(number) else { return Ok(None) };
    let Some(petition) = services.petitions.by_tracking_number(&number.to_string(), now).await? else {
        return Ok(None);
    };
    if petition.case.department.as_deref() != Some(department) {
        return Ok(None);
    }
    let handler = Actor::Handler { department: department.into() };
    let actions = HANDLER_ACTIONS
        .into_iter()
        .filter(|(code, _, _)| handler_action(code).is_some_and(|a| judge(&petition.case, &handler, &a).is_ok()))
        .map(|(code, label, note)| (code.to_string(), label.to_string(), note))
        .collect();
    let milestones = services
        .petitions
        .history(petition.id)
        .await?
        .into_iter()
        .map(|m| (m.at.format("%Y-%m-%d %H:%M").to_string(), m.actor, m.action, m.note))
        .collect();
    let requests = requests::request_forms(services, &petition, department).await?;
    let names = services.catalog.store.departments().await?;
    let name_of = |id: &str| names.iter().find(|d| d.id == id).map_or(id.to_string(), |d| d.name.clone());
    let pending = petition.case.pending.as_ref().map(|request| request.words(name_of));
    let callbacks = services.petitions.callbacks(petition.id).await?;
    let bad_review = callbacks.last().and_then(|latest| {
        let (call, fix) = latest.review_due(calendar)?;
        let at = |done: Option<DateTime<FixedOffset>>| done.map(|at| at.format("%Y-%m-%d %H:%M").to_string());
        Some(BadReview {
            call_due: written(call.at),
            called: at(latest.review_called_at),
            fix_due: written(fix.at),
            fixed: at(latest.review_fixed_at),
        })
    });
    let photos = services.petitions.photos(PhotosOf::Petition(petition.id)).await?.into_iter().map(|p| p.id).collect();
    let filed = &petition.filed;
    let handlers = assignment::handlers_of(services, department).await?;
    let audit = services
        .staff
        .audit_about(&petition.number, 50)
        .await?
        .into_iter()
        .map(|entry| (entry.at.format("%Y-%m-%d %H:%M").to_string(), entry.staff_number, entry.action))
        .collect();
    Ok(Some(CaseFile {
        audit,
        assignee: petition.assignee.clone(),
        handlers,
        photos,
        callbacks: callbacks.iter().map(following::callback_words).collect(),
        bad_review,
        requests,
        pending,
        department_id: department.into(),
        number: number.to_string(),
        version: petition.version,
        title: filed.title.clone(),
        body: filed.body.clone(),
        category: category(&filed.category).map_or(filed.category.clone(), |c| c.label.to_string()),
        tier: petition.case.tier.clocks().label.to_string(),
        place: format!("{} · {} · {}", filed.street, filed.community, filed.place_detail),
        applicant_masked: mask_name(&filed.applicant_name),
        stage: petition.case.stage.label().to_string(),
        clocks: clock_lines(&petition, calendar),
        milestones,
        actions,
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct HandleForm {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub note: String,
    /// A transfer's department.
    #[serde(default)]
    pub to: String,
    /// An extension's amount, in the result clock's unit.
    #[serde(default)]
    pub amount: String,
    /// A decline's coded reason.
    #[serde(default)]
    pub reason: String,
    /// Who to give it to (a staff number); empty: the department as a whole.
    #[serde(default)]
    pub assignee: String,
}

/// A handler's action on a petition routed to their department: the lifecycle's rules on the version they saw,
/// recorded with its milestone and audit entry. `Ok(Ok(None))`: no such petition there.
pub async fn handle(
    services: &Services,
    caller: Option<&StaffUser>,
    department: &str,
    number: &str,
    form: HandleForm,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    let grant = Grant::Handler { department: department.into() };
    let user = match require(caller, &grant) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let petition = named(services, number).await?;
    let Some(petition) = petition.filter(|p| p.case.department.as_deref() == Some(department)) else {
        return Ok(Ok(None));
    };
    if form.action == "assign" {
        return assignment::assign(services, caller, department, number, &form.assignee).await;
    }
    if let Some((step, label)) = review_step(&form.action) {
        let audit = AuditEntry::by(user, &grant, label, format!("诉求{}", petition.number), now);
        let page = PagePath::new(&["staff", "petitions", department, number]);
        return Ok(Ok(Some(match services.petitions.review_step(petition.id, step, &audit, now).await? {
            true => Decision::Onward(page),
            false => Decision::whole("没有需要记录的差评处理，或已经记录过了。"),
        })));
    }
    let note = form.note.trim();
    let (action, label) = match requests::asked(services, &petition, &form).await? {
        Some(Ok((request, label))) => (Action::Ask(request), label),
        Some(Err(problem)) => return Ok(Ok(Some(Decision::field("note", problem)))),
        None => {
            let Some((code, label, needs_note)) = HANDLER_ACTIONS.into_iter().find(|(code, _, _)| *code == form.action)
            else {
                return Ok(Ok(Some(Decision::whole("没有这项操作。"))));
            };
            if needs_note && !text_within(note, 2..=1000) {
                return Ok(Ok(Some(Decision::field("note", "请写明内容（2到1000字），诉求人会看到。"))));
            }
            (handler_action(code).expect("every listed action has its Action"), label)
        }
    };
    let audit = AuditEntry::by(user, &grant, label, format!("诉求{}", petition.number), now);
    let actor = Actor::Handler { department: department.into() };
    let texts = texts_to_resident(services, &petition, &actor, &action);
    let step = Step { actor: &actor, action: &action, note, audit: Some(&audit), texts: &texts };
    let outcome = services.petitions.act(petition.id, form.version, step, now).await?;
    Ok(Ok(Some(after_step(outcome, PagePath::new(&["staff", "petitions", department, number])))))
}

/// The status page's address, as texts and QR codes carry it.
fn status_url(services: &Services, token: &str) -> String {
    format!("{}{}", services.site.public_base_url, PagePath::new(&["petitions", token]).as_str())
}

/// The text a step sends the resident, if the rules take it: 签收, a request for information (with the link to
/// answer it), 办结 (with the link to the callback), an approved decline. Worked out from the petition as the
/// step finds it (the store takes the step only on that version), so it is queued in the step's transaction.
fn texts_to_resident(services: &Services, petition: &Petition, actor: &Actor, action: &Action) -> Vec<Text> {
    let Ok((after, _)) = judge(&petition.case, actor, action) else { return Vec::new() };
    let number = spaced(&petition.number);
    let link = status_url(services, &petition.token);
    let template = match action {
        Action::SignFor => Template::SignedFor { number },
        Action::AskForInformation => Template::InformationAsked { number, link },
        Action::Close => Template::Closed { number, link },
        Action::Decide { approve: true } if after.stage == Stage::Declined => Template::Declined { number, link },
        _ => return Vec::new(),
    };
    vec![Text { phone: petition.filed.phone.clone(), template }]
}

/// Files `petition` with its alerts: an emergency or urgent one texts the dispatchers on duty (`roster`), so it is
/// routed at once. The texts are queued with the filing.
async fn file_alerting(services: &Services, petition: &NewPetition, key: &str) -> Result<Filed, ServerFnError> {
    let now = services.site.clock.now();
    let phones = match petition.tier {
        Tier::Emergency | Tier::Urgent => roster::alert_phones(services, now).await?,
        _ => Vec::new(),
    };
    let tier = petition.tier.clocks().label.split('：').next().unwrap_or_default().to_string();
    let alerts = move |filed: &Filed| {
        let template = Template::UrgentArrived { number: spaced(&filed.number), tier: tier.clone() };
        phones.iter().map(|phone| Text { phone: phone.clone(), template: template.clone() }).collect()
    };
    Ok(services.petitions.file(petition, key, &alerts, now).await?)
}

/// What a form answers once its step on a petition was tried: onward, or the page again saying why not (409 when
/// someone changed the petition since the page was shown).
fn after_step(outcome: Result<Petition, NotTaken>, onward: PagePath) -> Decision {
    match outcome {
        Ok(_) => Decision::Onward(onward),
        Err(NotTaken::Changed) => {
            Decision::Again(FormProblem::whole("这件诉求刚刚已被他人处理，页面已更新，请再看一下。").with_status(409))
        }
        Err(NotTaken::Refused(refusal)) => Decision::whole(refusal.to_string()),
        Err(NotTaken::NotFound) => Decision::whole("没有找到这件诉求。"),
    }
}
