//! Server functions behind the booking pages, and what they answer with. Each is one call to
//! `booking::service` with the resident's session: a page's data, or where to go instead when an earlier
//! question is unanswered.

#[cfg(feature = "ssr")]
use super::service;
use crate::booking::draft::StartedAtKiosk;
use crate::booking::model::{BoardRow, BookingStatus, DayChoice, SlotChoice};
use crate::catalog::model::{ItemId, ItemSummary, Material, Place};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A booking page's data, or the page to send the resident to instead.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Gate<T> {
    Show(T),
    GoTo(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlaceChoices {
    pub item_name: String,
    /// Places by street, halls and points before community centres.
    pub streets: Vec<(String, Vec<Place>)>,
    pub chosen: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DayChoices {
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub days: Vec<DayChoice>,
    pub chosen: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SlotChoices {
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub day: NaiveDate,
    pub slots: Vec<SlotChoice>,
    pub chosen: Option<NaiveTime>,
}

/// What the resident gave before, masked: the page never sends an ID number or phone back in full.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GivenApplicant {
    pub name: String,
    pub id_type: String,
    pub masked_id: String,
    pub masked_phone: String,
    pub on_behalf: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckAnswers {
    pub item_name: String,
    pub place_name: String,
    pub place_address: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub wait_if_full: bool,
    pub applicant: GivenApplicant,
    pub key: String,
}

/// A booking as its QR page shows it: no personal data beyond the masked name.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingView {
    pub token: String,
    pub check_in_code: String,
    pub status: BookingStatus,
    pub item_id: ItemId,
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub place_address: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub masked_name: String,
    pub on_behalf: bool,
    /// When it got a seat from the waiting list, if it waited for one.
    pub promoted_at: Option<DateTime<FixedOffset>>,
    pub materials: Vec<Material>,
    pub public_url: String,
    pub qr_svg: String,
    /// Shown on a kiosk: the next person at the screen must not reach it, so nothing on it leads anywhere.
    pub at_kiosk: bool,
}

/// Where a booking can move to: the days at its place, and the chosen day's open slots.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MoveChoices {
    pub booking: BookingView,
    pub days: Vec<DayChoice>,
    pub day: Option<NaiveDate>,
    pub slots: Vec<SlotChoice>,
}

/// The popular items that can be booked: booking's first question.
#[server(endpoint = "booking/popular")]
pub async fn popular_bookable() -> Result<Vec<ItemSummary>, ServerFnError> {
    let popular = crate::services::services()?.catalog.popular();
    Ok(popular.into_iter().filter(|item| item.channels.bookable).collect())
}

/// A place's board for today: what the kiosk shows on its wall.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Board {
    pub day: NaiveDate,
    /// Slots from the current one on.
    pub rows: Vec<BoardRow>,
}

/// Today's board at a place, from the slot under way on.
#[server(endpoint = "booking/board")]
pub async fn board_today(place_id: String) -> Result<Board, ServerFnError> {
    let services = crate::services::services()?;
    let now = services.site.clock.now().naive_local();
    let day = now.date();
    // The slot under way stays on the board until it ends.
    let current = now.time() - chrono::Duration::minutes(super::slots::SLOT_MINUTES);
    let rows = services.booking.board(&place_id, day).await?.into_iter().filter(|r| r.starts > current).collect();
    Ok(Board { day, rows })
}

/// The kiosk a booking in progress was started at: its pages keep that kiosk's frame. `None` on a phone.
#[server(endpoint = "booking/kiosk_of_draft")]
pub async fn kiosk_of_draft() -> Result<Option<StartedAtKiosk>, ServerFnError> {
    let (_, session) = context().await?;
    service::kiosk_of_draft(&session).await
}

#[server(endpoint = "booking/place_step")]
pub async fn place_step() -> Result<Gate<PlaceChoices>, ServerFnError> {
    let (services, session) = context().await?;
    service::place_step(&services, &session).await
}

#[server(endpoint = "booking/day_step")]
pub async fn day_step() -> Result<Gate<DayChoices>, ServerFnError> {
    let (services, session) = context().await?;
    service::day_step(&services, &session).await
}

#[server(endpoint = "booking/slot_step")]
pub async fn slot_step() -> Result<Gate<SlotChoices>, ServerFnError> {
    let (services, session) = context().await?;
    service::slot_step(&services, &session).await
}

/// What the "who" page shows: what was given before, and whether this is a kiosk (no name asked for).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WhoAnswers {
    pub given: Option<GivenApplicant>,
    pub at_kiosk: bool,
}

#[server(endpoint = "booking/who_step")]
pub async fn who_step() -> Result<Gate<WhoAnswers>, ServerFnError> {
    let (_, session) = context().await?;
    service::who_step(&session).await
}

/// The consent page shows once the "who" question is answered.
#[server(endpoint = "booking/consent_step")]
pub async fn consent_step() -> Result<Gate<()>, ServerFnError> {
    let (_, session) = context().await?;
    service::consent_step(&session).await
}

#[server(endpoint = "booking/check_step")]
pub async fn check_step() -> Result<Gate<CheckAnswers>, ServerFnError> {
    let (services, session) = context().await?;
    service::check_step(&services, &session).await
}

#[server(endpoint = "booking/reschedule_options")]
pub async fn reschedule_options(token: String, day: Option<NaiveDate>) -> Result<Option<MoveChoices>, ServerFnError> {
    let (services, session) = context().await?;
    service::reschedule_options(&services, &session, &token, day).await
}

/// One line of "my bookings": enough to recognise it, nothing personal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingLine {
    pub token: String,
    pub status: BookingStatus,
    pub item_name: String,
    pub place_name: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
}

/// The bookings of the phone this session proved (phone + a check-in code); `None` when it proved none.
#[server(endpoint = "booking/mine")]
pub async fn my_bookings() -> Result<Option<Vec<BookingLine>>, ServerFnError> {
    let (services, session) = context().await?;
    service::my_bookings(&services, &session).await
}

#[server(endpoint = "booking/by_token")]
pub async fn booking_by_token(token: String) -> Result<Option<BookingView>, ServerFnError> {
    let (services, session) = context().await?;
    service::booking_by_token(&services, &session, &token).await
}

/// What every booking server function starts from: the services and the resident's session.
#[cfg(feature = "ssr")]
async fn context() -> Result<(crate::services::Services, tower_sessions::Session), ServerFnError> {
    Ok((crate::services::services()?, leptos_axum::extract().await?))
}
