//! How long a text is worth trying and how often after a gateway refuses it: plain rules the deliverer
//! (`server/src/sms/delivery.rs`) follows, and the words the development outbox shows for where a text stands.

use super::{phone_code, Template};
use chrono::{DateTime, Duration, FixedOffset};

impl Template {
    /// How long after queuing the text still means something: a code is valid for its ten minutes, an urgent
    /// petition's alert for the response clock's two hours; a resident's notice is worth having for three days.
    pub fn worth_sending_for(&self) -> Duration {
        match self {
            Template::PhoneCode { .. } => phone_code::VALID_FOR,
            Template::UrgentArrived { .. } => Duration::hours(2),
            Template::SignedFor { .. }
            | Template::InformationAsked { .. }
            | Template::Closed { .. }
            | Template::Declined { .. } => Duration::days(3),
        }
    }
}

/// When to try again after the `failures`-th failed attempt at `now`: after 30 seconds, 2 minutes, 10 minutes,
/// then every half hour, as gateways turn bursts away (flow control). `None`: the text expires first, so it is
/// given up.
pub fn next_try(
    now: DateTime<FixedOffset>,
    failures: u32,
    expires_at: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let wait = match failures {
        0 | 1 => Duration::seconds(30),
        2 => Duration::minutes(2),
        3 => Duration::minutes(10),
        _ => Duration::minutes(30),
    };
    Some(now + wait).filter(|at| *at <= expires_at)
}

/// Where a queued text stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    Waiting { failures: u32, last_error: String },
    Sent,
    GivenUp { failures: u32, last_error: String },
}

impl Standing {
    pub fn words(&self) -> String {
        match self {
            Standing::Sent => "已发出".into(),
            Standing::Waiting { failures: 0, .. } => "待发出".into(),
            Standing::Waiting { failures, last_error } => format!("待重发（已失败{failures}次：{last_error}）"),
            Standing::GivenUp { failures, last_error } => format!("已放弃（失败{failures}次：{last_error}）"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-25T{time}+08:00")).unwrap()
    }

    #[test]
    fn retries_spread_out_from_half_a_minute_to_every_half_hour() {
        let never = at("23:59:59");
        assert_eq!(next_try(at("09:00:00"), 1, never), Some(at("09:00:30")));
        assert_eq!(next_try(at("09:00:30"), 2, never), Some(at("09:02:30")));
        assert_eq!(next_try(at("09:02:30"), 3, never), Some(at("09:12:30")));
        assert_eq!(next_try(at("09:12:30"), 4, never), Some(at("09:42:30")));
        assert_eq!(next_try(at("09:42:30"), 9, never), Some(at("10:12:30")));
    }

    #[test]
    fn a_text_whose_next_try_would_come_after_it_expires_is_given_up() {
        let code = Template::PhoneCode { code: "482913".into() };
        let queued = at("09:00:00");
        let expires = queued + code.worth_sending_for();
        assert_eq!(expires, at("09:10:00"));
        assert_eq!(next_try(at("09:02:30"), 3, expires), None, "09:12:30 is after the code's ten minutes");
        assert_eq!(next_try(at("09:09:30"), 1, expires), Some(at("09:10:00")), "the last moment still counts");
    }

    #[test]
    fn an_urgent_alert_is_worth_its_two_hour_response_clock_and_a_residents_notice_three_days() {
        let alert = Template::UrgentArrived { number: "1".into(), tier: "紧急".into() };
        assert_eq!(alert.worth_sending_for(), Duration::hours(2));
        assert_eq!(Template::SignedFor { number: "1".into() }.worth_sending_for(), Duration::days(3));
    }

    #[test]
    fn the_outbox_says_where_a_text_stands() {
        let waiting = |failures| Standing::Waiting { failures, last_error: "isv.BUSINESS_LIMIT_CONTROL".into() };
        assert_eq!(waiting(0).words(), "待发出");
        assert_eq!(waiting(2).words(), "待重发（已失败2次：isv.BUSINESS_LIMIT_CONTROL）");
        assert_eq!(Standing::Sent.words(), "已发出");
        assert_eq!(Standing::GivenUp { failures: 5, last_error: "超时".into() }.words(), "已放弃（失败5次：超时）");
    }
}
