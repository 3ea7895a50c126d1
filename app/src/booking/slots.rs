//! When a place can be booked: its opening hours per weekday, the working-day calendar (closed on public holidays;
//! make-up workdays keep Monday's hours), 30-minute slots, a 14-day horizon, and booking closing an hour before a
//! slot starts.

use crate::calendar::{DayKind, WorkCalendar};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::collections::BTreeMap;

pub const SLOT_MINUTES: i64 = 30;
/// Today and the 13 days after it.
pub const HORIZON_DAYS: u64 = 14;
pub const CLOSES_BEFORE_START: Duration = Duration::hours(1);

/// A place's opening hours, one span per weekday it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OpeningHours {
    by_weekday: [Option<(NaiveTime, NaiveTime)>; 7],
}

const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

impl OpeningHours {
    /// From the stored form: `{"mon": "09:00-17:00", …}`; a missing day is closed.
    pub fn parse(spans: &BTreeMap<String, String>) -> Result<Self, String> {
        let mut by_weekday = [None; 7];
        for (key, span) in spans {
            let day = WEEKDAY_KEYS.iter().position(|k| k == key).ok_or_else(|| format!("unknown weekday {key}"))?;
            let (opens, closes) = span.split_once('-').ok_or_else(|| format!("{key}: not a span: {span}"))?;
            let time = |t: &str| NaiveTime::parse_from_str(t.trim(), "%H:%M").map_err(|e| format!("{key}: {t}: {e}"));
            let (opens, closes) = (time(opens)?, time(closes)?);
            if opens >= closes {
                return Err(format!("{key}: closes before it opens: {span}"));
            }
            by_weekday[day] = Some((opens, closes));
        }
        Ok(Self { by_weekday })
    }

    fn on(&self, weekday: Weekday) -> Option<(NaiveTime, NaiveTime)> {
        self.by_weekday[weekday.num_days_from_monday() as usize]
    }
}

/// Why a place takes no bookings on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closed {
    Holiday(&'static str),
    /// Not one of the place's opening days (most close at weekends).
    NotOpeningDay,
    /// The year's holiday schedule is not published yet, so the day cannot be promised.
    NotYetPublished,
}

impl Closed {
    pub fn describe(self) -> String {
        match self {
            Closed::Holiday(name) => format!("{name}放假，不办公"),
            Closed::NotOpeningDay => "当天不办公".into(),
            Closed::NotYetPublished => "节假日安排尚未公布，暂不开放预约".into(),
        }
    }
}

/// When the place is open on `date`.
pub fn opening_on(
    hours: &OpeningHours,
    date: NaiveDate,
    calendar: &WorkCalendar,
) -> Result<(NaiveTime, NaiveTime), Closed> {
    let weekday = match calendar.kind(date).ok_or(Closed::NotYetPublished)? {
        DayKind::Holiday(name) => return Err(Closed::Holiday(name)),
        DayKind::MakeUpWorkday(_) => Weekday::Mon,
        DayKind::Workday | DayKind::Weekend => date.weekday(),
    };
    hours.on(weekday).ok_or(Closed::NotOpeningDay)
}

/// The starts of the 30-minute slots between opening and closing; a slot must end by closing time.
pub fn slot_starts((opens, closes): (NaiveTime, NaiveTime)) -> Vec<NaiveTime> {
    let mut starts = Vec::new();
    let mut start = opens;
    while start + Duration::minutes(SLOT_MINUTES) <= closes {
        starts.push(start);
        start += Duration::minutes(SLOT_MINUTES);
    }
    starts
}

/// The days a resident may book on, from `today`.
pub fn horizon(today: NaiveDate) -> impl Iterator<Item = NaiveDate> {
    today.iter_days().take(HORIZON_DAYS as usize)
}

/// Whether a slot starting at `start` can still be booked at `now` (both Beijing time).
pub fn still_bookable(start: NaiveDateTime, now: NaiveDateTime) -> bool {
    start - CLOSES_BEFORE_START >= now && horizon(now.date()).any(|day| day == start.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(spans: &[(&str, &str)]) -> OpeningHours {
        OpeningHours::parse(&spans.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).unwrap()
    }

    fn weekdays_nine_to_five() -> OpeningHours {
        hours(&[
            ("mon", "09:00-17:00"),
            ("tue", "09:00-17:00"),
            ("wed", "09:00-17:00"),
            ("thu", "09:00-17:00"),
            ("fri", "09:00-17:00"),
        ])
    }

    fn date(d: &str) -> NaiveDate {
        d.parse().unwrap()
    }

    fn at(d: &str, t: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(&format!("{d} {t}"), "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn closed_on_every_public_holiday_of_2025_and_2026_even_on_weekdays() {
        let calendar = WorkCalendar::official();
        let with_saturdays = hours(&[("mon", "08:30-17:30"), ("sat", "09:00-12:00")]);
        let mut day = date("2025-01-01");
        let mut holidays = 0;
        while day <= date("2026-12-31") {
            if let Some(DayKind::Holiday(name)) = calendar.kind(day) {
                holidays += 1;
                assert_eq!(opening_on(&weekdays_nine_to_five(), day, calendar), Err(Closed::Holiday(name)), "{day}");
                assert_eq!(opening_on(&with_saturdays, day, calendar), Err(Closed::Holiday(name)), "{day}");
            }
            day = day.succ_opt().unwrap();
        }
        assert_eq!(holidays, 28 + 33, "2025 has 28 days off, 2026 has 33");
    }

    #[test]
    fn make_up_workdays_open_with_mondays_hours() {
        let calendar = WorkCalendar::official();
        let early_mondays = hours(&[("mon", "08:30-12:00"), ("tue", "09:00-17:00")]);
        let make_up_days = date("2025-01-01")
            .iter_days()
            .take_while(|d| *d <= date("2026-12-31"))
            .filter(|d| matches!(calendar.kind(*d), Some(DayKind::MakeUpWorkday(_))));
        let mut count = 0;
        for day in make_up_days {
            count += 1;
            let opening = opening_on(&early_mondays, day, calendar);
            assert_eq!(
                opening,
                Ok((NaiveTime::from_hms_opt(8, 30, 0).unwrap(), NaiveTime::from_hms_opt(12, 0, 0).unwrap())),
                "{day}"
            );
        }
        assert_eq!(count, 11, "2025 has 5 make-up workdays, 2026 has 6");
    }

    #[test]
    fn ordinary_weekends_follow_the_place_and_unpublished_years_are_not_offered() {
        let calendar = WorkCalendar::official();
        assert_eq!(opening_on(&weekdays_nine_to_five(), date("2026-11-28"), calendar), Err(Closed::NotOpeningDay));
        let saturdays = hours(&[("sat", "09:00-12:00")]);
        assert!(opening_on(&saturdays, date("2026-11-28"), calendar).is_ok());
        assert_eq!(opening_on(&weekdays_nine_to_five(), date("2027-01-05"), calendar), Err(Closed::NotYetPublished));
    }

    #[test]
    fn slots_are_half_hours_that_end_by_closing_time() {
        let nine = NaiveTime::from_hms_opt(9, 0, 0).unwrap();
        let starts = slot_starts((nine, NaiveTime::from_hms_opt(17, 0, 0).unwrap()));
        assert_eq!(starts.len(), 16);
        assert_eq!(starts.last().unwrap().to_string(), "16:30:00");
        assert_eq!(slot_starts((nine, NaiveTime::from_hms_opt(9, 45, 0).unwrap())).len(), 1);
    }

    #[test]
    fn booking_closes_an_hour_before_the_start_and_reaches_14_days_ahead() {
        let now = at("2026-11-25", "10:00");
        assert!(still_bookable(at("2026-11-25", "11:00"), now));
        assert!(!still_bookable(at("2026-11-25", "10:59"), now));
        assert!(still_bookable(at("2026-12-08", "16:30"), now), "the 14th day");
        assert!(!still_bookable(at("2026-12-09", "09:00"), now), "the 15th day");
        assert_eq!(horizon(date("2026-11-25")).count(), 14);
    }

    #[test]
    fn malformed_hours_are_refused() {
        let parse = |k: &str, v: &str| OpeningHours::parse(&[(k.to_string(), v.to_string())].into_iter().collect());
        assert!(parse("mon", "17:00-09:00").is_err());
        assert!(parse("monday", "09:00-17:00").is_err());
        assert!(parse("mon", "9-5").is_err());
    }
}
