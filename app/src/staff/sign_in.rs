//! The rules of signing in, apart from the cryptography (argon2, TOTP: `staff::secrets`): how long a session
//! lasts, how failures lock an account or an address, which time steps a code may belong to, and what a new password and a
//! staff number must be. Every instant comes from the app's clock.

use chrono::{DateTime, Duration, FixedOffset};

/// A session unused this long has ended.
pub const IDLE_TIMEOUT: Duration = Duration::minutes(30);
/// No session outlives this, used or not: a working day.
pub const ABSOLUTE_LIMIT: Duration = Duration::hours(12);
/// An enrolment link works this long, once.
pub const ENROLMENT_VALID_FOR: Duration = Duration::hours(72);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionState {
    Live,
    /// Unused for `IDLE_TIMEOUT`.
    Idle,
    /// Older than `ABSOLUTE_LIMIT`.
    TooOld,
}

pub fn session_state(
    created: DateTime<FixedOffset>,
    last_seen: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> SessionState {
    if now - created >= ABSOLUTE_LIMIT {
        SessionState::TooOld
    } else if now - last_seen >= IDLE_TIMEOUT {
        SessionState::Idle
    } else {
        SessionState::Live
    }
}

/// Failed sign-ins of one account, or from one address, since the count last restarted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failures {
    pub count: u32,
    pub last_at: DateTime<FixedOffset>,
}

/// Who a lock counts against, and how many failures it tolerates before locking.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Throttled {
    /// One account, whoever tries it: guessing one person's password.
    Account,
    /// One address, whichever accounts it tries: guessing many (a whole office shares an address, so more).
    Address,
}

impl Throttled {
    fn tolerated(self) -> u32 {
        match self {
            Throttled::Account => 5,
            Throttled::Address => 20,
        }
    }
}

/// The first lock lasts this long; each failure after a lock doubles it, up to `LONGEST_LOCK`.
const FIRST_LOCK: Duration = Duration::minutes(15);
const LONGEST_LOCK: Duration = Duration::hours(8);
/// A day without a failure starts the count again.
const FORGET_AFTER: Duration = Duration::hours(24);

/// Failures before this instant no longer count: the next one starts the count again.
pub fn forget_before(now: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    now - FORGET_AFTER
}

/// Until when `failures` lock the account or address, if they do at `now`. Attempts while locked are refused
/// unchecked and not counted, so a lock cannot be made endless by someone else's tries.
pub fn locked_until(
    failures: Option<Failures>,
    who: Throttled,
    now: DateTime<FixedOffset>,
) -> Option<DateTime<FixedOffset>> {
    let failures = failures?;
    let beyond = failures.count.checked_sub(who.tolerated())?;
    let lock = (0..beyond.min(16)).fold(FIRST_LOCK, |lock, _| (lock * 2).min(LONGEST_LOCK));
    let until = failures.last_at + lock;
    (until > now).then_some(until)
}

/// TOTP's time step.
pub const STEP_SECONDS: i64 = 30;

/// The steps a code typed at `now` may belong to: the current one and one either side (a phone's clock a little
/// off, a code typed as it changed).
pub fn acceptable_steps(now: DateTime<FixedOffset>) -> [i64; 3] {
    let step = now.timestamp().div_euclid(STEP_SECONDS);
    [step - 1, step, step + 1]
}

pub const SHORTEST_PASSWORD: usize = 10;
const LONGEST_PASSWORD: usize = 128;

/// A new password, typed twice.
pub fn check_new_password(password: &str, again: &str, staff_number: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < SHORTEST_PASSWORD {
        return Err("密码至少10个字符。可以用一句好记的话。");
    }
    if length > LONGEST_PASSWORD {
        return Err("密码不能超过128个字符。");
    }
    if password.to_uppercase().contains(&staff_number.to_uppercase()) {
        return Err("密码不能包含工号。");
    }
    if password != again {
        return Err("两次输入的密码不一致。");
    }
    Ok(())
}

/// A staff number as typed (工号: letters and digits), normalised like an ID number; `None` when it cannot be one.
pub fn normalise_staff_number(raw: &str) -> Option<String> {
    let number = crate::personal::normalise(raw);
    (2..=16).contains(&number.len()).then_some(()).filter(|_| number.bytes().all(|b| b.is_ascii_alphanumeric()))?;
    Some(number)
}

/// A six-digit code as typed (spaces and full-width digits allowed); `None` when it cannot be one.
pub fn normalise_code(raw: &str) -> Option<String> {
    let code = crate::personal::normalise(raw);
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then_some(code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::beijing;
    use chrono::TimeZone;

    fn at(hour: u32, minute: u32) -> DateTime<FixedOffset> {
        beijing().with_ymd_and_hms(2026, 11, 30, hour, minute, 0).unwrap()
    }

    #[test]
    fn a_session_unused_for_half_an_hour_has_ended() {
        assert_eq!(session_state(at(9, 0), at(9, 10), at(9, 39)), SessionState::Live);
        assert_eq!(session_state(at(9, 0), at(9, 10), at(9, 40)), SessionState::Idle);
    }

    #[test]
    fn a_session_in_use_still_ends_after_twelve_hours() {
        assert_eq!(session_state(at(8, 0), at(19, 59), at(19, 59)), SessionState::Live);
        assert_eq!(session_state(at(8, 0), at(19, 59), at(20, 0)), SessionState::TooOld);
    }

    #[test]
    fn five_failures_lock_an_account_for_fifteen_minutes() {
        let four = Some(Failures { count: 4, last_at: at(9, 3) });
        assert_eq!(locked_until(four, Throttled::Account, at(9, 3)), None);
        let five = Some(Failures { count: 5, last_at: at(9, 4) });
        assert_eq!(locked_until(five, Throttled::Account, at(9, 4)), Some(at(9, 19)));
        assert_eq!(locked_until(five, Throttled::Account, at(9, 19)), None, "released at 9:19");
    }

    #[test]
    fn each_failure_after_a_lock_doubles_the_next() {
        let six = Failures { count: 6, last_at: at(9, 20) };
        assert_eq!(locked_until(Some(six), Throttled::Account, at(9, 20)), Some(at(9, 50)));
        let seven = Failures { count: 7, last_at: at(10, 0) };
        assert_eq!(locked_until(Some(seven), Throttled::Account, at(10, 0)), Some(at(11, 0)));
        let many = Failures { count: 40, last_at: at(0, 0) };
        assert_eq!(locked_until(Some(many), Throttled::Account, at(0, 0)), Some(at(8, 0)), "never beyond 8 hours");
    }

    #[test]
    fn an_address_is_allowed_more_failures_than_an_account() {
        let ten = Some(Failures { count: 10, last_at: at(9, 0) });
        assert_eq!(locked_until(ten, Throttled::Address, at(9, 0)), None);
        assert!(locked_until(ten, Throttled::Account, at(9, 0)).is_some());
        let twenty = Some(Failures { count: 20, last_at: at(9, 0) });
        assert_eq!(locked_until(twenty, Throttled::Address, at(9, 0)), Some(at(9, 15)));
    }

    #[test]
    fn a_code_may_belong_to_the_step_now_or_one_either_side() {
        // 2026-11-30 09:00:00 +08:00 is 1,796,000,400 s: step 59,866,680.
        assert_eq!(acceptable_steps(at(9, 0)), [59_866_679, 59_866_680, 59_866_681]);
        assert_eq!(acceptable_steps(at(9, 0) + Duration::seconds(29))[1], 59_866_680);
    }

    #[test]
    fn a_new_password_is_long_typed_twice_alike_and_not_the_staff_number() {
        assert_eq!(
            check_new_password("海河边的春天来了", "海河边的春天来了", "A0001"),
            Err("密码至少10个字符。可以用一句好记的话。")
        );
        assert_eq!(
            check_new_password("haihe-spring-2026", "haihe-spring-2025", "A0001"),
            Err("两次输入的密码不一致。")
        );
        assert_eq!(check_new_password("my-a0001-password", "my-a0001-password", "A0001"), Err("密码不能包含工号。"));
        assert_eq!(check_new_password("海河边的春天来了真好看", "海河边的春天来了真好看", "A0001"), Ok(()));
    }

    #[test]
    fn staff_numbers_and_codes_are_read_as_typed() {
        assert_eq!(normalise_staff_number(" ａ０００１ "), Some("A0001".into()));
        assert_eq!(normalise_staff_number("A-1"), None);
        assert_eq!(normalise_code("123 456"), Some("123456".into()));
        assert_eq!(normalise_code("１２３４５６"), Some("123456".into()));
        assert_eq!(normalise_code("12345"), None);
    }
}
