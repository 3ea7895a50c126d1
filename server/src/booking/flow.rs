//! The booking questions' form handlers. Each checks its answer with the rules in `app::booking`, saves it in the
//! session's draft and sends the resident on with a 303; a wrong or missing answer renders the same page again
//! with the problem and a 400. Plain form posts: all of it works without JavaScript.

use crate::{render_again, unavailable, AppState, PagePath};
use app::booking::api::ssr::{draft, open_slots, save_draft};
use app::booking::codes::new_token;
use app::booking::flow::{check_who, Draft, Kiosk, Step, WhoForm};
use app::booking::model::{BookingRequest, SlotRef};
use app::booking::slots::horizon;
use app::catalog::model::ItemId;
use app::services::Services;
use app::ui::form::FormProblem;
use axum::{
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
    Form,
};
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use tower_sessions::Session;

/// What a handler answers: the next page, or the same page again with its problem.
enum Answer {
    Next(String),
    Again(&'static str, FormProblem),
}

fn next(step: Step) -> Result<Answer, Stop> {
    Ok(Answer::Next(step.path().into()))
}

fn again(page: &'static str, field: &'static str, message: impl Into<String>) -> Result<Answer, Stop> {
    Ok(Answer::Again(page, FormProblem::new(vec![(field, message.into())], Vec::new())))
}

/// Why a step ends early.
enum Stop {
    /// No draft in the session (it expired, or the resident came straight here): back to the start.
    NoDraft,
    /// The draft is booked already (a second submission, the back button): its booking, with the token.
    Booked(String),
    /// The database failed.
    Failed(String),
}

fn failed(error: impl std::fmt::Display) -> Stop {
    Stop::Failed(error.to_string())
}

/// The answer to the form on `page`.
async fn answer(
    state: &AppState,
    page: &'static str,
    session: Session,
    headers: HeaderMap,
    answer: Result<Answer, Stop>,
) -> Response {
    match answer {
        Ok(Answer::Next(path)) => Redirect::to(&path).into_response(),
        Ok(Answer::Again(page, problem)) => {
            render_again(state, &PagePath::fixed(page), headers, session, problem).await
        }
        Err(Stop::NoDraft) => Redirect::to("/book").into_response(),
        Err(Stop::Booked(token)) => Redirect::to(PagePath::new(&["bookings", &token]).as_str()).into_response(),
        Err(Stop::Failed(error)) => unavailable(state, &PagePath::fixed(page), headers, session, error).await,
    }
}

/// The session's draft, while it is not yet booked.
async fn current(session: &Session) -> Result<Draft, Stop> {
    let draft = draft(session).await.map_err(failed)?.ok_or(Stop::NoDraft)?;
    match draft.booked {
        Some(token) => Err(Stop::Booked(token)),
        None => Ok(draft),
    }
}

async fn store(session: &Session, draft: &Draft) -> Result<(), Stop> {
    save_draft(session, draft).await.map_err(failed)
}

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    item: String,
    /// The place of the kiosk the booking starts at, if it does.
    #[serde(default)]
    kiosk: String,
}

pub async fn start(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<StartForm>,
) -> Response {
    let result = async {
        let item: Option<ItemId> = form.item.parse().ok();
        let bookable = match item {
            Some(id) => state.services.catalog.store.item(id).await.map_err(failed)?.filter(|i| i.channels.bookable),
            None => None,
        };
        let Some(item) = bookable else {
            return Ok(Answer::Again("/book", FormProblem::whole("这个事项不能预约到现场办理，请选择其他事项。")));
        };
        if form.kiosk.is_empty() {
            store(&session, &Draft::new(item.id, new_token())).await?;
            return next(Step::Place);
        }
        let places = state.services.catalog.store.places_handling(item.id).await.map_err(failed)?;
        let Some(place) = places.into_iter().find(|p| p.id == form.kiosk) else {
            return Ok(Answer::Again("/book", FormProblem::whole("这个办理点不办理这个事项，请选择其他事项。")));
        };
        let kiosk = Kiosk { place_id: place.id, place_name: place.name };
        store(&session, &Draft::at_kiosk(item.id, new_token(), kiosk)).await?;
        next(Step::Day)
    }
    .await;
    answer(&state, "/book", session, headers, result).await
}

#[derive(Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    place: String,
}

pub async fn place(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<PlaceForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        let places = state.services.catalog.store.places_handling(draft.item).await.map_err(failed)?;
        if !places.iter().any(|p| p.id == form.place) {
            return again(Step::Place.path(), "place", "请选择一个办理点。");
        }
        draft.choose_place(form.place);
        store(&session, &draft).await?;
        next(Step::Day)
    }
    .await;
    answer(&state, Step::Place.path(), session, headers, result).await
}

#[derive(Deserialize)]
pub struct DayForm {
    #[serde(default)]
    day: String,
}

/// The draft's place on a day: its seats per slot, and the slots that can still be booked.
struct OpenDay {
    capacity: u32,
    slots: Vec<app::booking::api::SlotChoice>,
}

/// The slots at the draft's place on `day` that can still be booked; a message when there are none.
async fn slots_on(services: &Services, draft: &Draft, day: NaiveDate) -> Result<Result<OpenDay, String>, Stop> {
    let place_id = draft.place_id.as_deref().unwrap_or_default();
    let Some(place) = services.booking.bookable_place(place_id).await.map_err(failed)? else {
        return Ok(Err("请重新选择办理点。".into()));
    };
    if !horizon(services.site.clock.today()).any(|d| d == day) {
        return Ok(Err("只能预约今天起14天内的日期。".into()));
    }
    Ok(match open_slots(services, &place, day).await.map_err(failed)? {
        Ok(slots) if slots.is_empty() => Err("这一天的预约已截止，请选择其他日期。".into()),
        Ok(slots) => Ok(OpenDay { capacity: place.capacity, slots }),
        Err(reason) => Err(reason),
    })
}

pub async fn day(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<DayForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        let Ok(day) = form.day.parse::<NaiveDate>() else {
            return again(Step::Day.path(), "day", "请选择一个日期。");
        };
        if let Err(message) = slots_on(&state.services, &draft, day).await? {
            return again(Step::Day.path(), "day", message);
        }
        draft.choose_day(day);
        store(&session, &draft).await?;
        next(Step::Slot)
    }
    .await;
    answer(&state, Step::Day.path(), session, headers, result).await
}

#[derive(Deserialize)]
pub struct SlotForm {
    #[serde(default)]
    slot: String,
}

pub async fn slot(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<SlotForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        let (time, wait) = match form.slot.split_once('/') {
            Some((time, "wait")) => (time, true),
            _ => (form.slot.as_str(), false),
        };
        let (Ok(starts), Some(day)) = (NaiveTime::parse_from_str(time, "%H:%M"), draft.day) else {
            return again(Step::Slot.path(), "slot", "请选择一个时段。");
        };
        let slots = match slots_on(&state.services, &draft, day).await? {
            Ok(open) => open.slots,
            Err(message) => return again(Step::Slot.path(), "slot", message),
        };
        match slots.iter().find(|s| s.starts == starts) {
            None => return again(Step::Slot.path(), "slot", "这个时段已不能预约，请选择其他时段。"),
            Some(s) if s.seats_left == 0 && !wait => {
                return again(Step::Slot.path(), "slot", "这个时段刚刚约满了。可以选择其他时段，或选择它登记候补。")
            }
            Some(_) => {}
        }
        draft.starts = Some(starts);
        draft.wait_if_full = wait;
        store(&session, &draft).await?;
        next(Step::Who)
    }
    .await;
    answer(&state, Step::Slot.path(), session, headers, result).await
}

pub async fn who(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<WhoForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        let at_kiosk = draft.kiosk.is_some();
        match check_who(&form, draft.applicant.as_ref(), state.services.site.clock.today(), at_kiosk) {
            Ok(applicant) => {
                draft.applicant = Some(applicant);
                store(&session, &draft).await?;
                next(Step::Consent)
            }
            // The name and choices come back; the ID number and phone are typed again, never echoed.
            Err(errors) => {
                let mut values =
                    vec![("name".to_string(), form.name.clone()), ("id_type".to_string(), form.id_type.clone())];
                if form.on_behalf.is_some() {
                    values.push(("on_behalf".into(), "1".into()));
                }
                Ok(Answer::Again(Step::Who.path(), FormProblem::new(errors, values)))
            }
        }
    }
    .await;
    answer(&state, Step::Who.path(), session, headers, result).await
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    agree: Option<String>,
}

pub async fn consent(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<ConsentForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        if form.agree.is_none() {
            return again(Step::Consent.path(), "agree", "需要您同意使用证件号码，才能完成预约。");
        }
        draft.consented = true;
        store(&session, &draft).await?;
        next(Step::Check)
    }
    .await;
    answer(&state, Step::Consent.path(), session, headers, result).await
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    key: String,
}

pub async fn confirm(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Response {
    let result = async {
        let mut draft = current(&session).await?;
        if draft.key != form.key {
            return Ok(Answer::Again(
                Step::Check.path(),
                FormProblem::whole("这个页面已过期，请核对下面的信息后再确认。"),
            ));
        }
        if draft.next_step() != Step::Check {
            return Ok(Answer::Next(draft.next_step().path().into()));
        }
        let (Some(place_id), Some(day), Some(starts), Some(applicant)) =
            (draft.place_id.clone(), draft.day, draft.starts, draft.applicant.clone())
        else {
            return Ok(Answer::Next(draft.next_step().path().into()));
        };
        let capacity = match slots_on(&state.services, &draft, day).await? {
            Ok(open) if open.slots.iter().any(|s| s.starts == starts) => open.capacity,
            _ => {
                return Ok(Answer::Again(
                    Step::Check.path(),
                    FormProblem::whole(app::booking::model::Refusal::SlotClosed.to_string()),
                ))
            }
        };
        let request = BookingRequest {
            item: draft.item,
            slot: SlotRef { place_id, day, starts },
            applicant,
            wait_if_full: draft.wait_if_full,
        };
        match state
            .services
            .booking
            .book(&request, capacity, &draft.key, state.services.site.clock.now())
            .await
            .map_err(failed)?
        {
            Ok(booking) => {
                draft.finish(booking.token.clone());
                store(&session, &draft).await?;
                Ok(Answer::Next(PagePath::new(&["bookings", &booking.token]).as_str().into()))
            }
            Err(refusal) => Ok(Answer::Again(Step::Check.path(), FormProblem::whole(refusal.to_string()))),
        }
    }
    .await;
    answer(&state, Step::Check.path(), session, headers, result).await
}
