//! The dispatch centre's duty roster (值班表), as plain rules: who is at the desk when. An emergency or urgent
//! petition texts the dispatchers on duty; a moment the roster leaves uncovered texts every active dispatcher, so
//! an alert never goes to nobody.

use chrono::{DateTime, Duration, FixedOffset};

/// The longest shift: a day and a night.
pub const LONGEST: Duration = Duration::hours(24);
/// How far ahead the roster is planned.
pub const AHEAD: Duration = Duration::days(62);

/// A dispatcher at the desk from `starts` until `ends`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    pub id: i64,
    pub staff_number: String,
    pub starts: DateTime<FixedOffset>,
    pub ends: DateTime<FixedOffset>,
}

impl Shift {
    pub fn covers(&self, at: DateTime<FixedOffset>) -> bool {
        self.starts <= at && at < self.ends
    }
}

/// Why a shift is not put on the roster.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShiftRefusal {
    #[error("只能为在岗的调度员排班。")]
    NotADispatcher,
    #[error("一个班最少1小时、最多24小时。")]
    Length,
    #[error("这个班已经结束了，不能再排。")]
    Over,
    #[error("值班表最多排到62天以后。")]
    TooFarAhead,
    #[error("这位调度员在这段时间已经有班了。")]
    Overlaps,
}

/// Whether `staff_number` may be put on from `starts` to `ends`, seen at `now`: one of `dispatchers` (the active
/// ones), one to 24 hours long, not over yet, within the planned weeks, and not overlapping a shift
/// of theirs in `roster`.
pub fn judge(
    staff_number: &str,
    starts: DateTime<FixedOffset>,
    ends: DateTime<FixedOffset>,
    dispatchers: &[&str],
    roster: &[Shift],
    now: DateTime<FixedOffset>,
) -> Result<(), ShiftRefusal> {
    if !dispatchers.contains(&staff_number) {
        return Err(ShiftRefusal::NotADispatcher);
    }
    if ends - starts < Duration::hours(1) || ends - starts > LONGEST {
        return Err(ShiftRefusal::Length);
    }
    if ends <= now {
        return Err(ShiftRefusal::Over);
    }
    if starts > now + AHEAD {
        return Err(ShiftRefusal::TooFarAhead);
    }
    if roster.iter().any(|s| s.staff_number == staff_number && s.starts < ends && starts < s.ends) {
        return Err(ShiftRefusal::Overlaps);
    }
    Ok(())
}

/// Who an alert at `at` goes to, of the active `dispatchers` (staff number, phone): those on duty, or all of them
/// when nobody is.
pub fn to_alert<'a>(roster: &[Shift], dispatchers: &'a [(String, String)], at: DateTime<FixedOffset>) -> Vec<&'a str> {
    let on_duty: Vec<&'a str> = dispatchers
        .iter()
        .filter(|(number, _)| roster.iter().any(|s| &s.staff_number == number && s.covers(at)))
        .map(|(_, phone)| phone.as_str())
        .collect();
    if on_duty.is_empty() {
        dispatchers.iter().map(|(_, phone)| phone.as_str()).collect()
    } else {
        on_duty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
    }

    fn shift(id: i64, number: &str, starts: &str, ends: &str) -> Shift {
        Shift { id, staff_number: number.into(), starts: at(starts), ends: at(ends) }
    }

    fn roster() -> Vec<Shift> {
        vec![
            shift(1, "P0001", "2026-11-25T08:00:00", "2026-11-25T16:00:00"),
            shift(2, "P0002", "2026-11-25T16:00:00", "2026-11-26T00:00:00"),
        ]
    }

    fn dispatchers() -> Vec<(String, String)> {
        [("P0001", "13800000001"), ("P0002", "13800000002"), ("P0003", "13800000003")]
            .map(|(n, p)| (n.to_string(), p.to_string()))
            .to_vec()
    }

    #[test]
    fn an_alert_goes_to_whoever_is_on_duty_and_a_shift_ends_where_the_next_begins() {
        let dispatchers = dispatchers();
        assert_eq!(to_alert(&roster(), &dispatchers, at("2026-11-25T09:30:00")), ["13800000001"]);
        assert_eq!(to_alert(&roster(), &dispatchers, at("2026-11-25T16:00:00")), ["13800000002"]);
        assert_eq!(to_alert(&roster(), &dispatchers, at("2026-11-25T23:59:59")), ["13800000002"]);
    }

    #[test]
    fn a_moment_nobody_covers_alerts_every_active_dispatcher() {
        let dispatchers = dispatchers();
        let everyone = ["13800000001", "13800000002", "13800000003"];
        assert_eq!(to_alert(&roster(), &dispatchers, at("2026-11-26T03:00:00")), everyone);
        assert_eq!(to_alert(&[], &dispatchers, at("2026-11-25T09:30:00")), everyone);
    }

    #[test]
    fn a_shift_on_duty_for_someone_no_longer_a_dispatcher_alerts_the_others() {
        let others = dispatchers()[1..].to_vec();
        assert_eq!(to_alert(&roster(), &others, at("2026-11-25T09:30:00")), ["13800000002", "13800000003"]);
    }

    #[test]
    fn a_shift_is_an_active_dispatchers_one_to_24_hours_not_over_within_62_days_and_not_on_top_of_their_own() {
        let now = at("2026-11-25T10:00:00");
        let active = ["P0001", "P0002", "P0003"];
        let try_ = |number, starts, ends| judge(number, at(starts), at(ends), &active, &roster(), now);
        assert_eq!(try_("P0003", "2026-11-26T00:00:00", "2026-11-26T08:00:00"), Ok(()));
        assert_eq!(try_("P0003", "2026-11-25T08:00:00", "2026-11-25T16:00:00"), Ok(()), "two at the desk at once");
        assert_eq!(try_("P0009", "2026-11-26T00:00:00", "2026-11-26T08:00:00"), Err(ShiftRefusal::NotADispatcher));
        assert_eq!(try_("P0003", "2026-11-26T00:00:00", "2026-11-26T00:30:00"), Err(ShiftRefusal::Length));
        assert_eq!(try_("P0003", "2026-11-26T00:00:00", "2026-11-27T00:00:01"), Err(ShiftRefusal::Length));
        assert_eq!(try_("P0003", "2026-11-26T08:00:00", "2026-11-26T00:00:00"), Err(ShiftRefusal::Length));
        assert_eq!(try_("P0003", "2026-11-25T00:00:00", "2026-11-25T10:00:00"), Err(ShiftRefusal::Over));
        assert_eq!(try_("P0003", "2026-11-25T02:00:00", "2026-11-25T10:00:01"), Ok(()), "still on at ten");
        assert_eq!(try_("P0003", "2027-01-26T10:00:01", "2027-01-26T18:00:00"), Err(ShiftRefusal::TooFarAhead));
        assert_eq!(try_("P0001", "2026-11-25T15:00:00", "2026-11-25T20:00:00"), Err(ShiftRefusal::Overlaps));
        assert_eq!(try_("P0001", "2026-11-25T16:00:00", "2026-11-25T20:00:00"), Ok(()), "straight after their own");
    }
}
