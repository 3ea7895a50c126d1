//! The standings' figures as aggregate queries over the month's callbacks (indexed by `petition_callbacks_at`),
//! read from the petitions' own tables: nothing is counted beside the cases, so nothing can drift from them.

use crate::db::codec::Instant;
use crate::db::{self, on_backend, Pool};
use crate::live::{Changes, Signal, Topic};
use app::rankings::standings::Callbacks;
use app::rankings::store::RankingStore;
use app::storage::StoreError;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::sync::Mutex;
use tokio::sync::broadcast::{self, error::TryRecvError};

/// The figures of each month asked for, kept until a callback is heard of: every open standings page re-reads
/// on each callback, and all of them together cost one query.
pub struct SqlRankings {
    pool: Pool,
    cached: Mutex<Cached>,
}

struct Cached {
    /// This instance's signals, read when the figures are asked for: a signal is queued here before any page
    /// hears it through `/live`, so a page that re-reads on hearing it never gets figures from before.
    heard: broadcast::Receiver<Signal>,
    months: HashMap<(i64, i64), Vec<(String, Callbacks)>>,
}

impl Cached {
    /// Whether a callback (or anything, after missed signals) may have changed the figures since last asked.
    fn stale(&mut self) -> bool {
        let mut stale = false;
        loop {
            match self.heard.try_recv() {
                Ok(Signal::Changed(change)) => stale |= change.topic == Topic::Callbacks,
                Ok(Signal::Resync) | Err(TryRecvError::Lagged(_)) => stale = true,
                Err(TryRecvError::Empty) => return stale,
                // Nothing can be heard any more: nothing can be kept either.
                Err(TryRecvError::Closed) => return true,
            }
        }
    }
}

impl SqlRankings {
    pub fn new(pool: Pool, changes: &Changes) -> Self {
        Self { pool, cached: Mutex::new(Cached { heard: changes.subscribe(), months: HashMap::new() }) }
    }

    fn cached(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.cached.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A case counts by its final callback: the latest one of a petition whose callbacks are over (`finished`; one
/// sent back to be handled again waits for the next). Its department is the one that closed it, as a transfer
/// moves a petition before it is closed. The rating codes are those `petitions::callback::Rating` stores. On time:
/// first responded and last closed by the deadlines the petitions' store keeps worked out (`petition_dues`).
const CALLBACKS_BY_DEPARTMENT: &str = "\
    SELECT p.department, COUNT(*) AS valid, \
        SUM(CASE WHEN c.contacted THEN 1 ELSE 0 END) AS contacted, \
        SUM(CASE WHEN c.solved THEN 1 ELSE 0 END) AS solved, \
        SUM(CASE WHEN c.rating IN ('very_satisfied', 'satisfied') THEN 1 ELSE 0 END) AS satisfied, \
        SUM(CASE WHEN c.rating = 'basically_satisfied' THEN 1 ELSE 0 END) AS basically_satisfied, \
        SUM(CASE WHEN p.responded_at <= d.response_due_at AND p.result_met_at <= d.result_due_at \
            THEN 1 ELSE 0 END) AS on_time \
    FROM petition_callbacks c JOIN petitions p ON p.id = c.petition_id \
        LEFT JOIN petition_dues d ON d.petition_id = p.id \
    WHERE c.at >= $1 AND c.at < $2 AND p.stage = 'finished' AND p.department IS NOT NULL \
        AND NOT EXISTS (SELECT 1 FROM petition_callbacks later \
            WHERE later.petition_id = c.petition_id AND later.round > c.round) \
    GROUP BY p.department ORDER BY p.department";

#[async_trait::async_trait]
impl RankingStore for SqlRankings {
    async fn callbacks(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError> {
        let month = (from.timestamp(), until.timestamp());
        {
            let mut cached = self.cached();
            if cached.stale() {
                cached.months.clear();
            }
            if let Some(figures) = cached.months.get(&month) {
                return Ok(figures.clone());
            }
        }
        let figures = self.count(from, until).await?;
        let mut cached = self.cached();
        // Kept only if nothing was heard meanwhile: a callback given during the query may be missing from it.
        if cached.stale() {
            cached.months.clear();
        } else {
            cached.months.insert(month, figures.clone());
        }
        Ok(figures)
    }
}

impl SqlRankings {
    async fn count(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError> {
        let rows: Vec<(String, i64, i64, i64, i64, i64, i64)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(CALLBACKS_BY_DEPARTMENT).bind(Instant(from)).bind(Instant(until)).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        let count = |value: i64| u32::try_from(value).unwrap_or(u32::MAX);
        Ok(rows
            .into_iter()
            .map(|(department, valid, contacted, solved, satisfied, basically_satisfied, on_time)| {
                let callbacks = Callbacks {
                    valid: count(valid),
                    contacted: count(contacted),
                    solved: count(solved),
                    satisfied: count(satisfied),
                    basically_satisfied: count(basically_satisfied),
                    on_time: count(on_time),
                };
                (department, callbacks)
            })
            .collect())
    }
}
