//! A resident follows their petition: its status page (by its link, or its number and access code), their
//! answer to a request for information, the callback (回访) once it is closed, a changed rating, withdrawing.

use super::{after_step, clock_lines};
use crate::calendar::WorkCalendar;
use crate::categories::category;
use crate::personal::text_within;
use crate::personal::{mask_name, mask_phone};
use crate::petitions::callback::{CallbackRecord, Rating, RerateRefusal};
use crate::petitions::lifecycle::{Action, Callback, Stage};
use crate::petitions::model::{Filed, Petition};
use crate::petitions::page_data::StatusView;
use crate::petitions::store::Step;
use crate::petitions::tracking::spaced;
use crate::petitions::tracking::TrackingNumber;
use crate::services::Services;
use crate::ui::form::{Decision, FormProblem};
use crate::ui::page_path::PagePath;
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// What the resident sees of the milestones, by action: internal requests and decisions are the staff's.
fn milestone_label(action: &str) -> Option<&'static str> {
    Some(match action {
        "file" => "已提交",
        "route" => "已派单",
        "sign_for" => "部门已签收",
        "contact" => "部门已与您联系",
        "ask_information" => "部门请您补充材料",
        "answer_information" => "您已补充材料",
        "close" => "部门已办结并答复",
        // The approved request, in the words the resident reads (a transfer, more time, a decline).
        "approve" => "办理安排有变化",
        "callback_solved" => "您已评价：已解决",
        "callback_not_solved" => "您已评价：未解决，退回重办",
        "withdraw" => "您已撤回",
        "merge" => "已合并办理",
        _ => return None,
    })
}

/// The petition behind a status link, if the token is one.
async fn by_link(services: &Services, token: &str) -> Result<Option<Petition>, ServerFnError> {
    if !Filed::is_token(token) {
        return Ok(None);
    }
    Ok(services.petitions.by_token(token, services.site.clock.now()).await?)
}

/// A petition's status page. `None`: the link names no petition.
pub async fn status(services: &Services, token: &str) -> Result<Option<StatusView>, ServerFnError> {
    let calendar = WorkCalendar::official();
    let Some(petition) = by_link(services, token).await? else { return Ok(None) };
    let department = match &petition.case.department {
        Some(id) => services.catalog.store.department(id).await?.map(|d| d.name),
        None => None,
    };
    let history = services.petitions.history(petition.id).await?;
    let milestones = history
        .into_iter()
        .filter_map(|m| {
            let label = milestone_label(&m.action)?;
            // The routing's note is the department's name; every other note is what was written to the resident.
            Some((m.at.format("%Y-%m-%d %H:%M").to_string(), label.to_string(), m.note))
        })
        .collect();
    let callbacks = services.petitions.callbacks(petition.id).await?;
    let rating_to_change =
        callbacks.last().filter(|latest| !latest.rerated).map(|latest| latest.rating.code().to_string());
    let filed = &petition.filed;
    Ok(Some(StatusView {
        id: petition.id,
        token: petition.token.clone(),
        callback_asked: petition.case.stage == Stage::Closed,
        callbacks: callbacks.iter().map(callback_words).collect(),
        rating_to_change,
        may_withdraw: petition.case.stage.is_open(),
        number: spaced(&petition.number),
        version: petition.version,
        awaiting_answer: petition.case.stage == Stage::AwaitingInformation,
        title: filed.title.clone(),
        category: category(&filed.category).map_or(filed.category.clone(), |c| c.label.to_string()),
        tier: petition.case.tier.clocks().label.to_string(),
        stage: petition.case.stage.label().to_string(),
        department,
        place: format!("{} · {}", filed.street, filed.community),
        applicant_masked: mask_name(&filed.applicant_name),
        phone_masked: mask_phone(&filed.phone),
        clocks: clock_lines(&petition, calendar),
        milestones,
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub code: String,
    /// The kiosk the lookup was typed at: the status page keeps its frame.
    #[serde(default)]
    pub kiosk: String,
}

/// The status page of the petition with this number and access code, or the form again saying the pair is not
/// right (never which half). The caller limits how often it is tried.
pub async fn look_up(services: &Services, form: LookupForm) -> Result<Decision, ServerFnError> {
    let wrong = || Decision::whole("受理编号或查询码不对，请核对后再试。");
    let (Some(number), code) = (TrackingNumber::parse(&form.number), crate::personal::normalise(&form.code)) else {
        return Ok(wrong());
    };
    if !Filed::is_access_code(&code) {
        return Ok(wrong());
    }
    let now = services.site.clock.now();
    Ok(match services.petitions.by_number(&number.to_string(), &code, now).await? {
        Some(petition) if form.kiosk.is_empty() => Decision::Onward(PagePath::new(&["petitions", &petition.token])),
        Some(petition) => {
            Decision::Onward(PagePath::new(&["petitions", &petition.token]).with_query("kiosk", &form.kiosk))
        }
        None => wrong(),
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub version: i64,
    #[serde(default)]
    pub note: String,
}

/// The resident's answer to a request for information: the result clock runs again. `None`: the link names no
/// petition.
pub async fn answer(services: &Services, token: &str, form: AnswerForm) -> Result<Option<Decision>, ServerFnError> {
    let now = services.site.clock.now();
    let Some(petition) = by_link(services, token).await? else { return Ok(None) };
    let note = form.note.trim();
    if !text_within(note, 2..=1000) {
        return Ok(Some(Decision::field("note", "请写明补充的内容（2到1000字）。")));
    }
    let step = Step::resident(&Action::AnswerInformation, note);
    let outcome = services.petitions.act(petition.id, form.version, step, now).await?;
    Ok(Some(after_step(outcome, PagePath::new(&["petitions", token]))))
}

/// 已联系 · 未解决 · 不满意（已修改）
pub(super) fn callback_words(record: &CallbackRecord) -> String {
    format!(
        "{} · {} · {}{}",
        if record.contacted { "已联系" } else { "未联系" },
        if record.solved { "已解决" } else { "未解决" },
        record.rating.label(),
        if record.rerated { "（已修改）" } else { "" }
    )
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CallbackForm {
    #[serde(default)]
    pub version: i64,
    /// `yes` or `no`
    #[serde(default)]
    pub contacted: String,
    #[serde(default)]
    pub solved: String,
    #[serde(default)]
    pub rating: String,
}

/// `POST /petitions/{token}/callback`: the resident's callback once the department has closed it. Not solved sends
/// it back to the department once (重办); a bad rating starts the bad-review clocks. `None`: the link names no
/// petition.
pub async fn give_callback(
    services: &Services,
    token: &str,
    form: CallbackForm,
) -> Result<Option<Decision>, ServerFnError> {
    let now = services.site.clock.now();
    let Some(petition) = by_link(services, token).await? else { return Ok(None) };
    let action = match form.action() {
        Ok(action) => action,
        Err(problem) => return Ok(Some(Decision::Again(problem))),
    };
    let outcome = services.petitions.act(petition.id, form.version, Step::resident(&action, ""), now).await?;
    Ok(Some(after_step(outcome, PagePath::new(&["petitions", token]))))
}

impl CallbackForm {
    /// The callback the form gives, or each missing answer.
    pub fn action(&self) -> Result<Action, FormProblem> {
        let yes_no = |answer: &str| match answer {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        let (contacted, solved, rating) =
            (yes_no(&self.contacted), yes_no(&self.solved), Rating::from_code(&self.rating));
        let (Some(contacted), Some(solved), Some(rating)) = (contacted, solved, rating) else {
            let problems = [
                ("contacted", contacted.is_none(), "请回答办理部门是否联系过您。"),
                ("solved", solved.is_none(), "请回答问题是否解决。"),
                ("rating", rating.is_none(), "请选择满意程度。"),
            ]
            .into_iter()
            .filter(|(_, missing, _)| *missing)
            .map(|(field, _, message)| (field, message.to_string()))
            .collect();
            return Err(FormProblem::new(problems, Vec::new()));
        };
        Ok(Action::Callback(Callback { contacted, solved, rating }))
    }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    pub rating: String,
}

/// `POST /petitions/{token}/rating`: the latest rating changed, once. `None`: the link names no petition.
pub async fn change_rating(
    services: &Services,
    token: &str,
    form: RatingForm,
) -> Result<Option<Decision>, ServerFnError> {
    let now = services.site.clock.now();
    let Some(petition) = by_link(services, token).await? else { return Ok(None) };
    let Some(rating) = Rating::from_code(&form.rating) else {
        return Ok(Some(Decision::field("rating", "请选择满意程度。")));
    };
    let Some(latest) = services.petitions.callbacks(petition.id).await?.pop() else {
        return Ok(Some(Decision::whole("还没有评价，不能修改。")));
    };
    let changed = match latest.rerated(rating, now) {
        Ok(changed) => changed,
        Err(refusal) => return Ok(Some(Decision::field("rating", refusal.to_string()))),
    };
    if !services.petitions.rerate(petition.id, &changed).await? {
        return Ok(Some(Decision::field("rating", RerateRefusal::AlreadyChanged.to_string())));
    }
    Ok(Some(Decision::Onward(PagePath::new(&["petitions", token]))))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct WithdrawForm {
    #[serde(default)]
    pub version: i64,
}

/// `POST /petitions/{token}/withdraw`: the resident no longer needs it handled. `None`: no such petition.
pub async fn withdraw(services: &Services, token: &str, form: WithdrawForm) -> Result<Option<Decision>, ServerFnError> {
    let now = services.site.clock.now();
    let Some(petition) = by_link(services, token).await? else { return Ok(None) };
    let outcome = services.petitions.act(petition.id, form.version, Step::resident(&Action::Withdraw, ""), now).await?;
    Ok(Some(after_step(outcome, PagePath::new(&["petitions", token]))))
}
