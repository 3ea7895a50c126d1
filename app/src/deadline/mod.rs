//! Deadlines for any (amount, unit): hours, calendar days or working days, counted the way 民法典 Art. 201 and 203
//! count periods. Each clock counts only its own time: an hours clock every hour from the moment it starts; a days
//! clock from 00:00 of the day after it starts, every hour for calendar days, only the hours of working days
//! (00:00–24:00 Beijing time, from `calendar`) for working days. A days clock ends at 24:00 of its last day, and a
//! calendar-day clock whose last day is not a working day runs on to 24:00 of the next working day. A pause gives
//! back exactly the counting time it covered. Where a year's schedule is not published, Monday to Friday count as
//! working days and the answer says it is provisional (暂定).
//!
//! Plain functions over the calendar: no storage, no Leptos. What is stored is the clock (start, period, pauses);
//! a deadline is computed when read.

use crate::calendar::WorkCalendar;
use crate::clock::beijing;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Weekday};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Hours,
    CalendarDays,
    WorkingDays,
}

/// How long a clock runs: 2 hours, 7 calendar days, 1 working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Period {
    pub amount: u32,
    pub unit: Unit,
}

/// A time the clock stood still (waiting for the resident's information).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: DateTime<FixedOffset>,
    pub until: DateTime<FixedOffset>,
}

/// When a clock runs out. A days clock's 24:00 is the next day's 00:00.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    pub at: DateTime<FixedOffset>,
    /// Counted over a year whose holiday schedule is not published yet (Monday to Friday assumed): shown as 暂定,
    /// and firm once that year's calendar is added.
    pub provisional: bool,
}

/// Where a clock stands, derived whenever it is read and never stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    OnTime,
    /// Less than a quarter of the clock's counting time is left.
    DueSoon,
    Overdue,
    /// Late by more than the clock's whole length again.
    VeryOverdue,
}

impl State {
    /// Its name in pages' classes and filters: on-time, due-soon, overdue, very-overdue.
    pub fn class(self) -> &'static str {
        match self {
            State::OnTime => "on-time",
            State::DueSoon => "due-soon",
            State::Overdue => "overdue",
            State::VeryOverdue => "very-overdue",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            State::OnTime => "正常",
            State::DueSoon => "即将到期",
            State::Overdue => "已超期",
            State::VeryOverdue => "严重超期",
        }
    }
}

const DAY: Duration = Duration::days(1);

/// Whether `date` counts as a working day, and whether that is a guess (its year is not published).
fn working(calendar: &WorkCalendar, date: NaiveDate) -> (bool, bool) {
    match calendar.kind(date) {
        Some(kind) => (kind.is_working(), false),
        None => (!matches!(date.weekday(), Weekday::Sat | Weekday::Sun), true),
    }
}

fn midnight(date: NaiveDate) -> DateTime<FixedOffset> {
    beijing().from_local_datetime(&date.and_hms_opt(0, 0, 0).expect("midnight exists")).single().expect("no DST")
}

impl Period {
    pub fn new(amount: u32, unit: Unit) -> Self {
        Self { amount, unit }
    }

    /// 2小时, 7日, 1个工作日
    pub fn words(self) -> String {
        match self.unit {
            Unit::Hours => format!("{}小时", self.amount),
            Unit::CalendarDays => format!("{}日", self.amount),
            Unit::WorkingDays => format!("{}个工作日", self.amount),
        }
    }

    /// The counting time the clock runs for: the amount in hours, or in 24-hour days.
    pub fn length(self) -> Duration {
        match self.unit {
            Unit::Hours => Duration::hours(self.amount.into()),
            Unit::CalendarDays | Unit::WorkingDays => DAY * self.amount as i32,
        }
    }

    /// When a clock started at `started` begins counting: at once for hours, at 00:00 the next day for days.
    pub fn begins(self, started: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
        match self.unit {
            Unit::Hours => started,
            Unit::CalendarDays | Unit::WorkingDays => midnight(started.with_timezone(&beijing()).date_naive() + DAY),
        }
    }

    /// This clock's counting time between `from` and `to` (none when `to` is not after `from`), and whether any
    /// day of it was guessed.
    pub fn counted(
        self,
        from: DateTime<FixedOffset>,
        to: DateTime<FixedOffset>,
        calendar: &WorkCalendar,
    ) -> (Duration, bool) {
        if to <= from {
            return (Duration::zero(), false);
        }
        if self.unit != Unit::WorkingDays {
            return (to - from, false);
        }
        let (mut total, mut guessed) = (Duration::zero(), false);
        let mut day = from.with_timezone(&beijing()).date_naive();
        while midnight(day) < to {
            let (counts, guess) = working(calendar, day);
            guessed |= guess;
            if counts {
                total += to.min(midnight(day + DAY)) - from.max(midnight(day));
            }
            day += DAY;
        }
        (total, guessed)
    }

    /// When the clock started at `started`, standing still for `pauses`, runs out.
    pub fn due(self, started: DateTime<FixedOffset>, pauses: &[Pause], calendar: &WorkCalendar) -> Due {
        let begins = self.begins(started);
        let (mut given_back, mut provisional) = (Duration::zero(), false);
        for pause in pauses {
            let (counted, guessed) = self.counted(pause.from.max(begins), pause.until, calendar);
            given_back += counted;
            provisional |= guessed;
        }
        let (at, guessed) = match self.unit {
            Unit::Hours => (begins + self.length() + given_back, false),
            // The pause is given back after the run-on to a working day, so a pause never ends a clock sooner
            // (given back before, one minute could move a last day off a Sunday and lose the run-on); where it
            // lands on a rest day, the clock runs on again.
            Unit::CalendarDays => {
                let (end, guessed) = rest_day_runs_on(begins + self.length(), calendar);
                let (end, guessed_again) = rest_day_runs_on(end + given_back, calendar);
                (end, guessed || guessed_again)
            }
            Unit::WorkingDays => after_working_time(begins, self.length() + given_back, calendar),
        };
        Due { at, provisional: provisional || guessed }
    }

    /// Where a clock due at `due` stands at `now`.
    pub fn state(self, due: Due, now: DateTime<FixedOffset>, calendar: &WorkCalendar) -> State {
        if now <= due.at {
            let (left, _) = self.counted(now, due.at, calendar);
            if left * 4 < self.length() {
                State::DueSoon
            } else {
                State::OnTime
            }
        } else {
            let (late, _) = self.counted(due.at, now, calendar);
            if late > self.length() {
                State::VeryOverdue
            } else {
                State::Overdue
            }
        }
    }
}

/// A calendar-day clock ending at `end`: when its last day (the day `end` falls in, 24:00 being its own day's) is
/// not a working day, it runs on to 24:00 of the next working day.
fn rest_day_runs_on(end: DateTime<FixedOffset>, calendar: &WorkCalendar) -> (DateTime<FixedOffset>, bool) {
    let last_day = (end - Duration::nanoseconds(1)).with_timezone(&beijing()).date_naive();
    let (counts, mut guessed) = working(calendar, last_day);
    if counts {
        return (end, guessed);
    }
    let mut day = last_day + DAY;
    loop {
        let (counts, guess) = working(calendar, day);
        guessed |= guess;
        if counts {
            return (midnight(day + DAY), guessed);
        }
        day += DAY;
    }
}

/// The instant `needed` working time after `begins` (a midnight), walking day by day.
fn after_working_time(
    begins: DateTime<FixedOffset>,
    mut needed: Duration,
    calendar: &WorkCalendar,
) -> (DateTime<FixedOffset>, bool) {
    let mut day = begins.with_timezone(&beijing()).date_naive();
    let mut guessed = false;
    loop {
        let (counts, guess) = working(calendar, day);
        guessed |= guess;
        if counts {
            if needed <= DAY {
                return (midnight(day) + needed, guessed);
            }
            needed -= DAY;
        }
        day += DAY;
    }
}

/// A span as people say it: 2天3小时, 5小时20分钟, 45分钟 (to the minute; under a minute is 不到1分钟).
pub fn span_words(span: Duration) -> String {
    let minutes = span.num_minutes().max(0);
    let (days, hours, minutes) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, 0) => "不到1分钟".into(),
        (0, 0, m) => format!("{m}分钟"),
        (0, h, 0) => format!("{h}小时"),
        (0, h, m) => format!("{h}小时{m}分钟"),
        (d, 0, _) => format!("{d}天"),
        (d, h, _) => format!("{d}天{h}小时"),
    }
}

/// 2026年10月8日 24:00: a days clock's end is written as 24:00 of its last day, as the law writes it.
pub fn written(at: DateTime<FixedOffset>) -> String {
    let local = at.with_timezone(&beijing());
    if local.time() == chrono::NaiveTime::MIN {
        let day = local.date_naive() - DAY;
        format!("{}年{}月{}日 24:00", day.year(), day.month(), day.day())
    } else {
        format!("{}年{}月{}日 {}", local.year(), local.month(), local.day(), local.format("%H:%M"))
    }
}

#[cfg(test)]
mod tests;
