//! The resident's callback (回访) as plain rules: whether the department got in touch, whether the problem is
//! solved, and how satisfied they are on the national 好差评 five levels. A bad review (the last two levels) starts
//! its own clocks: the department calls back within 1 working day and reports the fix within 15. The resident may
//! change their rating once.

use crate::calendar::WorkCalendar;
use crate::deadline::{Due, Period, Unit};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// 好差评's five levels, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    VerySatisfied,
    Satisfied,
    BasicallySatisfied,
    Dissatisfied,
    VeryDissatisfied,
}

impl Rating {
    pub const ALL: [Rating; 5] = [
        Rating::VerySatisfied,
        Rating::Satisfied,
        Rating::BasicallySatisfied,
        Rating::Dissatisfied,
        Rating::VeryDissatisfied,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Rating::VerySatisfied => "very_satisfied",
            Rating::Satisfied => "satisfied",
            Rating::BasicallySatisfied => "basically_satisfied",
            Rating::Dissatisfied => "dissatisfied",
            Rating::VeryDissatisfied => "very_dissatisfied",
        }
    }

    pub fn from_code(code: &str) -> Option<Rating> {
        Rating::ALL.into_iter().find(|rating| rating.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Rating::VerySatisfied => "非常满意",
            Rating::Satisfied => "满意",
            Rating::BasicallySatisfied => "基本满意",
            Rating::Dissatisfied => "不满意",
            Rating::VeryDissatisfied => "非常不满意",
        }
    }

    /// A bad review (差评): it starts the department's call-back and fix clocks.
    pub fn is_bad(self) -> bool {
        matches!(self, Rating::Dissatisfied | Rating::VeryDissatisfied)
    }
}

/// After a bad review the department calls the resident back within this…
pub const REVIEW_CALL: Period = Period { amount: 1, unit: Unit::WorkingDays };
/// …and reports what it fixed within this.
pub const REVIEW_FIX: Period = Period { amount: 15, unit: Unit::WorkingDays };

/// A callback as kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallbackRecord {
    pub at: DateTime<FixedOffset>,
    pub contacted: bool,
    pub solved: bool,
    pub rating: Rating,
    /// The rating was changed (it may be, once).
    pub rerated: bool,
    /// When a bad review started the department's clocks.
    pub bad_review_from: Option<DateTime<FixedOffset>>,
    pub review_called_at: Option<DateTime<FixedOffset>>,
    pub review_fixed_at: Option<DateTime<FixedOffset>>,
}

/// Why a rating cannot be changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RerateRefusal {
    #[error("评价只能修改一次。")]
    AlreadyChanged,
    #[error("评价没有变化。")]
    Unchanged,
}

impl CallbackRecord {
    pub fn new(at: DateTime<FixedOffset>, contacted: bool, solved: bool, rating: Rating) -> Self {
        let bad_review_from = rating.is_bad().then_some(at);
        Self {
            at,
            contacted,
            solved,
            rating,
            rerated: false,
            bad_review_from,
            review_called_at: None,
            review_fixed_at: None,
        }
    }

    /// The record with its rating changed at `now`: once only. A change to a bad rating starts the bad-review
    /// clocks, unless they were started already (a second bad review does not give the department more time).
    pub fn rerated(&self, rating: Rating, now: DateTime<FixedOffset>) -> Result<CallbackRecord, RerateRefusal> {
        if self.rerated {
            return Err(RerateRefusal::AlreadyChanged);
        }
        if rating == self.rating {
            return Err(RerateRefusal::Unchanged);
        }
        let bad_review_from = self.bad_review_from.or(rating.is_bad().then_some(now));
        Ok(CallbackRecord { rating, rerated: true, bad_review_from, ..self.clone() })
    }

    /// The bad review's two deadlines (call back, fix), when there is one.
    pub fn review_due(&self, calendar: &WorkCalendar) -> Option<(Due, Due)> {
        let from = self.bad_review_from?;
        Some((REVIEW_CALL.due(from, &[], calendar), REVIEW_FIX.due(from, &[], calendar)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadline::written;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
    }

    #[test]
    fn only_the_last_two_levels_are_bad_reviews() {
        let bad: Vec<&str> = Rating::ALL.into_iter().filter(|r| r.is_bad()).map(Rating::label).collect();
        assert_eq!(bad, ["不满意", "非常不满意"]);
    }

    #[test]
    fn a_bad_review_gives_the_department_a_working_day_to_call_and_fifteen_to_fix() {
        // Thursday 24 September 2026. 25–27 September are the Mid-Autumn holiday, 1–7 October National Day, and
        // Saturday 10 October a make-up working day.
        let record = CallbackRecord::new(at("2026-09-24T15:00:00"), true, false, Rating::VeryDissatisfied);
        let (call, fix) = record.review_due(WorkCalendar::official()).unwrap();
        assert_eq!(written(call.at), "2026年9月28日 24:00", "the first working day after");
        // 28, 29, 30 September; 8, 9, 10 (Saturday), 12–16, 19–22 October: the fifteenth is Thursday 22 October.
        assert_eq!(written(fix.at), "2026年10月22日 24:00");
        let good = CallbackRecord::new(at("2026-09-24T15:00:00"), true, true, Rating::Satisfied);
        assert_eq!(good.review_due(WorkCalendar::official()), None);
    }

    #[test]
    fn a_rating_changes_once_and_a_change_to_bad_starts_the_clocks_then() {
        let record = CallbackRecord::new(at("2026-11-25T10:00:00"), true, true, Rating::Satisfied);
        let changed = record.rerated(Rating::Dissatisfied, at("2026-11-26T09:00:00")).unwrap();
        assert_eq!(
            (changed.rating, changed.rerated, changed.bad_review_from),
            (Rating::Dissatisfied, true, Some(at("2026-11-26T09:00:00")))
        );
        assert_eq!(changed.rerated(Rating::Satisfied, at("2026-11-27T09:00:00")), Err(RerateRefusal::AlreadyChanged));
        assert_eq!(record.rerated(Rating::Satisfied, at("2026-11-26T09:00:00")), Err(RerateRefusal::Unchanged));
        let bad = CallbackRecord::new(at("2026-11-25T10:00:00"), true, false, Rating::VeryDissatisfied);
        let still_bad = bad.rerated(Rating::Dissatisfied, at("2026-11-30T09:00:00")).unwrap();
        assert_eq!(
            still_bad.bad_review_from,
            Some(at("2026-11-25T10:00:00")),
            "no fresh clock for a second bad rating"
        );
    }
}
