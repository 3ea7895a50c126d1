//! Checking in at the place with the check-in code: from 30 minutes before the slot starts until 15 minutes
//! after, at the booked place, for a booking that holds a seat.

use crate::booking::model::BookingStatus;
use chrono::{Duration, NaiveDateTime};
use serde::{Deserialize, Serialize};

pub const OPENS_BEFORE: Duration = Duration::minutes(30);
pub const CLOSES_AFTER: Duration = Duration::minutes(15);

/// The answer a kiosk or counter gives to a check-in code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckIn {
    /// Checked in: the resident's place in today's check-in order at this place.
    Done {
        position: u32,
        item_name: String,
    },
    AlreadyDone {
        position: u32,
    },
    TooEarly {
        opens_at: NaiveDateTime,
    },
    TooLate,
    WrongPlace {
        place_name: String,
    },
    /// Cancelled, on the waiting list, or the place closed that day.
    NotHolding(BookingStatus),
    Unknown,
}

impl CheckIn {
    pub fn message(&self) -> String {
        match self {
            CheckIn::Done { position, item_name } => {
                format!("签到成功：{item_name}。您是今天第 {position} 位签到的，请留意叫号。")
            }
            CheckIn::AlreadyDone { position } => format!("这个预约已经签到过了（今天第 {position} 位），请留意叫号。"),
            CheckIn::TooEarly { opens_at } => {
                format!("还没到签到时间：{} 起可以签到。", opens_at.format("%m月%d日 %H:%M"))
            }
            CheckIn::TooLate => "已超过签到时间（时段开始后15分钟）。请重新预约，或到窗口咨询。".into(),
            CheckIn::WrongPlace { place_name } => format!("这个预约不在本办理点，请到“{place_name}”签到。"),
            CheckIn::NotHolding(BookingStatus::Waiting) => "这个预约还在候补中，没有名额，暂时不能签到。".into(),
            CheckIn::NotHolding(status) => format!("这个预约不能签到：{}。", status.label()),
            CheckIn::Unknown => "没有找到这个签到码，请核对后重新输入。".into(),
        }
    }

    pub fn is_success(&self) -> bool {
        matches!(self, CheckIn::Done { .. } | CheckIn::AlreadyDone { .. })
    }
}

/// Whether a booking at `booked_place` starting at `starts` may check in at `here` at `now`. `Ok` means yes.
pub fn judge(
    status: BookingStatus,
    booked_place: (&str, &str),
    here: &str,
    starts: NaiveDateTime,
    now: NaiveDateTime,
) -> Result<(), CheckIn> {
    let (place_id, place_name) = booked_place;
    if place_id != here {
        return Err(CheckIn::WrongPlace { place_name: place_name.into() });
    }
    if status != BookingStatus::Booked {
        return Err(CheckIn::NotHolding(status));
    }
    if now < starts - OPENS_BEFORE {
        return Err(CheckIn::TooEarly { opens_at: starts - OPENS_BEFORE });
    }
    if now > starts + CLOSES_AFTER {
        return Err(CheckIn::TooLate);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(t: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("2026-11-26 {t}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn the_window_runs_from_half_an_hour_before_to_a_quarter_after() {
        let judge_at = |now| judge(BookingStatus::Booked, ("hall-1", "大厅"), "hall-1", at("09:00"), at(now));
        assert_eq!(judge_at("08:29"), Err(CheckIn::TooEarly { opens_at: at("08:30") }));
        assert_eq!(judge_at("08:30"), Ok(()));
        assert_eq!(judge_at("09:15"), Ok(()));
        assert_eq!(judge_at("09:16"), Err(CheckIn::TooLate));
    }

    #[test]
    fn the_wrong_place_and_bookings_without_a_seat_are_told_why() {
        let wrong =
            judge(BookingStatus::Booked, ("hall-2", "市场主体登记无人审批超市"), "hall-1", at("09:00"), at("09:00"));
        assert!(wrong.unwrap_err().message().contains("请到“市场主体登记无人审批超市”签到"));
        let waiting = judge(BookingStatus::Waiting, ("hall-1", "大厅"), "hall-1", at("09:00"), at("09:00"));
        assert!(waiting.unwrap_err().message().contains("候补"));
        let cancelled = judge(BookingStatus::Cancelled, ("hall-1", "大厅"), "hall-1", at("09:00"), at("09:00"));
        assert!(cancelled.unwrap_err().message().contains("已取消"));
    }
}
