//! When a place can be booked: its opening hours per weekday, the working-day calendar (closed on public holidays;
//! make-up workdays keep Monday's hours), 30-minute slots, a 14-day horizon, and booking closing an hour before a
//! slot starts.

use crate::calendar::{DayKind, WorkCalendar};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Serialize};
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

/// A slot's seats as stored: slots nobody has booked yet have no row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SeatCount {
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub capacity: u32,
    pub taken: u32,
}

/// A slot that can be booked, with its seats left (0: only its waiting list).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub starts: NaiveTime,
    pub seats_left: u32,
}

/// A day of the horizon at a place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayChoice {
    pub day: NaiveDate,
    /// Seats left over the day's bookable slots, or why the place takes no bookings that day.
    pub open: Result<u32, String>,
}

/// What is stored about a place over some days: the days staff closed it (with the reason they gave), and the
/// seats taken in the slots somebody booked.
#[derive(Clone, Debug, Default)]
pub struct Occupancy {
    pub closures: Vec<(NaiveDate, String)>,
    pub seats: Vec<SeatCount>,
}

/// A place as the slot rules see it.
#[derive(Clone, Copy, Debug)]
pub struct Offer<'a> {
    pub hours: &'a OpeningHours,
    /// Seats per slot, where no slot row says otherwise.
    pub capacity: u32,
}

/// Seats left in each slot of `day` that can still be booked at `now`, or why the place takes no bookings that
/// day; `occupancy` covers `day`.
pub fn open_slots(
    offer: Offer,
    occupancy: &Occupancy,
    day: NaiveDate,
    now: NaiveDateTime,
    calendar: &WorkCalendar,
) -> Result<Vec<SlotChoice>, String> {
    if let Some((_, reason)) = occupancy.closures.iter().find(|(closed, _)| *closed == day) {
        return Err(format!("临时停止办公：{reason}"));
    }
    let opening = opening_on(offer.hours, day, calendar).map_err(|closed| closed.describe())?;
    Ok(slot_starts(opening)
        .into_iter()
        .filter(|starts| still_bookable(day.and_time(*starts), now))
        .map(|starts| {
            let (capacity, taken) = occupancy
                .seats
                .iter()
                .find(|s| s.day == day && s.starts == starts)
                .map_or((offer.capacity, 0), |s| (s.capacity, s.taken));
            SlotChoice { starts, seats_left: capacity.saturating_sub(taken) }
        })
        .collect())
}

/// Every day of the horizon from `now`, each with the seats left over its bookable slots or why it takes no
/// bookings; `occupancy` covers the horizon.
pub fn open_days(offer: Offer, occupancy: &Occupancy, now: NaiveDateTime, calendar: &WorkCalendar) -> Vec<DayChoice> {
    horizon(now.date())
        .map(|day| {
            let open = match open_slots(offer, occupancy, day, now, calendar) {
                Ok(slots) if slots.is_empty() => Err("今天的预约已截止".to_string()),
                Ok(slots) => Ok(slots.iter().map(|s| s.seats_left).sum()),
                Err(reason) => Err(reason),
            };
            DayChoice { day, open }
        })
        .collect()
}

/// Whether a booking can move to `starts` on `day`: a slot that can still be booked and has a seat free (a move
/// never joins a waiting list: the booking would lose the seat it has).
pub fn can_move_to(open: &Result<Vec<SlotChoice>, String>, starts: NaiveTime) -> bool {
    open.as_ref().is_ok_and(|slots| slots.iter().any(|s| s.starts == starts && s.seats_left > 0))
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

    fn time(t: &str) -> NaiveTime {
        NaiveTime::parse_from_str(t, "%H:%M").unwrap()
    }

    fn taken(day: &str, starts: &str, capacity: u32, taken: u32) -> SeatCount {
        SeatCount { day: date(day), starts: time(starts), capacity, taken }
    }

    #[test]
    fn open_slots_count_seats_left_and_keep_full_ones_for_the_waiting_list() {
        let hours = weekdays_nine_to_five();
        let offer = Offer { hours: &hours, capacity: 4 };
        let occupancy = Occupancy {
            closures: Vec::new(),
            seats: vec![
                taken("2026-11-26", "09:00", 4, 4),
                taken("2026-11-26", "09:30", 4, 1),
                taken("2026-11-27", "09:00", 4, 2),
            ],
        };
        let slots =
            open_slots(offer, &occupancy, date("2026-11-26"), at("2026-11-25", "10:00"), WorkCalendar::official())
                .unwrap();
        assert_eq!(slots.len(), 16);
        assert_eq!(slots[0], SlotChoice { starts: time("09:00"), seats_left: 0 });
        assert_eq!(slots[1], SlotChoice { starts: time("09:30"), seats_left: 3 });
        assert_eq!(slots[2], SlotChoice { starts: time("10:00"), seats_left: 4 }, "nobody booked it yet");
    }

    #[test]
    fn open_slots_today_start_an_hour_from_now() {
        let hours = weekdays_nine_to_five();
        let offer = Offer { hours: &hours, capacity: 4 };
        let slots = open_slots(
            offer,
            &Occupancy::default(),
            date("2026-11-25"),
            at("2026-11-25", "10:10"),
            WorkCalendar::official(),
        )
        .unwrap();
        assert_eq!(slots.first().map(|s| s.starts), Some(time("11:30")));
        let evening = open_slots(
            offer,
            &Occupancy::default(),
            date("2026-11-25"),
            at("2026-11-25", "16:00"),
            WorkCalendar::official(),
        );
        assert_eq!(evening, Ok(Vec::new()));
    }

    #[test]
    fn a_closed_day_says_why() {
        let hours = weekdays_nine_to_five();
        let offer = Offer { hours: &hours, capacity: 4 };
        let closed = Occupancy { closures: vec![(date("2026-11-26"), "设备检修".into())], seats: Vec::new() };
        let now = at("2026-11-25", "10:00");
        let calendar = WorkCalendar::official();
        assert_eq!(open_slots(offer, &closed, date("2026-11-26"), now, calendar), Err("临时停止办公：设备检修".into()));
        let saturday = open_slots(offer, &closed, date("2026-11-28"), now, calendar).unwrap_err();
        assert!(!saturday.is_empty(), "a Saturday this place does not open");
        let national_day = open_slots(offer, &closed, date("2026-10-01"), at("2026-09-28", "10:00"), calendar);
        assert!(national_day.is_err(), "a public holiday on a Thursday");
    }

    #[test]
    fn open_days_cover_the_horizon_with_seats_or_a_reason() {
        let hours = weekdays_nine_to_five();
        let offer = Offer { hours: &hours, capacity: 2 };
        let occupancy = Occupancy {
            closures: vec![(date("2026-11-27"), "设备检修".into())],
            seats: vec![taken("2026-11-26", "09:00", 2, 2)],
        };
        let days = open_days(offer, &occupancy, at("2026-11-25", "16:30"), WorkCalendar::official());
        assert_eq!(days.len(), 14);
        assert_eq!(days[0], DayChoice { day: date("2026-11-25"), open: Err("今天的预约已截止".into()) });
        assert_eq!(days[1], DayChoice { day: date("2026-11-26"), open: Ok(15 * 2) }, "16 slots of 2, one full");
        assert_eq!(days[2].open, Err("临时停止办公：设备检修".into()));
        assert!(days[3].open.is_err(), "Saturday 2026-11-28");
        assert_eq!(days[13].day, date("2026-12-08"));
    }

    #[test]
    fn a_booking_moves_only_to_a_free_seat() {
        let open: Result<Vec<SlotChoice>, String> = Ok(vec![
            SlotChoice { starts: time("09:00"), seats_left: 0 },
            SlotChoice { starts: time("09:30"), seats_left: 1 },
        ]);
        assert!(!can_move_to(&open, time("09:00")), "full: a move does not wait");
        assert!(can_move_to(&open, time("09:30")));
        assert!(!can_move_to(&open, time("10:00")), "not offered");
        assert!(!can_move_to(&Err("临时停止办公：设备检修".into()), time("09:30")));
    }

    #[test]
    fn malformed_hours_are_refused() {
        let parse = |k: &str, v: &str| OpeningHours::parse(&[(k.to_string(), v.to_string())].into_iter().collect());
        assert!(parse("mon", "17:00-09:00").is_err());
        assert!(parse("monday", "09:00-17:00").is_err());
        assert!(parse("mon", "9-5").is_err());
    }
}
