//! One-time codes that prove a phone, as plain rules: six digits, good for ten minutes and five tries, a new one
//! at most once a minute. Only the code's digest is kept (the caller makes it), so a leaked session holds no code.

use chrono::{DateTime, Duration, FixedOffset};
use serde::{Deserialize, Serialize};

pub const DIGITS: usize = 6;
pub const VALID_FOR: Duration = Duration::minutes(10);
const RESEND_AFTER: Duration = Duration::seconds(60);
const TRIES: u8 = 5;

/// A code sent to `phone`, as the session keeps it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentCode {
    pub phone: String,
    pub digest: String,
    pub sent_at: DateTime<FixedOffset>,
    pub wrong_tries: u8,
}

/// Why a typed code is not accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeRefusal {
    #[error("验证码是{DIGITS}位数字。")]
    Malformed,
    #[error("验证码已过期，请重新获取。")]
    Expired,
    #[error("验证码输错次数太多，请重新获取。")]
    UsedUp,
    #[error("验证码不对，还可以再试{0}次。")]
    Wrong(u8),
}

/// The digits of a typed code (full-width digits and spaces allowed), if it has the right shape.
pub fn normalise(typed: &str) -> Option<String> {
    let code = crate::personal::normalise(typed);
    (code.len() == DIGITS && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

impl SentCode {
    pub fn new(phone: String, digest: String, sent_at: DateTime<FixedOffset>) -> Self {
        Self { phone, digest, sent_at, wrong_tries: 0 }
    }

    /// Judges a typed code, given its digest: a wrong one is counted (the caller keeps the count).
    pub fn judge(&mut self, typed_digest: &str, now: DateTime<FixedOffset>) -> Result<(), CodeRefusal> {
        if now - self.sent_at > VALID_FOR {
            return Err(CodeRefusal::Expired);
        }
        if self.wrong_tries >= TRIES {
            return Err(CodeRefusal::UsedUp);
        }
        if typed_digest == self.digest {
            return Ok(());
        }
        self.wrong_tries += 1;
        match TRIES - self.wrong_tries {
            0 => Err(CodeRefusal::UsedUp),
            left => Err(CodeRefusal::Wrong(left)),
        }
    }

    /// How long until another code may be sent to the same phone; zero when it may now.
    pub fn wait_before_resending(&self, now: DateTime<FixedOffset>) -> Duration {
        (self.sent_at + RESEND_AFTER - now).max(Duration::zero())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(time: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-30T{time}+08:00")).unwrap()
    }

    fn sent() -> SentCode {
        SentCode::new("13812345678".into(), "right".into(), at("09:00:00"))
    }

    #[test]
    fn the_right_code_is_accepted_within_ten_minutes_and_not_after() {
        assert_eq!(sent().judge("right", at("09:10:00")), Ok(()));
        assert_eq!(sent().judge("right", at("09:10:01")), Err(CodeRefusal::Expired));
    }

    #[test]
    fn five_wrong_tries_use_the_code_up_even_for_the_right_one_after() {
        let mut code = sent();
        let answers: Vec<_> = (0..5).map(|_| code.judge("wrong", at("09:01:00"))).collect();
        assert_eq!(
            answers,
            [
                Err(CodeRefusal::Wrong(4)),
                Err(CodeRefusal::Wrong(3)),
                Err(CodeRefusal::Wrong(2)),
                Err(CodeRefusal::Wrong(1)),
                Err(CodeRefusal::UsedUp)
            ]
        );
        assert_eq!(code.judge("right", at("09:02:00")), Err(CodeRefusal::UsedUp));
    }

    #[test]
    fn a_new_code_may_follow_a_minute_after_the_last() {
        assert_eq!(sent().wait_before_resending(at("09:00:20")), Duration::seconds(40));
        assert_eq!(sent().wait_before_resending(at("09:01:00")), Duration::zero());
        assert_eq!(sent().wait_before_resending(at("09:05:00")), Duration::zero());
    }

    #[test]
    fn codes_typed_with_full_width_digits_or_spaces_are_read() {
        assert_eq!(normalise("１２３ ４５６").as_deref(), Some("123456"));
        assert_eq!(normalise("12345"), None);
        assert_eq!(normalise("12345a"), None);
    }
}
