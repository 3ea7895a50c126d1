//! Where bookings are kept (implemented in `server/`): seats, the waiting line, check-in. Server-only.

use super::check_in::CheckIn;
use super::counter::NoShowRefusal;
use super::model::{BoardRow, Booking, BookingRequest, CounterLine, Refusal, SlotRef};
use super::slots::{OpeningHours, SeatCount};
use crate::catalog::model::Place;
use crate::staff::store::AuditEntry;
use crate::storage::StoreError;
use chrono::{DateTime, FixedOffset, NaiveDate};
use std::ops::RangeInclusive;

/// What a place offers for booking, with what the booking rules need to know about it.
#[derive(Clone, Debug)]
pub struct BookablePlace {
    pub place: Place,
    pub hours: OpeningHours,
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
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError>;
    async fn booking(&self, token: &str) -> Result<Option<Booking>, StoreError>;
    /// Checks in the booking with `code` at `place_id`, if its rules allow (`booking::check_in`). `by` is the
    /// counter staff's audit entry when they marked the arrival (a kiosk has none); it commits with the check-in.
    async fn check_in(
        &self,
        place_id: &str,
        code: &str,
        now: DateTime<FixedOffset>,
        by: Option<&AuditEntry>,
    ) -> Result<CheckIn, StoreError>;
    /// Today's counts per slot at a place, for its board.
    async fn board(&self, place_id: &str, day: NaiveDate) -> Result<Vec<BoardRow>, StoreError>;
    /// The bookings made with `phone` that still carry personal data, newest day first.
    async fn bookings_by_phone(&self, phone: &str) -> Result<Vec<Booking>, StoreError>;
    /// Cancels a booking or waiting-list entry whose slot has not started. A freed seat goes to the first in the
    /// slot's waiting line. `None` when there is nothing to cancel.
    async fn cancel(&self, token: &str, now: DateTime<FixedOffset>) -> Result<Option<Booking>, StoreError>;
    /// Every booking at `place_id` on `day`, by slot, then seats before the waiting line (in its order).
    async fn counter_day(&self, place_id: &str, day: NaiveDate) -> Result<Vec<CounterLine>, StoreError>;
    /// Marks a booking at `place_id` a no-show, if `counter::judge_no_show` allows, with its audit entry. `None`
    /// when there is no such booking at that place.
    async fn mark_no_show(
        &self,
        place_id: &str,
        token: &str,
        now: DateTime<FixedOffset>,
        audit: &AuditEntry,
    ) -> Result<Option<Result<Booking, NoShowRefusal>>, StoreError>;
    /// Closes a place for a day: no more bookings, and the day's bookings and waiting-list entries are marked,
    /// each keeping what it was (status, place in line) for reopening. How many were marked.
    async fn close_place(
        &self,
        place_id: &str,
        day: NaiveDate,
        reason: &str,
        audit: &AuditEntry,
    ) -> Result<u64, StoreError>;
    /// Reopens a closed day: every booking the closure marked is as it was, the waiting line in its order. How
    /// many were restored.
    async fn reopen_place(&self, place_id: &str, day: NaiveDate, audit: &AuditEntry) -> Result<u64, StoreError>;
    /// Moves a booking to `slot` at the same place. The old seat is kept until the new one is secured: a full new
    /// slot leaves the booking as it was.
    async fn reschedule(
        &self,
        token: &str,
        slot: &SlotRef,
        capacity: u32,
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError>;
}
