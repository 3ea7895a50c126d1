//! How days, times of day and instants are stored, alike on both backends: a day as ISO 8601 text
//! (`2026-11-25`, which sorts as the dates do, so BETWEEN and ORDER BY work), a time of day as `HH:MM`, and an
//! instant as Unix seconds (BIGINT), read back in Beijing time. Queries bind `Day(…)`, `Time(…)` and `Instant(…)`
//! and read columns as them; nothing else turns these into SQL values.

use app::clock::beijing;
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Encode, Type};

const DAY: &str = "%Y-%m-%d";
const TIME: &str = "%H:%M";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Day(pub NaiveDate);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Time(pub NaiveTime);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Instant(pub DateTime<FixedOffset>);

/// Stored as the text `$format` writes and reads.
macro_rules! as_text {
    ($codec:ident, $value:ty, $format:expr) => {
        impl<DB: Database> Type<DB> for $codec
        where
            String: Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as Type<DB>>::type_info()
            }
            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: Database> Encode<'q, DB> for $codec
        where
            String: Encode<'q, DB>,
        {
            fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
                self.0.format($format).to_string().encode(buf)
            }
        }

        impl<'r, DB: Database> Decode<'r, DB> for $codec
        where
            String: Decode<'r, DB>,
        {
            fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
                Ok(Self(<$value>::parse_from_str(&String::decode(value)?, $format)?))
            }
        }
    };
}

as_text!(Day, NaiveDate, DAY);
as_text!(Time, NaiveTime, TIME);

impl<DB: Database> Type<DB> for Instant
where
    i64: Type<DB>,
{
    fn type_info() -> DB::TypeInfo {
        <i64 as Type<DB>>::type_info()
    }
    fn compatible(ty: &DB::TypeInfo) -> bool {
        <i64 as Type<DB>>::compatible(ty)
    }
}

impl<'q, DB: Database> Encode<'q, DB> for Instant
where
    i64: Encode<'q, DB>,
{
    fn encode_by_ref(&self, buf: &mut DB::ArgumentBuffer<'q>) -> Result<IsNull, BoxDynError> {
        self.0.timestamp().encode(buf)
    }
}

impl<'r, DB: Database> Decode<'r, DB> for Instant
where
    i64: Decode<'r, DB>,
{
    fn decode(value: DB::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let seconds = i64::decode(value)?;
        let instant = DateTime::from_timestamp(seconds, 0).ok_or("an instant out of range")?;
        Ok(Self(instant.with_timezone(&beijing())))
    }
}
