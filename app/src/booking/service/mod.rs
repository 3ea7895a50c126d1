//! Booking's use cases, server-only: what its server functions answer (`pages`: a page's data) and what its form
//! handlers decide (`forms`: a `Decision`). Both call these with the resident's session and `Services`; the rules
//! they apply are the plain functions of `draft`, `slots`, `places`, `check_in` and `personal`. Here: the draft in
//! the session, and the reads both need.

mod counter;
mod forms;
mod pages;

pub use counter::*;
pub use forms::*;
pub use pages::*;

use super::check_in::CheckIn;
use super::codes::{is_token_shaped, new_token, normalise_check_in};
use super::draft::{check_who, Draft, StartedAtKiosk, Step, WhoForm};
use super::model::Booking;
use super::model::{Applicant, BookingRequest, Refusal, SlotRef};
use super::page_data::{
    Board, BookingLine, BookingView, CheckAnswers, DayChoices, GivenApplicant, MoveChoices, PlaceChoices, SlotChoices,
    WhoAnswers,
};
use super::places::place_list;
use super::slots::{can_move_to, horizon, open_days, open_slots, Occupancy, Offer, SlotChoice, HORIZON_DAYS};
use super::store::BookablePlace;
use crate::calendar::WorkCalendar;
use crate::catalog::model::ItemId;
use crate::personal::{mask_id, mask_name, mask_phone};
use crate::services::Services;
use crate::storage::session_failed;
use crate::ui::form::{Decision, FormProblem};
use crate::ui::page_path::PagePath;
use crate::ui::questions::{self, gate, save, with_draft, Gate, Questions};
use chrono::{NaiveDate, NaiveTime};
use leptos::prelude::ServerFnError;
use serde::Deserialize;
use std::ops::RangeInclusive;
use tower_sessions::Session;

pub async fn draft(session: &Session) -> Result<Option<Draft>, ServerFnError> {
    questions::load(session).await
}

fn booking_page(token: &str) -> PagePath {
    PagePath::new(&["bookings", token])
}

async fn item_name(services: &Services, item: ItemId) -> Result<String, ServerFnError> {
    Ok(services.catalog.store.item(item).await?.map(|i| i.name).unwrap_or_default())
}

async fn place_of(services: &Services, draft: &Draft) -> Result<BookablePlace, ServerFnError> {
    let id = draft.place_id.as_deref().unwrap_or_default();
    services.booking.bookable_place(id).await?.ok_or_else(|| ServerFnError::new(format!("no place {id}")))
}

fn offer(place: &BookablePlace) -> Offer<'_> {
    Offer { hours: &place.hours, capacity: place.capacity }
}

async fn occupancy(
    services: &Services,
    place: &BookablePlace,
    days: RangeInclusive<NaiveDate>,
) -> Result<Occupancy, ServerFnError> {
    let id = &place.place.id;
    Ok(Occupancy {
        closures: services.booking.closures(id, days.clone()).await?,
        seats: services.booking.seats(id, days).await?,
    })
}

/// Seats left in each slot of `day` at `place` that can still be booked now, or why none can.
async fn slots_on(
    services: &Services,
    place: &BookablePlace,
    day: NaiveDate,
) -> Result<Result<Vec<SlotChoice>, String>, ServerFnError> {
    let occupancy = occupancy(services, place, day..=day).await?;
    Ok(open_slots(offer(place), &occupancy, day, services.site.clock.now().naive_local(), WorkCalendar::official()))
}

/// The horizon's days at `place`, each with its seats left or why it is closed.
async fn days_at(services: &Services, place: &BookablePlace) -> Result<Vec<super::slots::DayChoice>, ServerFnError> {
    let now = services.site.clock.now().naive_local();
    let mut days = horizon(now.date());
    let (Some(first), Some(last)) = (days.next(), days.last()) else { return Ok(Vec::new()) };
    let occupancy = occupancy(services, place, first..=last).await?;
    Ok(open_days(offer(place), &occupancy, now, WorkCalendar::official()))
}

fn given(applicant: &Applicant) -> GivenApplicant {
    GivenApplicant {
        name: applicant.name.clone(),
        id_type: applicant.id_type.code().into(),
        masked_id: mask_id(&applicant.id_number),
        masked_phone: mask_phone(&applicant.phone),
        on_behalf: applicant.on_behalf,
    }
}

/// Where the phone proved by a lookup lives in the session.
const LOOKUP_KEY: &str = "booking/lookup-phone";
