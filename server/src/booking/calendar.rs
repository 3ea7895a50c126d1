//! `GET /bookings/{token}/calendar.ics`: the booking as a calendar event with a reminder an hour before, for
//! the phone's own calendar. No personal data in it: the holder of the link already has the booking page.

use crate::problem::Problem;
use app::booking::codes::is_token_shaped;
use app::booking::model::Booking;
use app::booking::slots::SLOT_MINUTES;
use app::clock::beijing;
use app::services::Services;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
};
use chrono::{Duration, TimeZone, Utc};
use icalendar::{Alarm, Calendar, Component, EventLike};

fn no_such_booking() -> Response {
    Problem::new(StatusCode::NOT_FOUND, "没有这个预约。").into_response()
}

pub async fn download(State(services): State<Services>, Path(token): Path<String>) -> Response {
    if !is_token_shaped(&token) {
        return no_such_booking();
    }
    let found = match services.booking.booking(&token).await {
        Ok(found) => found,
        Err(e) => {
            tracing::error!(error = %e, "could not load a booking for its calendar file");
            return Problem::new(StatusCode::SERVICE_UNAVAILABLE, "暂时无法生成日历文件，请稍后再试。").into_response();
        }
    };
    let Some(booking) = found else { return no_such_booking() };
    let address = match services.booking.bookable_place(&booking.slot.place_id).await {
        Ok(place) => place.map(|p| p.place.address).unwrap_or_default(),
        Err(_) => String::new(),
    };
    let page = format!("{}/bookings/{}", services.site.public_base_url, booking.token);
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"booking.ics\""),
            (header::CACHE_CONTROL, "no-store"),
        ],
        event(&booking, &address, &page),
    )
        .into_response()
}

/// The booking's slot as an event, in UTC, with a display alarm one hour before it starts.
pub fn event(booking: &Booking, address: &str, page: &str) -> String {
    let starts = beijing()
        .from_local_datetime(&booking.slot.day.and_time(booking.slot.starts))
        .single()
        .expect("Beijing time has no gaps")
        .with_timezone(&Utc);
    let event = icalendar::Event::new()
        .uid(&format!("{}@zsb", booking.token))
        .summary(&format!("预约办理：{}", booking.item_name))
        .location(&format!("{} {address}", booking.place_name))
        .description(&format!("签到码 {}。查看、取消或改约：{page}", booking.check_in_code))
        .starts(starts)
        .ends(starts + Duration::minutes(SLOT_MINUTES))
        .alarm(Alarm::display(&format!("一小时后：{}", booking.item_name), -Duration::hours(1)))
        .done();
    Calendar::new().push(event).done().to_string()
}
