//! Where the standings' figures come from (implemented in `server/`): aggregate queries over the month's records,
//! never counters kept beside them, so a figure cannot drift from the cases it counts; and the monthly
//! publication's records (closings with their frozen cases, appeals, snapshots that never change). Server-only.

use super::method::Component;
use super::publication::{Month, Notice};
use super::reporting::{ActKind, Record, Reporting};
use super::standings::{Callbacks, Standing};
use crate::catalog::freshness::Freshness;
use crate::staff::store::AuditEntry;
use crate::storage::StoreError;
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// What a month's standings are worked out from, by department id: the residents' callbacks, the enforcement
/// records reported, and the freshness of the disclosure entries.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tallies {
    pub callbacks: Vec<(String, Callbacks)>,
    pub reporting: Vec<(String, Reporting)>,
    pub freshness: Vec<(String, Freshness)>,
}

/// What an import did with its records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Imported {
    /// Not known before.
    pub added: u32,
    /// Known, and changed by the platform since: replaced.
    pub replaced: u32,
    /// Known, and the same: nothing done.
    pub unchanged: u32,
}

/// A case as a closed month counts it, frozen when the month was closed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FrozenCase {
    pub petition_id: i64,
    pub number: String,
    pub department: String,
    pub contacted: bool,
    pub solved: bool,
    /// 非常满意 or 满意.
    pub satisfied: bool,
    /// 基本满意.
    pub basically_satisfied: bool,
    pub on_time: bool,
    /// Left out of the figures: an upheld appeal or a correction.
    pub excluded: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Closing {
    pub month: Month,
    pub closed_at: DateTime<FixedOffset>,
    pub appeals_until: DateTime<FixedOffset>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Appeal {
    pub id: i64,
    pub month: Month,
    pub department: String,
    /// The petitions appealed: (id, tracking number).
    pub cases: Vec<(i64, String)>,
    pub reason: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub decision: Option<AppealDecision>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AppealDecision {
    /// Upheld: its cases leave the figures.
    pub upheld: bool,
    pub reason: String,
    pub by: String,
    pub at: DateTime<FixedOffset>,
}

/// One department's line of a published month, as published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotRow {
    pub standing: Standing,
    /// Since the month before's final standings: 上升2名, 下降1名, 持平, 上月未排名.
    pub change: String,
    pub bottom: bool,
    pub notice: Option<Notice>,
}

/// A month's final standings, one version of them: never changed once written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    pub month: Month,
    /// 1 for the first publication; each correction adds one.
    pub version: u32,
    pub published_at: DateTime<FixedOffset>,
    /// Why this version corrects the one before; empty for the first.
    pub reason: String,
    /// The weights as used (renormalised over the components with figures).
    pub weights: Vec<(Component, f64)>,
    pub rows: Vec<SnapshotRow>,
}

#[async_trait::async_trait]
pub trait RankingStore: Send + Sync {
    /// Each department's valid callbacks given in `[from, until)`, by department id: a case counts once, in the
    /// month of its final callback (a case sent back to be handled again counts by the callback after that), for
    /// the department that closed it.
    async fn callbacks(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError>;

    /// One department's valid callbacks given in `[from, until)`, counted as `callbacks` counts them, by the
    /// petitions' category; cases a closed month left out (an upheld appeal, a correction) are left out here too.
    async fn by_category(
        &self,
        department: &str,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError>;

    /// Stores enforcement records from `source` (`key:<id>`, `file`, `demo`), each with when reporting it was due
    /// under the current calendar, all in one transaction; a record the platform sends again replaces the one
    /// before it. Signals the standings when anything changed.
    async fn import(&self, records: &[Record], source: &str, at: DateTime<FixedOffset>)
        -> Result<Imported, StoreError>;
    /// The enforcement records reported in `[from, until)`, by department and kind: how many, and how many in time.
    async fn reported(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, ActKind, Reporting)>, StoreError>;

    /// Closes the month: freezes the cases `callbacks` would count for it, each department's reporting, and its
    /// disclosure `freshness` as of the close, with the closing, in one transaction. `false`: it was closed already.
    async fn close(
        &self,
        closing: &Closing,
        freshness: &[(String, Freshness)],
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;
    async fn closing(&self, month: Month) -> Result<Option<Closing>, StoreError>;
    /// Every closed month, the latest first.
    async fn closings(&self) -> Result<Vec<Closing>, StoreError>;
    /// A closed month's frozen cases, of one department or (`None`) all.
    async fn frozen_cases(&self, month: Month, department: Option<&str>) -> Result<Vec<FrozenCase>, StoreError>;
    /// A closed month's figures: its frozen cases less those left out, its frozen reporting and freshness.
    async fn frozen(&self, month: Month) -> Result<Tallies, StoreError>;

    /// Records an appeal of `cases` (petition ids, each a frozen case of its department); its id.
    async fn appeal(
        &self,
        month: Month,
        department: &str,
        cases: &[i64],
        reason: &str,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError>;
    async fn appeals(&self, month: Month) -> Result<Vec<Appeal>, StoreError>;
    /// Decides an appeal not yet decided (upheld: its cases are left out); `false`: decided already.
    async fn decide(&self, id: i64, decision: &AppealDecision, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// Leaves `cases` of a published month out of its next version, with the correction's reason.
    async fn exclude(&self, month: Month, cases: &[i64], reason: &str, audit: &AuditEntry) -> Result<(), StoreError>;

    /// Writes a version of a month's final standings; `false`: that version exists already.
    async fn publish(&self, snapshot: &Snapshot, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// Every version of a month's final standings, the first first.
    async fn snapshots(&self, month: Month) -> Result<Vec<Snapshot>, StoreError>;
    /// The latest version of every published month, the latest month first.
    async fn published(&self) -> Result<Vec<Snapshot>, StoreError>;
}
