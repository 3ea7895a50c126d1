//! Keys that partner systems present to the district's APIs instead of signing in: an admin issues one for one
//! use (its scope) and sees it once; the server keeps only its digest; it opens nothing once revoked. The key
//! travels as `Authorization: Bearer hbk_…`, never in a cookie or an address.

use serde::{Deserialize, Serialize};

/// What a key may do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum KeyScope {
    /// Push enforcement records (执法数据上报) from the district's enforcement supervision platform.
    EnforcementFeed,
}

impl KeyScope {
    pub const ALL: [KeyScope; 1] = [KeyScope::EnforcementFeed];

    pub fn code(self) -> &'static str {
        match self {
            KeyScope::EnforcementFeed => "enforcement_feed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            KeyScope::EnforcementFeed => "执法数据上报（行政执法监督平台推送执法记录）",
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

/// The key in an `Authorization` header's value (`Bearer <key>`, the scheme in any case), if it is shaped like
/// one this server issues; anything else is turned away before it reaches a query.
pub fn presented(authorization: &str) -> Option<&str> {
    let (scheme, key) = authorization.trim().split_once(' ')?;
    let key = key.trim();
    let random = key.strip_prefix(PREFIX)?;
    (scheme.eq_ignore_ascii_case("bearer") && crate::random::is_url_safe(random, RANDOM_BYTES)).then_some(key)
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
    fn anything_not_shaped_like_an_issued_key_is_no_key() {
        assert_eq!(presented(KEY), None, "no scheme");
        assert_eq!(presented(&format!("Basic {KEY}")), None);
        assert_eq!(presented("Bearer q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x9c"), None, "no prefix");
        assert_eq!(presented("Bearer hbk_short"), None);
        assert_eq!(presented("Bearer hbk_q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x9'"), None, "not URL-safe");
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
