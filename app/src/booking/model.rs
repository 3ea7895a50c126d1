//! Bookings as the pages and the store see them.

use super::slots::HORIZON_DAYS;
use crate::catalog::model::ItemId;
use crate::personal::IdType;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// One 30-minute slot at one place.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct SlotRef {
    pub place_id: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
}

/// Who the booking is for, as checked by `personal`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub name: String,
    pub id_type: IdType,
    pub id_number: String,
    pub phone: String,
    /// 代办: someone books for the applicant.
    pub on_behalf: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BookingRequest {
    pub item: ItemId,
    pub slot: SlotRef,
    pub applicant: Applicant,
    /// When the slot is full: wait for a seat instead.
    pub wait_if_full: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Booked,
    /// On the slot's waiting list; the first in line gets the next seat that frees up.
    Waiting,
    Cancelled,
    CheckedIn,
    /// The place closed that day (a staff exception); the booking no longer holds. Reopening restores it.
    PlaceClosed,
    /// Counter staff found nobody came (from a quarter of an hour after the slot started). Final.
    NoShow,
}

impl BookingStatus {
    pub fn code(self) -> &'static str {
        match self {
            BookingStatus::Booked => "booked",
            BookingStatus::Waiting => "waiting",
            BookingStatus::Cancelled => "cancelled",
            BookingStatus::CheckedIn => "checked_in",
            BookingStatus::PlaceClosed => "place_closed",
            BookingStatus::NoShow => "no_show",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Booked, Self::Waiting, Self::Cancelled, Self::CheckedIn, Self::PlaceClosed, Self::NoShow]
            .into_iter()
            .find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            BookingStatus::Booked => "已预约",
            BookingStatus::Waiting => "候补中",
            BookingStatus::Cancelled => "已取消",
            BookingStatus::CheckedIn => "已签到",
            BookingStatus::PlaceClosed => "办理点当天停止办公，预约已失效",
            BookingStatus::NoShow => "未按时到场，预约已失效",
        }
    }

    /// Booked or waiting: counts against the resident's limits.
    pub fn is_active(self) -> bool {
        matches!(self, BookingStatus::Booked | BookingStatus::Waiting)
    }
}

/// One slot on a place's board: how many hold a seat and have not arrived, have checked in, and wait.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardRow {
    pub starts: NaiveTime,
    pub booked: u32,
    pub checked_in: u32,
    pub waiting: u32,
}

/// A booking as stored. Personal fields are masked before any of it is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub token: String,
    pub check_in_code: String,
    pub item_id: ItemId,
    pub item_name: String,
    pub place_name: String,
    pub slot: SlotRef,
    pub status: BookingStatus,
    pub applicant: Applicant,
    /// When it got a seat from the waiting list, if it waited for one.
    pub promoted_at: Option<DateTime<FixedOffset>>,
}

/// A booking on a counter's list for the day: with its place in the waiting line or in the order of arrival.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CounterLine {
    pub booking: Booking,
    pub waiting_position: Option<u32>,
    pub check_in_position: Option<u32>,
}

/// How many bookings and waiting-list places one ID number may hold at once.
pub const MAX_ACTIVE: usize = 3;

/// How many days after a booking's day its name, ID number and phone are kept; then they are blanked.
pub const KEEP_PERSONAL_DATA_DAYS: u32 = 30;

/// Why a booking was not made. Expected answers, each with a message for the resident.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Refusal {
    #[error("这个时段已经约满了。可以选择其他时段，或者登记候补。")]
    Full,
    #[error("这个时段已不能预约（开始前1小时截止，最多预约{}天内），请选择其他时段。", HORIZON_DAYS)]
    SlotClosed,
    #[error("这个证件号码已经预约了这个事项，同一事项只能有一个有效预约。")]
    AlreadyBookedThisItem,
    #[error("这个证件号码已有{}个有效的预约或候补，请先办理或取消其中一个。", MAX_ACTIVE)]
    TooManyActive,
    #[error("这个办理点不办理这个事项，请选择其他办理点。")]
    NotHandledHere,
    #[error("这个预约已经不能修改（已取消、已签到或时段已过）。")]
    NotChangeable,
}

#[cfg(test)]
mod tests {
    use super::Refusal;

    #[test]
    fn refusals_state_the_limits_residents_are_held_to() {
        assert!(Refusal::TooManyActive.to_string().contains("已有3个有效的预约或候补"));
        assert!(Refusal::SlotClosed.to_string().contains("最多预约14天内"));
    }
}
