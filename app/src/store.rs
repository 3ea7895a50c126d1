//! What server functions call: storage traits implemented in `server/`, and the per-process services, provided
//! together as one context. Server-only; the browser build never sees it.

use crate::booking::model::{Booking, BookingRequest, Refusal};
use crate::catalog::filter::CatalogQuery;
use crate::catalog::model::{Department, Item, ItemId, ItemSummary, Page, Place};
use crate::catalog::search::SearchIndex;
use crate::clock::Clock;
use chrono::NaiveDate;
use leptos::prelude::*;
use std::ops::RangeInclusive;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(String),
}

#[async_trait::async_trait]
pub trait CatalogStore: Send + Sync {
    async fn item(&self, id: ItemId) -> Result<Option<Item>, StoreError>;
    /// `None` when the query names a department that does not exist.
    async fn items(&self, query: &CatalogQuery) -> Result<Option<Page<ItemSummary>>, StoreError>;
    async fn department(&self, id: &str) -> Result<Option<Department>, StoreError>;
    async fn departments(&self) -> Result<Vec<Department>, StoreError>;
    async fn places_handling(&self, item: ItemId) -> Result<Vec<Place>, StoreError>;
}

/// A slot's seats as stored: slots nobody has booked yet have no row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeatCount {
    pub day: chrono::NaiveDate,
    pub starts: chrono::NaiveTime,
    pub capacity: u32,
    pub taken: u32,
}

/// What a place offers for booking, with what the booking rules need to know about it.
#[derive(Clone, Debug)]
pub struct BookablePlace {
    pub place: Place,
    pub hours: crate::booking::slots::OpeningHours,
    /// Seats per slot for the place as a whole.
    pub capacity: u32,
}

#[async_trait::async_trait]
pub trait BookingStore: Send + Sync {
    /// The place with its hours and capacity; `None` when there is no such place.
    async fn bookable_place(&self, place_id: &str) -> Result<Option<BookablePlace>, StoreError>;
    /// The days `place_id` is closed among `days` (a staff exception), each with the staff's reason. A range, so
    /// that a page showing the whole booking horizon asks once.
    async fn closures(
        &self,
        place_id: &str,
        days: RangeInclusive<NaiveDate>,
    ) -> Result<Vec<(NaiveDate, String)>, StoreError>;
    /// Seats taken per slot at a place over `days`.
    async fn seats(&self, place_id: &str, days: RangeInclusive<NaiveDate>) -> Result<Vec<SeatCount>, StoreError>;
    /// Books a seat (or a place on the waiting list). Idempotent per form `key`: a repeat answers with the booking
    /// the first submission made. The slot must already be checked as open for booking.
    async fn book(
        &self,
        request: &BookingRequest,
        capacity: u32,
        key: &str,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError>;
    async fn booking(&self, token: &str) -> Result<Option<Booking>, StoreError>;
    /// Checks in the booking with `code` at `place_id`, if its rules allow (`booking::check_in`).
    async fn check_in(
        &self,
        place_id: &str,
        code: &str,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<crate::booking::check_in::CheckIn, StoreError>;
    /// Today's counts per slot at a place, for its board.
    async fn board(
        &self,
        place_id: &str,
        day: chrono::NaiveDate,
    ) -> Result<Vec<crate::booking::model::BoardRow>, StoreError>;
    /// The bookings made with `phone` that still carry personal data, newest day first.
    async fn bookings_by_phone(&self, phone: &str) -> Result<Vec<Booking>, StoreError>;
    /// Cancels a booking or waiting-list entry whose slot has not started. A freed seat goes to the first in the
    /// slot's waiting line. `None` when there is nothing to cancel.
    async fn cancel(
        &self,
        token: &str,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Option<Booking>, StoreError>;
    /// Moves a booking to `slot` at the same place. The old seat is kept until the new one is secured: a full new
    /// slot leaves the booking as it was.
    async fn reschedule(
        &self,
        token: &str,
        slot: &crate::booking::model::SlotRef,
        capacity: u32,
        now: chrono::DateTime<chrono::FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError>;
}

/// Everything server functions need, provided once per request by the server.
#[derive(Clone)]
pub struct Services {
    pub catalog: Arc<dyn CatalogStore>,
    pub bookings: Arc<dyn BookingStore>,
    pub search: Arc<SearchIndex>,
    pub clock: Clock,
    /// Where QR codes point; configured, never taken from the Host header.
    pub public_base_url: Arc<str>,
}

pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("Services missing from context"))
}

/// An expected refusal (bad input) from a server function: the message for the resident, with a 400 status,
/// so a JSON caller sees a client error and not a server fault. It is an `Args` error, which a page shows with
/// its message (`ui::shown`); any other error is a fault of ours.
pub fn rejected(message: impl Into<String>) -> ServerFnError {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::BAD_REQUEST);
    }
    ServerFnError::Args(message.into())
}
