//! Server functions behind the booking pages. Each is one call to `booking::service` (with the resident's
//! session where it matters): a page's data (`page_data`), or where to go instead when an earlier question is
//! unanswered.

use super::draft::StartedAtKiosk;
use super::page_data::{
    Board, BookingLine, BookingView, CheckAnswers, CounterDay, DayChoices, MoveChoices, OpenedBooking, PlaceChoices,
    SlotChoices, WhoAnswers,
};
#[cfg(feature = "ssr")]
use super::service;
use crate::catalog::model::ItemSummary;
#[cfg(feature = "ssr")]
use crate::services::services_and_session;
#[cfg(feature = "ssr")]
use crate::staff::{model::Grant, service::allowed};
use crate::ui::questions::Gate;
use chrono::NaiveDate;
use leptos::prelude::*;

/// The popular items that can be booked: booking's first question.
#[server(endpoint = "booking/popular")]
pub async fn popular_bookable() -> Result<Vec<ItemSummary>, ServerFnError> {
    let popular = crate::services::services()?.catalog.popular();
    Ok(popular.into_iter().filter(|item| item.channels.bookable).collect())
}

/// Today's board at a place, from the slot under way on.
#[server(endpoint = "booking/board")]
pub async fn board_today(place_id: String) -> Result<Board, ServerFnError> {
    service::board_today(&crate::services::services()?, &place_id).await
}

/// The kiosk a booking in progress was started at: its pages keep that kiosk's frame. `None` on a phone.
#[server(endpoint = "booking/kiosk_of_draft")]
pub async fn kiosk_of_draft() -> Result<Option<StartedAtKiosk>, ServerFnError> {
    let (_, session) = services_and_session().await?;
    service::kiosk_of_draft(&session).await
}

#[server(endpoint = "booking/place_step")]
pub async fn place_step(street: Option<String>) -> Result<Gate<PlaceChoices>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::place_step(&services, &session, street).await
}

#[server(endpoint = "booking/day_step")]
pub async fn day_step() -> Result<Gate<DayChoices>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::day_step(&services, &session).await
}

#[server(endpoint = "booking/slot_step")]
pub async fn slot_step() -> Result<Gate<SlotChoices>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::slot_step(&services, &session).await
}

#[server(endpoint = "booking/who_step")]
pub async fn who_step() -> Result<Gate<WhoAnswers>, ServerFnError> {
    let (_, session) = services_and_session().await?;
    service::who_step(&session).await
}

/// The consent page shows once the "who" question is answered.
#[server(endpoint = "booking/consent_step")]
pub async fn consent_step() -> Result<Gate<()>, ServerFnError> {
    let (_, session) = services_and_session().await?;
    service::consent_step(&session).await
}

#[server(endpoint = "booking/check_step")]
pub async fn check_step() -> Result<Gate<CheckAnswers>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::check_step(&services, &session).await
}

#[server(endpoint = "booking/reschedule_options")]
pub async fn reschedule_options(token: String, day: Option<NaiveDate>) -> Result<Option<MoveChoices>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::reschedule_options(&services, &session, &token, day).await
}

/// The bookings of the phone this session proved (phone + a check-in code); `None` when it proved none.
#[server(endpoint = "booking/mine")]
pub async fn my_bookings() -> Result<Option<Vec<BookingLine>>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::my_bookings(&services, &session).await
}

#[server(endpoint = "booking/by_token")]
pub async fn booking_by_token(token: String) -> Result<Option<BookingView>, ServerFnError> {
    let (services, session) = services_and_session().await?;
    service::booking_by_token(&services, &session, &token).await
}

/// Today at a place's counter. Counter staff of that place only.
#[server(prefix = "/staff/api", endpoint = "counter/day")]
pub async fn counter_today(place_id: String) -> Result<Option<CounterDay>, ServerFnError> {
    let (services, _) = allowed(&Grant::CounterStaff { place: place_id.clone() }).await?;
    service::counter_day(&services, &place_id).await
}

/// A booking at the place, opened in full (recorded in the audit trail). Counter staff of that place only.
#[server(prefix = "/staff/api", endpoint = "counter/booking")]
pub async fn counter_booking(place_id: String, token: String) -> Result<Option<OpenedBooking>, ServerFnError> {
    let (services, user) = allowed(&Grant::CounterStaff { place: place_id.clone() }).await?;
    service::open_booking(&services, &user, &place_id, &token).await
}
