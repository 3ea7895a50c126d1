//! Tracking numbers (受理编号): the district's administrative code, the Beijing date of filing and that day's
//! sequence, digits only, so it can be read out on the phone and typed on a kiosk's keypad:
//! 120105 20261130 00042.

use chrono::NaiveDate;

/// 天津市河北区 in GB/T 2260.
pub const DISTRICT_CODE: &str = "120105";
const SEQUENCE_DIGITS: usize = 5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TrackingNumber {
    pub filed_on: NaiveDate,
    /// 1 for the day's first petition.
    pub sequence: u32,
}

impl TrackingNumber {
    /// The day's `sequence`th number; `None` past the 99,999th.
    pub fn new(filed_on: NaiveDate, sequence: u32) -> Option<Self> {
        (1..10u32.pow(SEQUENCE_DIGITS as u32)).contains(&sequence).then_some(Self { filed_on, sequence })
    }

    /// A number as typed or read out: spaces, dashes and full-width digits allowed. `None` when it cannot be one
    /// of ours.
    pub fn parse(raw: &str) -> Option<Self> {
        let digits: String = crate::personal::normalise(raw).chars().filter(|c| *c != '-').collect();
        if digits.len() != DISTRICT_CODE.len() + 8 + SEQUENCE_DIGITS || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let rest = digits.strip_prefix(DISTRICT_CODE)?;
        let filed_on = NaiveDate::parse_from_str(&rest[..8], "%Y%m%d").ok()?;
        Self::new(filed_on, rest[8..].parse().ok()?)
    }

    /// With spaces between its parts, for reading.
    pub fn spaced(self) -> String {
        format!("{DISTRICT_CODE} {} {:05}", self.filed_on.format("%Y%m%d"), self.sequence)
    }
}

/// A stored tracking number with spaces between its parts, for reading (as stored if it is not one).
pub fn spaced(number: &str) -> String {
    TrackingNumber::parse(number).map_or(number.to_string(), TrackingNumber::spaced)
}

impl std::fmt::Display for TrackingNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{DISTRICT_CODE}{}{:05}", self.filed_on.format("%Y%m%d"), self.sequence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_number_is_the_district_the_day_and_the_sequence_in_digits() {
        let number = TrackingNumber::new(day("2026-11-30"), 42).unwrap();
        assert_eq!(number.to_string(), "1201052026113000042");
        assert_eq!(number.spaced(), "120105 20261130 00042");
    }

    #[test]
    fn a_number_is_read_back_as_people_type_it() {
        let number = TrackingNumber::new(day("2026-11-30"), 42);
        assert_eq!(TrackingNumber::parse("1201052026113000042"), number);
        assert_eq!(TrackingNumber::parse(" 120105 20261130 00042 "), number);
        assert_eq!(TrackingNumber::parse("120105-20261130-00042"), number);
        assert_eq!(TrackingNumber::parse("１２０１０５２０２６１１３００００４２"), number, "full-width digits");
    }

    #[test]
    fn what_cannot_be_one_of_ours_is_no_number() {
        assert_eq!(TrackingNumber::parse("1201062026113000042"), None, "another district");
        assert_eq!(TrackingNumber::parse("1201052026023000042"), None, "30 February");
        assert_eq!(TrackingNumber::parse("1201052026113000000"), None, "sequences start at 1");
        assert_eq!(TrackingNumber::parse("120105202611300004"), None, "a digit short");
        assert_eq!(TrackingNumber::parse("12010520261130000a2"), None);
        assert_eq!(TrackingNumber::new(day("2026-11-30"), 100_000), None);
    }
}
