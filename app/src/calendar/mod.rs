//! China's working-day calendar: Monday to Friday, minus public holidays, plus the weekend days announced as
//! make-up workdays (调休上班). The holidays are data (`days.tsv`, written by `cargo xtask gen-data` from the State
//! Council's notices); a date in a year with no published notice has no known kind, and callers must not guess.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::BTreeMap;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayKind {
    Workday,
    Weekend,
    /// A public holiday (法定节假日), named.
    Holiday(&'static str),
    /// A weekend day worked in exchange for a holiday; offices keep Monday's hours.
    MakeUpWorkday(&'static str),
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Workday | DayKind::MakeUpWorkday(_))
    }
}

pub struct WorkCalendar {
    exceptions: BTreeMap<NaiveDate, DayKind>,
    /// Years whose schedule has been published.
    years: std::ops::RangeInclusive<i32>,
    /// Names these dates: anything worked out under another version may differ (see `version`).
    version: String,
}

impl WorkCalendar {
    /// The published schedules checked in with the app.
    pub fn official() -> &'static WorkCalendar {
        static CALENDAR: OnceLock<WorkCalendar> = OnceLock::new();
        CALENDAR.get_or_init(|| WorkCalendar::parse(include_str!("days.tsv")).expect("days.tsv is well formed"))
    }

    /// Lines of `date \t off|makeup \t holiday \t source`; `#` starts a comment.
    pub fn parse(tsv: &'static str) -> Result<Self, String> {
        let mut exceptions = BTreeMap::new();
        // FNV-1a over the data lines: small, and the same on every build (std's hasher promises neither).
        let mut version: u64 = 0xcbf2_9ce4_8422_2325;
        for line in tsv.lines().filter(|l| !l.starts_with('#') && !l.trim().is_empty()) {
            for byte in line.bytes().chain([b'\n']) {
                version = (version ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
            let fields: Vec<&'static str> = line.split('\t').collect();
            let [date, kind, holiday, _source] = fields[..] else { return Err(format!("not 4 fields: {line}")) };
            let date: NaiveDate = date.parse().map_err(|e| format!("{date}: {e}"))?;
            let kind = match kind {
                "off" => DayKind::Holiday(holiday),
                "makeup" => DayKind::MakeUpWorkday(holiday),
                other => return Err(format!("{date}: unknown kind {other}")),
            };
            if exceptions.insert(date, kind).is_some() {
                return Err(format!("{date} is listed twice"));
            }
        }
        let first = exceptions.keys().next().ok_or("no dates")?.year();
        let last = exceptions.keys().next_back().ok_or("no dates")?.year();
        Ok(Self { exceptions, years: first..=last, version: format!("{first}-{last}-{version:016x}") })
    }

    /// Changes whenever a date's kind or the published years change: deadlines stored with it are worked out
    /// again under a calendar of another version (a new year's schedule makes provisional deadlines firm).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The last day covered by a published schedule.
    pub fn published_through(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(*self.years.end(), 12, 31).expect("31 December exists")
    }

    /// What kind of day `date` is; `None` when its year's schedule is not published.
    pub fn kind(&self, date: NaiveDate) -> Option<DayKind> {
        if !self.years.contains(&date.year()) {
            return None;
        }
        Some(self.exceptions.get(&date).copied().unwrap_or(match date.weekday() {
            Weekday::Sat | Weekday::Sun => DayKind::Weekend,
            _ => DayKind::Workday,
        }))
    }
}

/// A day as people say it: 11月26日 星期四.
pub fn day_label(day: NaiveDate) -> String {
    let weekday = match day.weekday() {
        Weekday::Mon => "一",
        Weekday::Tue => "二",
        Weekday::Wed => "三",
        Weekday::Thu => "四",
        Weekday::Fri => "五",
        Weekday::Sat => "六",
        Weekday::Sun => "日",
    };
    format!("{}月{}日 星期{weekday}", day.month(), day.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(date: &str) -> Option<DayKind> {
        WorkCalendar::official().kind(date.parse().unwrap())
    }

    fn dates(first: &str, last: &str) -> Vec<String> {
        let (mut date, last) = (first.parse::<NaiveDate>().unwrap(), last.parse::<NaiveDate>().unwrap());
        let mut all = Vec::new();
        while date <= last {
            all.push(date.to_string());
            date = date.succ_opt().unwrap();
        }
        all
    }

    #[test]
    fn the_version_changes_with_any_date_and_not_with_comments() {
        let one = WorkCalendar::parse("# notice A\n2026-01-01\toff\t元旦\tA\n").unwrap();
        let commented = WorkCalendar::parse("# notice B\n2026-01-01\toff\t元旦\tA\n").unwrap();
        let moved = WorkCalendar::parse("2026-01-02\toff\t元旦\tA\n").unwrap();
        let next_year = WorkCalendar::parse("2026-01-01\toff\t元旦\tA\n2027-01-01\toff\t元旦\tB\n").unwrap();
        assert_eq!(one.version(), commented.version());
        assert_ne!(one.version(), moved.version());
        assert_ne!(one.version(), next_year.version());
        assert!(next_year.version().starts_with("2026-2027-"), "{}", next_year.version());
    }

    /// Every date of the State Council's notices for 2025 and 2026, written out by hand.
    #[test]
    fn every_published_holiday_and_make_up_day_of_2025_and_2026() {
        let off = [
            ("2025-01-01", "2025-01-01"),
            ("2025-01-28", "2025-02-04"),
            ("2025-04-04", "2025-04-06"),
            ("2025-05-01", "2025-05-05"),
            ("2025-05-31", "2025-06-02"),
            ("2025-10-01", "2025-10-08"),
            ("2026-01-01", "2026-01-03"),
            ("2026-02-15", "2026-02-23"),
            ("2026-04-04", "2026-04-06"),
            ("2026-05-01", "2026-05-05"),
            ("2026-06-19", "2026-06-21"),
            ("2026-09-25", "2026-09-27"),
            ("2026-10-01", "2026-10-07"),
        ];
        let off: Vec<String> = off.iter().flat_map(|(first, last)| dates(first, last)).collect();
        for date in &off {
            assert!(matches!(kind(date), Some(DayKind::Holiday(_))), "{date} is a public holiday");
        }
        let makeup = [
            "2025-01-26",
            "2025-02-08",
            "2025-04-27",
            "2025-09-28",
            "2025-10-11",
            "2026-01-04",
            "2026-02-14",
            "2026-02-28",
            "2026-05-09",
            "2026-09-20",
            "2026-10-10",
        ];
        for date in makeup {
            let kind = kind(date).unwrap();
            assert!(matches!(kind, DayKind::MakeUpWorkday(_)) && kind.is_working(), "{date} is worked");
        }
        // Nothing else is an exception: every other day of both years is a plain weekday or weekend.
        let exceptions = WorkCalendar::official().exceptions.len();
        assert_eq!(exceptions, off.len() + makeup.len());
    }

    #[test]
    fn ordinary_days_follow_the_week_and_unpublished_years_are_unknown() {
        assert_eq!(kind("2026-11-25"), Some(DayKind::Workday));
        assert_eq!(kind("2026-11-28"), Some(DayKind::Weekend));
        assert_eq!(kind("2026-10-01"), Some(DayKind::Holiday("国庆节")));
        assert_eq!(kind("2027-01-04"), None, "2027's schedule is not published yet");
        assert_eq!(kind("2024-12-31"), None);
        assert_eq!(WorkCalendar::official().published_through().to_string(), "2026-12-31");
    }

    #[test]
    fn a_malformed_calendar_is_refused() {
        assert!(WorkCalendar::parse("2026-01-01\tholiday\t元旦\tx").is_err());
        assert!(WorkCalendar::parse("2026-01-01\toff\t元旦\tx\n2026-01-01\toff\t元旦\tx").is_err());
        assert!(WorkCalendar::parse("2026-13-01\toff\t元旦\tx").is_err());
    }
}
