//! What the holder of a booking's link can do: cancel it, or move it to another time at the same place. Plain
//! form posts, answered like the booking questions: 303 to the booking page, or the page again with a 400.

use crate::guards::{digest, rate_limit};
use crate::{render_again, unavailable, AppState, PagePath};
use app::booking::api::ssr::{open_slots, LOOKUP_KEY};
use app::booking::codes::{is_token_shaped, normalise_check_in};
use app::booking::model::SlotRef;
use app::personal::check_mobile;
use app::ui::form::FormProblem;
use axum::{
    extract::{Path, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use axum_client_ip::ClientIp;
use chrono::{NaiveDate, NaiveTime};
use serde::Deserialize;
use tower_sessions::Session;

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
    let page = PagePath::new(&["bookings", &token]);
    match state.services.booking.cancel(&token, state.services.site.clock.now()).await {
        Ok(Some(_)) => Redirect::to(page.as_str()).into_response(),
        Ok(None) => {
            let problem = FormProblem::whole("这个预约已经不能取消：可能已取消、已签到，或时段已开始。");
            render_again(&state, &page, headers, session, problem).await
        }
        Err(e) => unavailable(&state, &page, headers, session, e).await,
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
    let page = PagePath::new(&["bookings", &token, "reschedule"]).with_query("day", &form.day);
    let failed = |error: String| unavailable(&state, &page, headers.clone(), session.clone(), error);
    let booking = match services.booking.booking(&token).await {
        Ok(Some(booking)) => booking,
        Ok(None) => return not_found(),
        Err(e) => return failed(e.to_string()).await,
    };
    let again =
        |message: String| render_again(&state, &page, headers.clone(), session.clone(), FormProblem::whole(message));
    let (Ok(day), Ok(starts)) = (form.day.parse::<NaiveDate>(), NaiveTime::parse_from_str(&form.slot, "%H:%M")) else {
        return again("请选择一个时段。".into()).await;
    };
    let place = match services.booking.bookable_place(&booking.slot.place_id).await {
        Ok(Some(place)) => place,
        Ok(None) => return not_found(),
        Err(e) => return failed(e.to_string()).await,
    };
    let open = match open_slots(services, &place, day).await {
        Ok(Ok(slots)) => slots.iter().any(|s| s.starts == starts && s.seats_left > 0),
        Ok(Err(_)) => false,
        Err(e) => return failed(e.to_string()).await,
    };
    if !open {
        return again("这个时段已不能预约或已约满，请选择其他时段。".into()).await;
    }
    let slot = SlotRef { place_id: place.place.id.clone(), day, starts };
    match services.booking.reschedule(&token, &slot, place.capacity, services.site.clock.now()).await {
        Ok(Ok(_)) => Redirect::to(PagePath::new(&["bookings", &token]).as_str()).into_response(),
        Ok(Err(refusal)) => again(refusal.to_string()).await,
        Err(e) => failed(e.to_string()).await,
    }
}

#[derive(Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
}

/// Ten lookups per phone number in ten minutes: plenty for a resident, hopeless for guessing 8-character codes.
const LOOKUP_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 10, window_seconds: 600 };
/// And sixty per address, so that guessing cannot go on by trying many phone numbers. Generous, because many
/// people can share one address: a community centre's kiosk, or a mobile network's NAT.
const LOOKUP_ADDRESS_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 60, window_seconds: 600 };

/// `POST /bookings/lookup`: phone + one check-in code proves the phone for this session; its bookings are then
/// listed at /my-bookings.
pub async fn lookup(
    State(state): State<AppState>,
    session: Session,
    address: Result<ClientIp, axum_client_ip::Rejection>,
    headers: HeaderMap,
    Form(form): Form<LookupForm>,
) -> Response {
    // A request that did not come the configured way (say, past the proxy) has no address: all such share one
    // window, so they are still limited, and answered.
    let address = address.map_or_else(|_| "unknown".to_string(), |ClientIp(ip)| ip.to_string());
    let page = PagePath::fixed("/bookings");
    let again = |problem: FormProblem| render_again(&state, &page, headers.clone(), session.clone(), problem);
    let failed = |error: String| unavailable(&state, &page, headers.clone(), session.clone(), error);
    let (phone, code) = (check_mobile(&form.phone), normalise_check_in(&form.code));
    let (Ok(phone), Some(code)) = (&phone, &code) else {
        let mut errors = Vec::new();
        if let Err(message) = phone {
            errors.push(("phone", message.to_string()));
        }
        if code.is_none() {
            errors.push(("code", "签到码是8位字母和数字，例如 K7M2Q9XA。".to_string()));
        }
        return again(FormProblem::new(errors, vec![("code".into(), form.code.clone())])).await;
    };
    let now = state.services.site.clock.now().timestamp();
    let buckets = [
        (format!("lookup-address:{address}"), LOOKUP_ADDRESS_LIMIT),
        (format!("lookup:{}", digest(phone)), LOOKUP_LIMIT),
    ];
    for (bucket, limit) in buckets {
        match rate_limit::hit(&state.pool, &bucket, limit, now).await {
            Ok(rate_limit::Verdict::Allowed) => {}
            Ok(rate_limit::Verdict::Limited { retry_after_seconds }) => {
                let minutes = (retry_after_seconds + 59) / 60;
                let problem = FormProblem::whole(format!("查询太频繁了，请 {minutes} 分钟后再试。"));
                return again(problem.with_status(429)).await;
            }
            Err(e) => return failed(e.to_string()).await,
        }
    }
    let bookings = match state.services.booking.bookings_by_phone(phone).await {
        Ok(bookings) => bookings,
        Err(e) => return failed(e.to_string()).await,
    };
    if !bookings.iter().any(|b| &b.check_in_code == code) {
        // Which of the two is wrong is not said: that would help someone guessing.
        return again(FormProblem::whole("没有找到：请核对手机号码和签到码。")).await;
    }
    match session.insert(LOOKUP_KEY, phone).await {
        Ok(()) => Redirect::to("/my-bookings").into_response(),
        Err(e) => failed(e.to_string()).await,
    }
}
