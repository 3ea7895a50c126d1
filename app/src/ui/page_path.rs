//! The path of a page of ours that a form answers with (renders again, or redirects to), built from parts a
//! visitor sent.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Everything but RFC 3986's unreserved characters, and the dot too (a segment of ".." must stay a value, never
/// climb a level).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'~');

/// Each segment and query value is percent-encoded here, so no submitted value can add a segment, a query or a
/// fragment, nor make the request or the `Location` header invalid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PagePath(String);

impl PagePath {
    /// `/segment/segment/…`
    pub fn new(segments: &[&str]) -> Self {
        Self(segments.iter().map(|segment| format!("/{}", utf8_percent_encode(segment, SEGMENT))).collect())
    }

    /// A path written in the code, never from a visitor.
    pub fn fixed(path: &'static str) -> Self {
        Self(path.into())
    }

    pub fn with_query(self, name: &str, value: &str) -> Self {
        let query = url::form_urlencoded::Serializer::new(String::new()).append_pair(name, value).finish();
        let separator = if self.0.contains('?') { '&' } else { '?' };
        Self(format!("{}{separator}{query}", self.0))
    }

    /// The part of the page to show: an element id written in the code.
    pub fn with_fragment(self, id: &'static str) -> Self {
        Self(format!("{}#{id}", self.0))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::PagePath;

    #[test]
    fn a_visitors_value_stays_one_segment() {
        assert_eq!(PagePath::new(&["kiosk", "hall-1", "check-in"]).as_str(), "/kiosk/hall-1/check-in");
        assert_eq!(PagePath::new(&["kiosk", "a b?c#d/e"]).as_str(), "/kiosk/a%20b%3Fc%23d%2Fe");
        assert_eq!(PagePath::new(&["kiosk", ".."]).as_str(), "/kiosk/%2E%2E");
        assert_eq!(PagePath::new(&["kiosk", "\u{1}\r\n<>"]).as_str(), "/kiosk/%01%0D%0A%3C%3E");
        assert_eq!(PagePath::new(&["社保"]).as_str(), "/%E7%A4%BE%E4%BF%9D");
    }

    #[test]
    fn a_query_value_stays_one_value() {
        let path = PagePath::new(&["bookings", "t", "reschedule"]).with_query("day", "2026-11-27&slot=09:00#x");
        assert_eq!(path.as_str(), "/bookings/t/reschedule?day=2026-11-27%26slot%3D09%3A00%23x");
        assert!(path.as_str().parse::<http::Uri>().is_ok());
    }
}
