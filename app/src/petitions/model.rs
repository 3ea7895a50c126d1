//! Petitions as the store and the pages see them, and their two deadlines, computed when read from the clocks'
//! starts, the pauses and the approved extensions (never stored).

use super::lifecycle::Case;
use super::tracking::TrackingNumber;
use crate::calendar::WorkCalendar;
use crate::deadline::{Due, Pause, Period};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// How many days after a petition ends (finished, withdrawn, declined or merged) the resident's name, phone, place
/// detail and photos are kept; then they are erased. The case, its history and its figures stay.
pub const KEEP_PERSONAL_DATA_DAYS: u32 = 730;

/// A draft's photos that were never filed are removed after this long.
pub const KEEP_UNFILED_PHOTOS_HOURS: u32 = 24;

/// The most photos one petition may have.
pub const MAX_PHOTOS: usize = 3;

/// How a petition reached us.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    Web,
    /// Handed over from a community centre's kiosk.
    Kiosk,
    /// Phoned in; a dispatcher filed it for the caller.
    Phone,
    /// Sent by a partner's system through Open311 (`POST requests`), with a key an admin issued it.
    Partner,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Web => "web",
            Channel::Kiosk => "kiosk",
            Channel::Phone => "phone",
            Channel::Partner => "open311",
        }
    }

    pub fn from_code(code: &str) -> Option<Channel> {
        [Channel::Web, Channel::Kiosk, Channel::Phone, Channel::Partner].into_iter().find(|c| c.code() == code)
    }
}

/// What the resident filed, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPetition {
    pub channel: Channel,
    pub category: String,
    pub tier: super::tiers::Tier,
    pub street: String,
    pub community: String,
    /// Private: never public.
    pub place_detail: String,
    pub title: String,
    pub body: String,
    pub applicant_name: String,
    pub phone: String,
    pub public_wanted: bool,
    pub anonymous: bool,
    /// "Me too": the public petition (its id) this one joins; filed whole on its own all the same.
    #[serde(default)]
    pub joins: Option<i64>,
}

/// What the resident keeps: the number to quote, the status page's secret link, and the code that opens it with
/// the number.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filed {
    pub number: String,
    pub token: String,
    pub access_code: String,
}

#[cfg(feature = "ssr")]
const TOKEN_BYTES: usize = 32;
#[cfg(feature = "ssr")]
const ACCESS_CODE_DIGITS: usize = 8;

/// What the status page's link and the access code are made of.
#[cfg(feature = "ssr")]
impl Filed {
    /// A 256-bit link token, and an 8-digit access code (digits, for a kiosk's keypad and a phone call).
    pub fn new_secrets(number: String) -> Self {
        let access_code = crate::random::code(b"0123456789", ACCESS_CODE_DIGITS);
        Self { number, token: crate::random::url_safe(TOKEN_BYTES), access_code }
    }

    /// Whether `code` (normalised) could be an access code: anything else opens nothing, and never reaches a query.
    pub fn is_access_code(code: &str) -> bool {
        code.len() == ACCESS_CODE_DIGITS && code.bytes().all(|b| b.is_ascii_digit())
    }

    /// Whether `token` could be a status link's: anything else names no petition, and never reaches a query.
    pub fn is_token(token: &str) -> bool {
        crate::random::is_url_safe(token, TOKEN_BYTES)
    }
}

/// A public petition as anyone may read it: the approved, masked text, where (street and community only), where
/// it stands and how long it took, and how many residents said "me too".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPetition {
    pub id: i64,
    pub number: String,
    pub title: String,
    pub body: String,
    pub category: String,
    pub street: String,
    pub community: String,
    pub stage: super::lifecycle::Stage,
    pub filed_at: DateTime<FixedOffset>,
    pub result_met_at: Option<DateTime<FixedOffset>>,
    /// Residents who joined it ("me too").
    pub joined: i64,
    /// The department handling it, once routed.
    pub department: Option<String>,
    /// Its last step.
    pub updated_at: DateTime<FixedOffset>,
    /// When its result is due, as the petitions' store keeps it worked out.
    pub result_due_at: Option<DateTime<FixedOffset>>,
}

/// The deadlines of a petition filed at `filed_at`, before any pause or extension: what `Petition::response_due`
/// and `Petition::result_due` say of it then (its result clock starts at filing).
pub fn first_dues(tier: super::tiers::Tier, filed_at: DateTime<FixedOffset>, calendar: &WorkCalendar) -> (Due, Due) {
    let clocks = tier.clocks();
    (clocks.respond.due(filed_at, &[], calendar), clocks.result.due(filed_at, &[], calendar))
}

/// A petition as stored. Personal fields are masked before any of it is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Petition {
    pub id: i64,
    pub number: String,
    pub token: String,
    pub access_code: String,
    pub case: Case,
    /// What was filed.
    pub filed: NewPetition,
    pub filed_at: DateTime<FixedOffset>,
    pub responded_at: Option<DateTime<FixedOffset>>,
    pub result_started_at: DateTime<FixedOffset>,
    pub result_met_at: Option<DateTime<FixedOffset>>,
    /// The times the result clock stood still; the last may still be going (`until` then stands at now).
    pub pauses: Vec<Pause>,
    /// Every change bumps it: an action names the version it was taken on.
    pub version: i64,
    /// The person in its department it is given to (a staff number); `None`: the department as a whole.
    pub assignee: Option<String>,
}

impl Petition {
    pub fn tracking_number(&self) -> Option<TrackingNumber> {
        TrackingNumber::parse(&self.number)
    }

    /// The first response is due this long after filing.
    pub fn response_due(&self, calendar: &WorkCalendar) -> Due {
        self.case.tier.clocks().respond.due(self.filed_at, &[], calendar)
    }

    /// The result clock's period with its approved extensions.
    pub fn result_period(&self) -> Period {
        let result = self.case.tier.clocks().result;
        Period::new(result.amount + self.case.extended_by, result.unit)
    }

    /// The result is due after the result clock's period and its approved extensions, with its pauses given back.
    pub fn result_due(&self, calendar: &WorkCalendar) -> Due {
        self.result_period().due(self.result_started_at, &self.pauses, calendar)
    }
}
