//! Where petitions are kept (implemented in `server/`). Filing is idempotent per form key and hands out the day's
//! next tracking number in the same transaction; every later change is `act`: the lifecycle's rules applied to the
//! version the person saw, recorded with its milestone and its clocks' effects in one transaction. Server-only.

use super::callback::CallbackRecord;
use super::lifecycle::{Action, Actor, Refusal, Stage};
use super::model::{Filed, NewPetition, Petition, PublicPetition};
use super::roster::Shift;
use super::warning::WarningNote;
use crate::photos::Photo;
use crate::sms::Text;
use crate::staff::store::AuditEntry;
use crate::storage::StoreError;
use chrono::{DateTime, FixedOffset, NaiveDate};

/// Why an action was not taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotTaken {
    /// The rules say no.
    Refused(Refusal),
    /// Someone changed the petition since the version acted on: look again.
    Changed,
    NotFound,
}

/// One thing done to a petition: who, what, with what note (a reply, a reason), and, for staff, its audit entry
/// and the texts it sends, queued in the same transaction (so they go exactly when the step is taken).
#[derive(Clone, Copy, Debug)]
pub struct Step<'a> {
    pub actor: &'a Actor,
    pub action: &'a Action,
    pub note: &'a str,
    pub audit: Option<&'a AuditEntry>,
    pub texts: &'a [Text],
}

impl<'a> Step<'a> {
    /// The resident's step (no audit entry: the trail is of staff actions; no text: the resident did it).
    pub fn resident(action: &'a Action, note: &'a str) -> Self {
        Self { actor: &Actor::Resident, action, note, audit: None, texts: &[] }
    }
}

/// One milestone of a petition's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Milestone {
    pub at: DateTime<FixedOffset>,
    pub actor: String,
    pub action: String,
    pub note: String,
}

/// Which public petitions to list; empty fields do not filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicFilter {
    pub street: String,
    pub community: String,
    /// Of these categories; all when empty.
    pub categories: Vec<String>,
    /// These petitions only, by tracking number (Open311's `service_request_id`); all when empty.
    pub numbers: Vec<String>,
    /// Filed in `[from, until]`: Open311's end_date is the latest time included, and a query of the last 90 days
    /// includes what was filed this second.
    pub filed: Option<(DateTime<FixedOffset>, DateTime<FixedOffset>)>,
    /// Only those still being worked (`Some(true)`), or only those done with (`Some(false)`).
    pub open: Option<bool>,
    /// The newest first: skip `offset`, then at most `limit`.
    pub offset: u32,
    pub limit: u32,
}

/// What a department does about a bad review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewStep {
    /// Called the resident back (within `callback::REVIEW_CALL`).
    Called,
    /// Reported what was fixed (within `callback::REVIEW_FIX`).
    Fixed,
}

/// Whose photos: a resident's draft (its form key) before filing, a petition after.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhotosOf<'a> {
    Draft(&'a str),
    Petition(i64),
}

/// A kept photo, without its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhotoInfo {
    pub id: i64,
    pub width: u32,
    pub height: u32,
}

/// The texts a filing sends, once its tracking number is known.
pub type TextsOnFiling = dyn Fn(&Filed) -> Vec<Text> + Send + Sync;

#[async_trait::async_trait]
pub trait PetitionStore: Send + Sync {
    /// Files a petition with the photos added under `key`, queuing the `texts` it sends (they name its tracking
    /// number) with it. A repeat of the form (the same `key`) answers with what the first one filed, and texts
    /// nobody again.
    async fn file(
        &self,
        petition: &NewPetition,
        key: &str,
        texts: &TextsOnFiling,
        now: DateTime<FixedOffset>,
    ) -> Result<Filed, StoreError>;
    /// The petition behind a status link. A standing pause is shown as running until `now`.
    async fn by_token(&self, token: &str, now: DateTime<FixedOffset>) -> Result<Option<Petition>, StoreError>;
    /// The petition with this tracking number, if `access_code` is its code.
    async fn by_number(
        &self,
        number: &str,
        access_code: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Petition>, StoreError>;
    /// The petition with this tracking number, for the staff working it (who check the grant first).
    async fn by_tracking_number(
        &self,
        number: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Petition>, StoreError>;
    /// Takes `step` on petition `id` as it was at `version`.
    async fn act(
        &self,
        id: i64,
        version: i64,
        step: Step<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Petition, NotTaken>, StoreError>;
    /// Its milestones, oldest first.
    async fn history(&self, id: i64) -> Result<Vec<Milestone>, StoreError>;
    /// The petitions `department` is working (routed to it and not closed), in no particular order: the queue's
    /// order is time left, computed by the caller.
    async fn open_in(&self, department: &str, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError>;
    /// The petitions waiting for the dispatch centre to route them, oldest first.
    async fn unrouted(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError>;
    /// Gives the petition to a person of its department (a staff number), or to the department as a whole
    /// (`None`), with its audit entry.
    async fn assign(
        &self,
        petition: &Petition,
        staff_number: Option<&str>,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError>;
    /// The petitions at any of `stages`, oldest first.
    async fn in_stages(&self, stages: &[Stage], now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError>;
    /// The petitions whose department asks the dispatch centre to decide something, oldest first.
    async fn with_requests(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError>;
    /// The resident's callbacks, one a round, oldest first.
    async fn callbacks(&self, petition_id: i64) -> Result<Vec<CallbackRecord>, StoreError>;
    /// Replaces the latest callback's rating with `changed`'s, if it was not changed before: whether it was.
    async fn rerate(&self, petition_id: i64, changed: &CallbackRecord) -> Result<bool, StoreError>;
    /// Records the department's step on the latest callback's bad review, with its audit entry, unless it was
    /// recorded already: whether it was now.
    async fn review_step(
        &self,
        petition_id: i64,
        step: ReviewStep,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError>;
    /// The petitions whose residents agreed to publication and no dispatcher has decided on yet, oldest first.
    async fn awaiting_publication(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError>;
    /// A dispatcher's decision on a petition's publication: its masked text when approved, `None` when refused.
    /// Recorded with its audit entry, once: whether it was now.
    async fn decide_publication(
        &self,
        petition_id: i64,
        text: Option<(&str, &str)>,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError>;
    /// The approved public petitions matching `filter`, newest first.
    async fn public(&self, filter: &PublicFilter) -> Result<Vec<PublicPetition>, StoreError>;
    /// Adds a re-encoded photo to the draft `key`, unless it has `model::MAX_PHOTOS` already: whether it was added.
    async fn add_photo(&self, key: &str, photo: &Photo, now: DateTime<FixedOffset>) -> Result<bool, StoreError>;
    /// Removes a photo from the draft `key` (none of another's, nor a filed one).
    async fn remove_photo(&self, key: &str, id: i64) -> Result<(), StoreError>;
    /// The photos of a draft or a petition, in the order they were added.
    async fn photos(&self, of: PhotosOf<'_>) -> Result<Vec<PhotoInfo>, StoreError>;
    /// One photo's JPEG, if it is one of `of`'s.
    async fn photo(&self, of: PhotosOf<'_>, id: i64) -> Result<Option<Vec<u8>>, StoreError>;

    /// Every petition filed in `[from, until)`, as early warning counts them: (filing day, Beijing time; street;
    /// category).
    async fn filed_between(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(NaiveDate, String, String)>, StoreError>;
    /// The notes left on early warnings of the weeks from `since`.
    async fn warning_notes(&self, since: NaiveDate) -> Result<Vec<WarningNote>, StoreError>;
    /// Keeps a dispatcher's note on a warning; `false`: it has one already.
    async fn acknowledge(&self, note: &WarningNote, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// The duty roster's shifts that end after `from` and start before `until`, earliest first.
    async fn shifts(&self, from: DateTime<FixedOffset>, until: DateTime<FixedOffset>)
        -> Result<Vec<Shift>, StoreError>;
    /// Puts a shift on the roster (its `id` is given here), audited in the same transaction.
    async fn add_shift(&self, shift: &Shift, audit: &AuditEntry) -> Result<i64, StoreError>;
    /// Takes a shift off the roster, audited; false if it was not there.
    async fn remove_shift(&self, id: i64, audit: &AuditEntry) -> Result<bool, StoreError>;
}
