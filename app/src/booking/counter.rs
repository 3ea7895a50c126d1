//! What counter staff may do to a booking at their place, as plain rules: mark it a no-show once the check-in
//! window has closed (a quarter of an hour after the slot started), and only while it still holds a seat.
//! Arrival is the check-in rule (`check_in::judge`), whoever types the code.

use super::check_in::CLOSES_AFTER;
use super::model::BookingStatus;
use chrono::NaiveDateTime;

/// Why a booking cannot be marked a no-show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum NoShowRefusal {
    #[error("还不能标记为未到场：{}起才可以（时段开始后15分钟，签到截止后）。", .from.format("%H:%M"))]
    TooEarly { from: NaiveDateTime },
    #[error("这个预约现在是“{}”，不能标记为未到场。", .0.label())]
    NotHolding(BookingStatus),
}

/// Whether a booking in `status` whose slot starts at `starts` may be marked a no-show at `now`.
pub fn judge_no_show(status: BookingStatus, starts: NaiveDateTime, now: NaiveDateTime) -> Result<(), NoShowRefusal> {
    if status != BookingStatus::Booked {
        return Err(NoShowRefusal::NotHolding(status));
    }
    let from = starts + CLOSES_AFTER;
    if now < from {
        return Err(NoShowRefusal::TooEarly { from });
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
    fn a_no_show_can_be_marked_from_a_quarter_after_the_slot_starts() {
        let refused = judge_no_show(BookingStatus::Booked, at("09:00"), at("09:14"));
        assert_eq!(refused, Err(NoShowRefusal::TooEarly { from: at("09:15") }));
        assert!(refused.unwrap_err().to_string().contains("09:15起才可以"));
        assert_eq!(judge_no_show(BookingStatus::Booked, at("09:00"), at("09:15")), Ok(()));
        assert_eq!(judge_no_show(BookingStatus::Booked, at("09:00"), at("17:00")), Ok(()));
    }

    #[test]
    fn only_a_booking_holding_a_seat_can_be_a_no_show() {
        for status in
            [BookingStatus::CheckedIn, BookingStatus::Waiting, BookingStatus::NoShow, BookingStatus::PlaceClosed]
        {
            assert_eq!(
                judge_no_show(status, at("09:00"), at("10:00")),
                Err(NoShowRefusal::NotHolding(status)),
                "{status:?}"
            );
        }
    }
}
