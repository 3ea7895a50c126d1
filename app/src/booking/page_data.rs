//! What booking's pages are shown: the answers of its server functions, made by `booking::service`. Personal
//! data in them is masked already.

use super::model::{BoardRow, BookingStatus};
use super::places::PlaceList;
use super::slots::{DayChoice, SlotChoice};
use crate::catalog::model::{ItemId, Material};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlaceChoices {
    pub item_name: String,
    pub list: PlaceList,
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

/// A place's board for today: what the kiosk shows on its wall.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Board {
    pub day: NaiveDate,
    /// Slots from the current one on.
    pub rows: Vec<BoardRow>,
}

/// What the "who" page shows: what was given before, and whether this is a kiosk (no name asked for).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WhoAnswers {
    pub given: Option<GivenApplicant>,
    pub at_kiosk: bool,
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

/// A place's counter for one day: each slot's seats and waiting line, and the days closed ahead.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CounterDay {
    pub place_id: String,
    pub place_name: String,
    pub day: NaiveDate,
    /// Why the place is closed that day, if it is.
    pub closed: Option<String>,
    pub slots: Vec<CounterSlot>,
    /// Days ahead the place is closed, with the reason: each can be reopened.
    pub closures: Vec<(NaiveDate, String)>,
    /// The days a closure can be set for (today and the booking horizon).
    pub closable: Vec<NaiveDate>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CounterSlot {
    pub starts: NaiveTime,
    /// Bookings holding (or having held) a seat: booked, arrived, no-show, cancelled, closed.
    pub seats: Vec<CounterEntry>,
    /// The waiting line, in its order.
    pub waiting: Vec<CounterEntry>,
}

/// One booking on the counter's list, masked until opened.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CounterEntry {
    pub token: String,
    pub check_in_code: String,
    pub item_name: String,
    pub name_masked: String,
    pub status: BookingStatus,
    pub waiting_position: Option<u32>,
    pub check_in_position: Option<u32>,
    /// Arrival can be marked now (the check-in window is open).
    pub can_arrive: bool,
    /// A no-show can be marked now.
    pub can_no_show: bool,
}

/// A booking opened at the counter: the applicant's details in full, for checking their papers. Opening it is
/// recorded in the audit trail.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OpenedBooking {
    pub place_id: String,
    pub check_in_code: String,
    pub item_name: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub status: BookingStatus,
    pub name: String,
    pub id_type_label: String,
    pub id_number: String,
    pub phone: String,
    pub on_behalf: bool,
}
