//! Keys that partner systems present to the district's APIs instead of signing in: an admin issues one for one
//! use (its scope) and sees it once; the server keeps only its digest; it opens nothing once revoked. The key
//! travels as `Authorization: Bearer hbk_…`, never in a cookie or an address.

use serde::{Deserialize, Serialize};

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyScope {
    /// Push enforcement records (执法数据上报) from the district's enforcement supervision platform.
    EnforcementFeed,
    /// File petitions through Open311 (`POST requests`) for the residents of a partner's app or platform.
    Open311,
}

impl KeyScope {
    pub const ALL: [KeyScope; 2] = [KeyScope::EnforcementFeed, KeyScope::Open311];

    pub fn code(self) -> &'static str {
        match self {
            KeyScope::EnforcementFeed => "enforcement_feed",
            KeyScope::Open311 => "open311",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyScope::EnforcementFeed => "执法数据上报（行政执法监督平台推送执法记录）",
            KeyScope::Open311 => "Open311 提交诉求（合作平台代居民提交）",
        }
    }

    pub fn from_code(code: &str) -> Option<KeyScope> {
        KeyScope::ALL.into_iter().find(|scope| scope.code() == code)
    }
}

/// What every key starts with, so that one pasted somewhere it should not be is recognised for what it is.
pub const PREFIX: &str = "hbk_";

/// The random part of a key: 32 bytes, 256 bits.
pub const RANDOM_BYTES: usize = 32;

/// Characters of a key kept to tell keys apart: the prefix and six more, too few to guess the rest from.
const HINT_LENGTH: usize = PREFIX.len() + 6;

/// The beginning of `key` that an admin sees in the list of keys.
pub fn hint(key: &str) -> String {
    format!("{}…", key.chars().take(HINT_LENGTH).collect::<String>())
}

/// The key in an `Authorization` header's value (`Bearer <key>`, the scheme in any case).
pub fn presented(authorization: &str) -> Option<&str> {
    let (scheme, key) = authorization.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then_some(key.trim())
}

/// Whether `key` is shaped like one this server issues: anything else is turned away before it reaches a query.
pub fn is_shaped(key: &str) -> bool {
    key.strip_prefix(PREFIX).is_some_and(|random| crate::random::is_url_safe(random, RANDOM_BYTES))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "hbk_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x9c";

    #[test]
    fn a_key_is_read_from_a_bearer_header_whatever_the_case_of_the_scheme() {
        assert_eq!(presented(&format!("Bearer {KEY}")), Some(KEY));
        assert_eq!(presented(&format!("bearer  {KEY} ")), Some(KEY));
    }

    #[test]
    fn a_header_of_another_scheme_presents_no_key() {
        assert_eq!(presented(KEY), None, "no scheme");
        assert_eq!(presented(&format!("Basic {KEY}")), None);
    }

    #[test]
    fn anything_not_shaped_like_an_issued_key_is_no_key() {
        assert!(is_shaped(KEY));
        assert!(!is_shaped("q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x9c"), "no prefix");
        assert!(!is_shaped("hbk_short"));
        assert!(!is_shaped("hbk_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x9'"), "not URL-safe");
    }

    #[test]
    fn the_hint_shows_the_prefix_and_six_characters() {
        assert_eq!(hint(KEY), "hbk_q1w2e3…");
    }

    #[test]
    fn scopes_come_back_from_their_codes() {
        for scope in KeyScope::ALL {
            assert_eq!(KeyScope::from_code(scope.code()), Some(scope));
        }
        assert_eq!(KeyScope::from_code("admin"), None);
    }
}
