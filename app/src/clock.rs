//! Every "today" in the app comes from here, in Beijing time, so tests can set the date.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// China has one time zone and no daylight saving: UTC+8 is exact.
pub fn beijing() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

#[derive(Clone, Copy, Debug, Default)]
pub struct Clock {
    fixed: Option<DateTime<FixedOffset>>,
}

impl Clock {
    pub fn system() -> Self {
        Self { fixed: None }
    }

    /// A clock stopped at `at`, for tests and for reproducing a day's behaviour.
    pub fn fixed(at: DateTime<FixedOffset>) -> Self {
        Self { fixed: Some(at) }
    }

    pub fn now(&self) -> DateTime<FixedOffset> {
        self.fixed.unwrap_or_else(|| Utc::now().with_timezone(&beijing()))
    }

    pub fn today(&self) -> NaiveDate {
        self.now().date_naive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_the_date_in_beijing() {
        // 20:00 UTC on 24 November is already 25 November in Tianjin.
        let at = DateTime::parse_from_rfc3339("2026-11-24T20:00:00Z").unwrap().with_timezone(&beijing());
        assert_eq!(Clock::fixed(at).today(), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
    }
}
