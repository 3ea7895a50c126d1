//! What the holder of a booking's link can do: cancel it, or move it to another time at the same place. Plain
//! form posts, answered like the booking questions: 303 to the booking page, or the page again with a 400.

use crate::{render_again, AppState};
use app::booking::api::ssr::open_slots;
use app::booking::codes::is_token_shaped;
use app::booking::model::SlotRef;
use app::ui::form::FormProblem;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use tower_sessions::Session;

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "changing a booking failed");
    (StatusCode::SERVICE_UNAVAILABLE, "暂时无法处理，请稍后再试。").into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "没有这个预约。").into_response()
}

pub async fn cancel(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(token): Path<String>,
) -> Response {
    if !is_token_shaped(&token) {
        return not_found();
    }
    let page = format!("/bookings/{token}");
    match state.services.bookings.cancel(&token, state.services.clock.now()).await {
        Ok(Some(_)) => Redirect::to(&page).into_response(),
        Ok(None) => {
            let problem = FormProblem::whole("这个预约已经不能取消：可能已取消、已签到，或时段已开始。");
            render_again(&state, &page, headers, session, problem).await
        }
        Err(e) => failed(e),
    }
}

#[derive(Deserialize)]
pub struct RescheduleForm {
    #[serde(default)]
    day: String,
    #[serde(default)]
    slot: String,
}

pub async fn reschedule(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<RescheduleForm>,
) -> Response {
    if !is_token_shaped(&token) {
        return not_found();
    }
    let services = &state.services;
    let booking = match services.bookings.booking(&token).await {
        Ok(Some(booking)) => booking,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let page = format!("/bookings/{token}/reschedule?day={}", form.day);
    let again =
        |message: String| render_again(&state, &page, headers.clone(), session.clone(), FormProblem::whole(message));
    let (Ok(day), Ok(starts)) = (form.day.parse::<NaiveDate>(), NaiveTime::parse_from_str(&form.slot, "%H:%M")) else {
        return again("请选择一个时段。".into()).await;
    };
    let place = match services.bookings.bookable_place(&booking.slot.place_id).await {
        Ok(Some(place)) => place,
        Ok(None) => return not_found(),
        Err(e) => return failed(e),
    };
    let open = match open_slots(services, &place, day).await {
        Ok(Ok(slots)) => slots.iter().any(|s| s.starts == starts && s.seats_left > 0),
        Ok(Err(_)) => false,
        Err(e) => return failed(e),
    };
    if !open {
        return again("这个时段已不能预约或已约满，请选择其他时段。".into()).await;
    }
    let slot = SlotRef { place_id: place.place.id.clone(), day, starts };
    match services.bookings.reschedule(&token, &slot, place.capacity, services.clock.now()).await {
        Ok(Ok(_)) => Redirect::to(&format!("/bookings/{token}")).into_response(),
        Ok(Err(refusal)) => again(refusal.to_string()).await,
        Err(e) => failed(e),
    }
}
