//! A booking's two secrets. The check-in code is short enough to type at a kiosk or read out at a counter, and
//! uses no characters that look alike (0/O, 1/I/L); alone it opens nothing personal. The token is long and random
//! and sits in the QR code's URL: whoever holds it may see (without personal data), cancel or reschedule the
//! booking.

/// 31 characters: digits 2–9 and capitals without I, L, O.
pub const CHECK_IN_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
pub const CHECK_IN_LENGTH: usize = 8;

/// What a resident typed (or a scanner sent) as a check-in code, normalised: upper case, no spaces or dashes,
/// full-width characters made ASCII. `None` when it cannot be a check-in code.
pub fn normalise_check_in(raw: &str) -> Option<String> {
    let code: String = crate::personal::normalise(raw).chars().filter(|c| *c != '-').collect();
    (code.len() == CHECK_IN_LENGTH && code.bytes().all(|b| CHECK_IN_ALPHABET.contains(&b))).then_some(code)
}

/// A token is 32 URL-safe base64 characters (192 random bits).
#[cfg(feature = "ssr")]
pub fn is_token_shaped(token: &str) -> bool {
    crate::random::is_url_safe(token, TOKEN_BYTES)
}

#[cfg(feature = "ssr")]
const TOKEN_BYTES: usize = 24;

#[cfg(feature = "ssr")]
pub fn new_check_in_code() -> String {
    crate::random::code(CHECK_IN_ALPHABET, CHECK_IN_LENGTH)
}

#[cfg(feature = "ssr")]
pub fn new_token() -> String {
    crate::random::url_safe(TOKEN_BYTES)
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn check_in_codes_avoid_look_alikes_and_survive_sloppy_typing() {
        for _ in 0..200 {
            let code = new_check_in_code();
            assert_eq!(normalise_check_in(&code).as_deref(), Some(code.as_str()));
            assert!(!code.contains(['0', 'O', '1', 'I', 'L']));
        }
        assert_eq!(normalise_check_in("abcd-2345").as_deref(), Some("ABCD2345"));
        assert_eq!(normalise_check_in("ＡＢＣＤ２３４５").as_deref(), Some("ABCD2345"));
        assert_eq!(normalise_check_in("ABCD0345"), None, "0 is never issued");
        assert_eq!(normalise_check_in("ABC2345"), None);
    }

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let (a, b) = (new_token(), new_token());
        assert!(is_token_shaped(&a) && is_token_shaped(&b));
        assert_ne!(a, b);
        assert!(!is_token_shaped("short"));
    }
}
