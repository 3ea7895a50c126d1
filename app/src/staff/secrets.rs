//! The cryptography of staff sign-in, all of it from well-kept crates: argon2id for passwords, RFC 6238 TOTP
//! (totp-rs) for the second factor, and random tokens for sessions and enrolment links, kept only as digests.

use super::sign_in::{acceptable_steps, STEP_SECONDS};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use chrono::{DateTime, FixedOffset};
use totp_rs::{Secret, TOTP};

/// argon2id with OWASP's second recommended set: 19 MiB of memory, 2 passes, 1 lane. On this project's 2-core
/// machine one verification takes about 16 ms (`cargo xtask bench`): slow for a guesser, quick for a person.
fn argon2() -> Argon2<'static> {
    let params = Params::new(19 * 1024, 2, 1, None).expect("valid argon2 parameters");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// How many hashes run at once: half the cores, so a burst of sign-ins leaves the rest to render pages.
fn hashing() -> &'static tokio::sync::Semaphore {
    static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        tokio::sync::Semaphore::new((cores / 2).max(1))
    });
    &HASHING
}

/// Runs `hash` on a blocking thread once a hashing permit is free: argon2 takes tens of milliseconds of one core,
/// which on the async workers would stall every request they serve.
async fn off_the_workers<T: Send + 'static>(hash: impl FnOnce() -> T + Send + 'static) -> T {
    let _permit = hashing().acquire().await.expect("the semaphore is never closed");
    tokio::task::spawn_blocking(hash).await.expect("hashing does not panic")
}

/// Whether `password` matches the `stored` hash, verified off the async workers. With no stored hash (no such
/// account, or not enrolled) it verifies against a stand-in, so the answer takes as long and says nothing.
pub async fn password_matches(password: &str, stored: Option<&str>) -> bool {
    let (password, stored) = (password.to_string(), stored.map(str::to_string));
    off_the_workers(move || match stored {
        Some(stored) => verify_password(&password, &stored),
        None => {
            verify_nothing(&password);
            false
        }
    })
    .await
}

/// `hash_password`, off the async workers.
pub async fn new_password_hash(password: &str) -> String {
    let password = password.to_string();
    off_the_workers(move || hash_password(&password)).await
}

/// A password's PHC string (algorithm, parameters and salt inside).
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2().hash_password(password.as_bytes(), &salt).expect("argon2 hashes any password").to_string()
}

/// Whether `password` matches `stored`. A stored hash this build cannot read matches nothing.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| argon2().verify_password(password.as_bytes(), &hash).is_ok())
}

/// Something to verify against when there is no account, so an unknown staff number takes as long to refuse
/// as a wrong password and the time taken tells nothing.
fn verify_nothing(password: &str) {
    static DUMMY: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| hash_password("no account has this"));
    let _ = verify_password(password, &DUMMY);
}

/// The issuer an authenticator app shows beside the account.
const ISSUER: &str = "掌上办 河北区";

/// A new second-factor secret, base32 (what an authenticator's "enter a key" asks for).
pub fn new_totp_secret() -> String {
    let bytes: [u8; 20] = rand::random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, staff_number: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(totp_rs::Algorithm::SHA1, 6, 0, STEP_SECONDS as u64, bytes, Some(ISSUER.into()), staff_number.into()).ok()
}

/// The otpauth:// address an authenticator app scans to add the account.
pub fn otpauth_uri(secret: &str, staff_number: &str) -> Option<String> {
    Some(totp(secret, staff_number)?.get_url())
}

/// The time step `code` belongs to at `now`, if it is the right code for one of the steps accepted then. Whether
/// that step was used already is the store's question (`StaffStore::use_code_step`, asked in the statement that
/// records it).
pub fn code_step(secret: &str, code: &str, now: DateTime<FixedOffset>) -> Option<i64> {
    let totp = totp(secret, "")?;
    acceptable_steps(now).into_iter().find(|step| totp.check(code, (step * STEP_SECONDS) as u64))
}

/// The code for `now`: tests and the e2e helpers compute codes as an authenticator would.
pub fn code_at(secret: &str, now: DateTime<FixedOffset>) -> Option<String> {
    Some(totp(secret, "")?.generate(now.timestamp() as u64))
}

/// A long random secret for a cookie or a link: 256 bits, URL-safe base64.
pub fn new_token() -> String {
    crate::random::url_safe(32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::beijing;
    use chrono::TimeZone;

    #[test]
    fn a_password_verifies_against_its_own_hash_only() {
        let stored = hash_password("海河边的春天来了真好看");
        assert!(stored.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{stored}");
        assert!(verify_password("海河边的春天来了真好看", &stored));
        assert!(!verify_password("海河边的春天来了真好", &stored));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn rfc_6238_codes_are_accepted_in_their_step_and_either_side() {
        // RFC 6238 appendix B's SHA-1 key, "12345678901234567890", in base32; at 59 s the 8-digit code is
        // 94287082, so the 6-digit one is its last six digits.
        let secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
        let at_59 = beijing().timestamp_opt(59, 0).unwrap();
        assert_eq!(code_at(secret, at_59).as_deref(), Some("287082"));
        assert_eq!(code_step(secret, "287082", at_59), Some(1));
        let a_step_later = beijing().timestamp_opt(89, 0).unwrap();
        assert_eq!(code_step(secret, "287082", a_step_later), Some(1), "typed as the code changed");
        let two_steps_later = beijing().timestamp_opt(119, 0).unwrap();
        assert_eq!(code_step(secret, "287082", two_steps_later), None);
        assert_eq!(code_step(secret, "000000", at_59), None);
    }

    #[test]
    fn the_authenticator_address_names_the_issuer_and_the_staff_number() {
        let uri = otpauth_uri("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", "A0001").unwrap();
        assert!(uri.starts_with("otpauth://totp/"), "{uri}");
        assert!(uri.contains(":A0001?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "{uri}");
    }

    #[test]
    fn new_secrets_are_160_bits_of_base32() {
        let secret = new_totp_secret();
        assert_eq!(secret.len(), 32);
        assert_ne!(secret, new_totp_secret());
    }
}
