//! How a month's standings become final: the month ends → an admin closes it, freezing its cases into provisional
//! standings that only staff see → for an appeal window (publication.tsv, 5 working days) department heads appeal
//! specific cases and an admin upholds (the cases leave the figures) or rejects, both with reasons → the final
//! snapshot is published. A snapshot never changes; a correction is a new version beside it, with its reason.
//! The bottom three of a final snapshot are named to staff only (内部通报) the first time; a department there
//! again within twelve months is named on the public page (公开通报) with the months it was there.

use crate::calendar::WorkCalendar;
use crate::deadline::{Period, Unit};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// A Beijing-time calendar month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
}

impl Month {
    /// The month `at` falls in, in Beijing time.
    pub fn of(at: DateTime<FixedOffset>) -> Month {
        let at = at.with_timezone(&crate::clock::beijing());
        Month { year: at.year(), month: at.month() }
    }

    /// `2026-10`, as in addresses and the database.
    pub fn parse(code: &str) -> Option<Month> {
        let (year, month) = code.split_once('-')?;
        let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
        let plausible = (2000..=2100).contains(&year) && (1..=12).contains(&month) && code.len() == 7;
        plausible.then_some(Month { year, month })
    }

    pub fn code(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// 2026年10月
    pub fn words(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }

    pub fn next(self) -> Month {
        if self.month == 12 {
            Month { year: self.year + 1, month: 1 }
        } else {
            Month { month: self.month + 1, ..self }
        }
    }

    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month { year: self.year - 1, month: 12 }
        } else {
            Month { month: self.month - 1, ..self }
        }
    }

    /// 00:00 Beijing time on its first day.
    pub fn start(self) -> DateTime<FixedOffset> {
        let first = NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a month has a first day");
        crate::clock::beijing().from_local_datetime(&first.into()).single().expect("a fixed offset has no gaps")
    }

    /// Its cases are those with a final callback in `[start, end)`.
    pub fn end(self) -> DateTime<FixedOffset> {
        self.next().start()
    }
}

/// The standings' settings (publication.tsv): how long departments may appeal, how many are named, how far back a
/// repeat counts, and how soon an enforcement act is reported in time.
#[derive(Clone, Debug, PartialEq)]
pub struct Rules {
    pub appeal_working_days: u32,
    pub bottom: usize,
    pub repeat_within_months: u32,
    /// An enforcement act is reported to the supervision platform in time within this many working days.
    pub reporting_working_days: u32,
}

impl Rules {
    pub fn official() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules::parse(include_str!("publication.tsv")).expect("publication.tsv holds to its rules"))
    }

    pub fn parse(tsv: &str) -> Result<Rules, String> {
        let setting = |name: &str| -> Result<u32, String> {
            let line = tsv
                .lines()
                .find(|line| line.split('\t').next() == Some(name))
                .ok_or_else(|| format!("no setting {name}"))?;
            let value = line.split('\t').nth(1).unwrap_or_default().trim();
            value.parse().ok().filter(|v| *v > 0).ok_or_else(|| format!("{name}: {value} is not a positive number"))
        };
        Ok(Rules {
            appeal_working_days: setting("appeal_working_days")?,
            bottom: setting("bottom")? as usize,
            repeat_within_months: setting("repeat_within_months")?,
            reporting_working_days: setting("reporting_working_days")?,
        })
    }

    /// The appeal window closes at the end of the last of its working days after the close.
    pub fn appeals_until(&self, closed_at: DateTime<FixedOffset>, calendar: &WorkCalendar) -> DateTime<FixedOffset> {
        Period::new(self.appeal_working_days, Unit::WorkingDays).due(closed_at, &[], calendar).at
    }
}

/// Where a month stands on its way to publication.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Stage {
    /// Not closed yet: only its live standings exist.
    Open,
    /// Closed: its cases are frozen and its standings provisional, seen by staff; appeals until `appeals_until`.
    Provisional { closed_at: DateTime<FixedOffset>, appeals_until: DateTime<FixedOffset> },
    /// Its final snapshot is public; `version` is the latest (corrections add versions).
    Published { version: u32 },
}

/// Why a step of the publication was refused, in words for the person who tried it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The month is not over yet: its callbacks are still coming.
    NotOver,
    AlreadyClosed,
    NotClosed,
    /// The appeal window is over.
    AppealsOver,
    /// Publication waits for the appeal window to end.
    AppealsOpen,
    /// Publication waits for every appeal to be decided.
    AppealsUndecided,
    AlreadyPublished,
    NotPublished,
}

impl Refusal {
    pub fn words(self) -> &'static str {
        match self {
            Refusal::NotOver => "这个月还没有结束，不能结束考评。",
            Refusal::AlreadyClosed => "这个月已经结束考评了。",
            Refusal::NotClosed => "这个月还没有结束考评。",
            Refusal::AppealsOver => "申诉期已过，不能再申诉。",
            Refusal::AppealsOpen => "申诉期还没有结束，结束后才能公布。",
            Refusal::AppealsUndecided => "还有未处理的申诉，全部处理后才能公布。",
            Refusal::AlreadyPublished => "这个月的排名已经公布，如需更正请提交更正。",
            Refusal::NotPublished => "这个月的排名还没有公布。",
        }
    }
}

/// Closing `month` at `now`: allowed once the month is over, and once.
pub fn close(month: Month, stage: Stage, now: DateTime<FixedOffset>) -> Result<(), Refusal> {
    match stage {
        _ if now < month.end() => Err(Refusal::NotOver),
        Stage::Open => Ok(()),
        Stage::Provisional { .. } | Stage::Published { .. } => Err(Refusal::AlreadyClosed),
    }
}

/// Appealing at `now`: only while the month is provisional and its window open.
pub fn appeal(stage: Stage, now: DateTime<FixedOffset>) -> Result<(), Refusal> {
    match stage {
        Stage::Open => Err(Refusal::NotClosed),
        Stage::Provisional { appeals_until, .. } if now <= appeals_until => Ok(()),
        Stage::Provisional { .. } => Err(Refusal::AppealsOver),
        Stage::Published { .. } => Err(Refusal::AlreadyPublished),
    }
}

/// Deciding an appeal: any time before publication (appeals sent late in the window may wait past it).
pub fn decide(stage: Stage) -> Result<(), Refusal> {
    match stage {
        Stage::Open => Err(Refusal::NotClosed),
        Stage::Provisional { .. } => Ok(()),
        Stage::Published { .. } => Err(Refusal::AlreadyPublished),
    }
}

/// Publishing at `now`: once the window is over and every appeal decided.
pub fn publish(stage: Stage, undecided: usize, now: DateTime<FixedOffset>) -> Result<(), Refusal> {
    match stage {
        Stage::Open => Err(Refusal::NotClosed),
        Stage::Provisional { appeals_until, .. } if now <= appeals_until => Err(Refusal::AppealsOpen),
        Stage::Provisional { .. } if undecided > 0 => Err(Refusal::AppealsUndecided),
        Stage::Provisional { .. } => Ok(()),
        Stage::Published { .. } => Err(Refusal::AlreadyPublished),
    }
}

/// Correcting: only a published month, as a new version.
pub fn correct(stage: Stage) -> Result<(), Refusal> {
    match stage {
        Stage::Published { .. } => Ok(()),
        _ => Err(Refusal::NotPublished),
    }
}

/// How a department in a final snapshot's bottom is named.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Notice {
    /// 内部通报: the first time within the window, to staff only.
    Internal,
    /// 公开通报: again within the window; every month it was in the bottom, earliest first, this one last.
    Public { months: Vec<Month> },
}

/// The notice for each department in `month`'s bottom, given the bottoms of earlier published months (by their
/// latest version): public when it was in the bottom of any of the `within` months before.
pub fn notices(
    month: Month,
    bottom: &[String],
    earlier: &[(Month, Vec<String>)],
    within: u32,
) -> Vec<(String, Notice)> {
    let mut first = month;
    for _ in 0..within {
        first = first.previous();
    }
    bottom
        .iter()
        .map(|department| {
            let mut months: Vec<Month> = earlier
                .iter()
                .filter(|(at, named)| *at >= first && *at < month && named.contains(department))
                .map(|(at, _)| *at)
                .collect();
            months.sort();
            let notice = if months.is_empty() {
                Notice::Internal
            } else {
                months.push(month);
                Notice::Public { months }
            };
            (department.clone(), notice)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
    }

    fn month(code: &str) -> Month {
        Month::parse(code).unwrap()
    }

    #[test]
    fn a_month_runs_from_midnight_on_its_first_to_midnight_on_the_next_first_beijing_time() {
        assert_eq!(month("2026-12").start().to_rfc3339(), "2026-12-01T00:00:00+08:00");
        assert_eq!(month("2026-12").end().to_rfc3339(), "2027-01-01T00:00:00+08:00");
        assert_eq!(Month::of(at("2026-11-30T23:59:59")), month("2026-11"));
        assert_eq!(Month::of(DateTime::parse_from_rfc3339("2026-11-30T16:00:00Z").unwrap()), month("2026-12"));
        assert_eq!(month("2026-01").previous(), month("2025-12"));
        assert_eq!(month("2026-10").words(), "2026年10月");
    }

    #[test]
    fn only_a_real_month_code_is_read() {
        for bad in ["2026-13", "2026-00", "2026-1", "26-10", "2026-10-01", "", "２０２６-10", "1999-12"] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_appeal_window_is_five_working_days_after_the_close() {
        let rules = Rules::official();
        // Closed Wednesday 25 November 2026: Thursday, Friday, Monday, Tuesday, Wednesday → 2 December, 24:00.
        let until = rules.appeals_until(at("2026-11-25T10:00:00"), WorkCalendar::official());
        assert_eq!(until, at("2026-12-03T00:00:00"));
        // Closed Tuesday 29 September 2026: the National Day holiday (1–7 October) does not count, and Saturday
        // 10 October is a make-up workday: 30 September, 8, 9, 10, 12 October.
        let until = rules.appeals_until(at("2026-09-29T10:00:00"), WorkCalendar::official());
        assert_eq!(until, at("2026-10-13T00:00:00"));
    }

    #[test]
    fn a_month_is_closed_once_it_is_over_and_only_once() {
        let october = month("2026-10");
        assert_eq!(close(october, Stage::Open, at("2026-10-31T23:59:59")), Err(Refusal::NotOver));
        assert_eq!(close(october, Stage::Open, at("2026-11-01T00:00:00")), Ok(()));
        let provisional =
            Stage::Provisional { closed_at: at("2026-11-02T09:00:00"), appeals_until: at("2026-11-10T00:00:00") };
        assert_eq!(close(october, provisional, at("2026-11-03T09:00:00")), Err(Refusal::AlreadyClosed));
    }

    #[test]
    fn appeals_are_taken_until_the_window_ends_and_publication_waits_for_it_and_for_every_decision() {
        let provisional =
            Stage::Provisional { closed_at: at("2026-11-02T09:00:00"), appeals_until: at("2026-11-10T00:00:00") };
        assert_eq!(appeal(provisional, at("2026-11-09T23:59:59")), Ok(()));
        assert_eq!(appeal(provisional, at("2026-11-10T00:00:01")), Err(Refusal::AppealsOver));
        assert_eq!(appeal(Stage::Open, at("2026-11-09T09:00:00")), Err(Refusal::NotClosed));
        assert_eq!(publish(provisional, 0, at("2026-11-09T23:59:59")), Err(Refusal::AppealsOpen));
        assert_eq!(publish(provisional, 1, at("2026-11-10T09:00:00")), Err(Refusal::AppealsUndecided));
        assert_eq!(decide(provisional), Ok(()));
        assert_eq!(publish(provisional, 0, at("2026-11-10T09:00:00")), Ok(()));
        let published = Stage::Published { version: 1 };
        assert_eq!(publish(published, 0, at("2026-11-11T09:00:00")), Err(Refusal::AlreadyPublished));
        assert_eq!(appeal(published, at("2026-11-09T09:00:00")), Err(Refusal::AlreadyPublished));
        assert_eq!(decide(published), Err(Refusal::AlreadyPublished));
        assert_eq!(correct(published), Ok(()));
        assert_eq!(correct(provisional), Err(Refusal::NotPublished));
    }

    #[test]
    fn the_bottom_is_named_inside_the_first_time_and_in_public_when_again_within_twelve_months() {
        let named = |codes: &[&str]| codes.iter().map(|c| c.to_string()).collect::<Vec<_>>();
        let earlier = vec![
            (month("2025-10"), named(&["ecology"])),
            (month("2025-11"), named(&["transport"])),
            (month("2026-03"), named(&["transport", "housing"])),
        ];
        let notices = notices(month("2026-11"), &named(&["ecology", "transport", "civil-affairs"]), &earlier, 12);
        assert_eq!(
            notices,
            [
                // October 2025 is thirteen months before: not within twelve.
                ("ecology".to_string(), Notice::Internal),
                (
                    "transport".to_string(),
                    Notice::Public { months: vec![month("2025-11"), month("2026-03"), month("2026-11")] }
                ),
                ("civil-affairs".to_string(), Notice::Internal),
            ]
        );
    }
}
