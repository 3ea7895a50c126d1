//! The standings' figures as aggregate queries over the month's callbacks (indexed by `petition_callbacks_at`),
//! read from the petitions' own tables, and over the enforcement records imported (indexed by the day they were
//! reported): nothing is counted beside them, so nothing can drift from them.

use crate::db::codec::{Day, Instant};
use crate::db::{self, on_backend, Pool, Tx};
use crate::live::{Change, Changes, Signal, Topic};
use app::calendar::WorkCalendar;
use app::catalog::freshness::Freshness;
use app::rankings::publication::{Month, Rules};
use app::rankings::reporting::{reporting_due, ActKind, Record, Reporting};
use app::rankings::standings::Callbacks;
use app::rankings::store::{
    Appeal, AppealDecision, Closing, FrozenCase, Imported, RankingStore, Snapshot, SnapshotRow, Tallies,
};
use app::staff::store::AuditEntry;
use app::storage::StoreError;
use app::ui::live::DISTRICT;
use chrono::{DateTime, FixedOffset};
use std::collections::HashMap;
use std::future::Future;
use std::sync::Mutex;
use tokio::sync::broadcast::{self, error::TryRecvError};

/// The figures of each month asked for, kept until a change to the standings is heard of: every open standings
/// page re-reads on each callback, and all of them together cost one query.
pub struct SqlRankings {
    pool: Pool,
    changes: Changes,
    cached: Mutex<Cached>,
}

/// A month, as the bounds of its instants in Unix seconds.
type Span = (i64, i64);

struct Cached {
    /// This instance's signals, read when the figures are asked for: a signal is queued here before any page
    /// hears it through `/live`, so a page that re-reads on hearing it never gets figures from before.
    heard: broadcast::Receiver<Signal>,
    callbacks: HashMap<Span, Vec<(String, Callbacks)>>,
    reported: HashMap<Span, Vec<(String, ActKind, Reporting)>>,
}

impl Cached {
    /// Forgets every figure if a callback or an import (or anything, after missed signals) may have changed
    /// them since last asked; whether it did.
    fn forget_if_stale(&mut self) -> bool {
        let mut stale = false;
        loop {
            match self.heard.try_recv() {
                Ok(Signal::Changed(change)) => stale |= change.topic == Topic::Standings,
                Ok(Signal::Resync) | Err(TryRecvError::Lagged(_)) => stale = true,
                Err(TryRecvError::Empty) => break,
                // Nothing can be heard any more: nothing can be kept either.
                Err(TryRecvError::Closed) => {
                    stale = true;
                    break;
                }
            }
        }
        if stale {
            self.callbacks.clear();
            self.reported.clear();
        }
        stale
    }
}

impl SqlRankings {
    pub fn new(pool: Pool, changes: &Changes) -> Self {
        let cached = Cached { heard: changes.subscribe(), callbacks: HashMap::new(), reported: HashMap::new() };
        Self { pool, changes: changes.clone(), cached: Mutex::new(cached) }
    }

    fn cached(&self) -> std::sync::MutexGuard<'_, Cached> {
        self.cached.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The figures `kept` (one of the cache's maps) holds for `span`, else those `count` gives, kept only if
    /// nothing was heard meanwhile: a change made during the query may be missing from it.
    async fn kept_or<T: Clone>(
        &self,
        kept: fn(&mut Cached) -> &mut HashMap<Span, T>,
        span: Span,
        count: impl Future<Output = Result<T, StoreError>>,
    ) -> Result<T, StoreError> {
        {
            let mut cached = self.cached();
            cached.forget_if_stale();
            if let Some(figures) = kept(&mut cached).get(&span) {
                return Ok(figures.clone());
            }
        }
        let figures = count.await?;
        let mut cached = self.cached();
        if !cached.forget_if_stale() {
            kept(&mut cached).insert(span, figures.clone());
        }
        Ok(figures)
    }
}

/// A case counts by its final callback: the latest one of a petition whose callbacks are over (`finished`; one
/// sent back to be handled again waits for the next). Its department is the one that closed it, as a transfer
/// moves a petition before it is closed. The rating codes are those `petitions::callback::Rating` stores. On time:
/// first responded and last closed by the deadlines the petitions' store keeps worked out (`petition_dues`).
/// $1 and $2: the month's bounds.
const MONTHS_CASES: &str = "\
    SELECT p.id AS petition_id, p.tracking_number, p.department, c.contacted, c.solved, \
        c.rating IN ('very_satisfied', 'satisfied') AS satisfied, \
        c.rating = 'basically_satisfied' AS basically_satisfied, \
        COALESCE(p.responded_at <= d.response_due_at AND p.result_met_at <= d.result_due_at, FALSE) AS on_time \
    FROM petition_callbacks c JOIN petitions p ON p.id = c.petition_id \
        LEFT JOIN petition_dues d ON d.petition_id = p.id \
    WHERE c.at >= $1 AND c.at < $2 AND p.stage = 'finished' AND p.department IS NOT NULL \
        AND NOT EXISTS (SELECT 1 FROM petition_callbacks later \
            WHERE later.petition_id = c.petition_id AND later.round > c.round)";

/// Whether an enforcement record was reported in time, as SQL over `enforcement_records`.
const TIMELY: &str = "CASE WHEN reported_at <= due_at THEN 1 ELSE 0 END";

/// Each department's tally of the cases in `{cases}` (rows with `MONTHS_CASES`'s columns).
fn tally(cases: &str) -> String {
    format!(
        "SELECT department, COUNT(*) AS valid, \
            SUM(CASE WHEN contacted THEN 1 ELSE 0 END), SUM(CASE WHEN solved THEN 1 ELSE 0 END), \
            SUM(CASE WHEN satisfied THEN 1 ELSE 0 END), SUM(CASE WHEN basically_satisfied THEN 1 ELSE 0 END), \
            SUM(CASE WHEN on_time THEN 1 ELSE 0 END) \
        FROM ({cases}) cases GROUP BY department ORDER BY department"
    )
}

#[async_trait::async_trait]
impl RankingStore for SqlRankings {
    async fn callbacks(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError> {
        let span = (from.timestamp(), until.timestamp());
        self.kept_or(|cached| &mut cached.callbacks, span, self.count(from, until)).await
    }

    async fn by_category(
        &self,
        department: &str,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError> {
        // The department's cases, each under its category's name in the column `tally` groups by.
        let cases = format!(
            "SELECT p.category AS department, cases.contacted, cases.solved, cases.satisfied, \
                cases.basically_satisfied, cases.on_time \
             FROM ({MONTHS_CASES}) cases JOIN petitions p ON p.id = cases.petition_id \
             WHERE cases.department = $3 \
                AND NOT EXISTS (SELECT 1 FROM ranking_exclusions x WHERE x.petition_id = cases.petition_id)"
        );
        let sql = tally(&cases);
        let rows = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&sql).bind(Instant(from)).bind(Instant(until)).bind(department).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        Ok(tallied(rows))
    }

    async fn import(
        &self,
        records: &[Record],
        source: &str,
        at: DateTime<FixedOffset>,
    ) -> Result<Imported, StoreError> {
        let imported = self.store_records(records, source, at).await.map_err(db::failed)?;
        if imported.added + imported.replaced > 0 {
            let change = Change { topic: Topic::Standings, key: DISTRICT.to_string() };
            if let Err(error) = self.changes.publish(change).await {
                tracing::warn!(%error, "imported enforcement records, but could not signal it");
            }
        }
        Ok(imported)
    }

    async fn reported(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, ActKind, Reporting)>, StoreError> {
        let span = (from.timestamp(), until.timestamp());
        self.kept_or(|cached| &mut cached.reported, span, self.count_reported(from, until)).await
    }

    async fn close(
        &self,
        closing: &Closing,
        freshness: &[(String, Freshness)],
        audit: &AuditEntry,
    ) -> Result<bool, StoreError> {
        let month = closing.month.code();
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let freeze = format!(
            "INSERT INTO ranking_cases (month, petition_id, tracking_number, department, contacted, solved, \
             satisfied, basically_satisfied, on_time) SELECT $3, cases.* FROM ({MONTHS_CASES}) cases"
        );
        let freeze_reporting = format!(
            "INSERT INTO ranking_reporting (month, department, records, timely) \
             SELECT $3, department, COUNT(*), SUM({TIMELY}) FROM enforcement_records \
             WHERE reported_at >= $1 AND reported_at < $2 GROUP BY department"
        );
        let closed = on_backend!(&mut tx, |tx| {
            let closed = sqlx::query(
                "INSERT INTO ranking_closings (month, closed_at, appeals_until, closed_by) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (month) DO NOTHING",
            )
            .bind(&month)
            .bind(Instant(closing.closed_at))
            .bind(Instant(closing.appeals_until))
            .bind(&audit.staff_number)
            .execute(&mut **tx)
            .await?
            .rows_affected()
                == 1;
            if closed {
                for freeze in [&freeze, &freeze_reporting] {
                    sqlx::query(freeze)
                        .bind(Instant(closing.month.start()))
                        .bind(Instant(closing.month.end()))
                        .bind(&month)
                        .execute(&mut **tx)
                        .await?;
                }
                for (department, counted) in freshness {
                    sqlx::query(
                        "INSERT INTO ranking_freshness (month, department, entries, fresh) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(&month)
                    .bind(department)
                    .bind(i64::from(counted.entries))
                    .bind(i64::from(counted.fresh))
                    .execute(&mut **tx)
                    .await?;
                }
            }
            Ok::<_, sqlx::Error>(closed)
        })
        .map_err(db::failed)?;
        if !closed {
            return Ok(false);
        }
        finish(tx, audit).await.map(|()| true)
    }

    async fn closing(&self, month: Month) -> Result<Option<Closing>, StoreError> {
        Ok(self.closings_where("month = $1", Some(&month.code())).await?.into_iter().next())
    }

    async fn closings(&self) -> Result<Vec<Closing>, StoreError> {
        self.closings_where("TRUE", None).await
    }

    async fn frozen_cases(&self, month: Month, department: Option<&str>) -> Result<Vec<FrozenCase>, StoreError> {
        type Row = (i64, String, String, bool, bool, bool, bool, bool, bool);
        let rows: Vec<Row> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT petition_id, tracking_number, department, contacted, solved, satisfied, basically_satisfied, \
                 on_time, EXISTS (SELECT 1 FROM ranking_exclusions x \
                     WHERE x.month = r.month AND x.petition_id = r.petition_id) AS excluded \
                 FROM ranking_cases r WHERE month = $1 AND ($2 = '' OR department = $2) \
                 ORDER BY department, tracking_number",
            )
            .bind(month.code())
            .bind(department.unwrap_or_default())
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(petition_id, number, department, contacted, solved, satisfied, basically, on_time, excluded)| {
                FrozenCase {
                    petition_id,
                    number,
                    department,
                    contacted,
                    solved,
                    satisfied,
                    basically_satisfied: basically,
                    on_time,
                    excluded,
                }
            })
            .collect())
    }

    async fn frozen(&self, month: Month) -> Result<Tallies, StoreError> {
        let sql = tally(
            "SELECT * FROM ranking_cases r WHERE r.month = $1 AND NOT EXISTS \
             (SELECT 1 FROM ranking_exclusions x WHERE x.month = r.month AND x.petition_id = r.petition_id)",
        );
        let reporting =
            "SELECT department, records, timely FROM ranking_reporting WHERE month = $1 ORDER BY department";
        let freshness = "SELECT department, entries, fresh FROM ranking_freshness WHERE month = $1 ORDER BY department";
        type Counts = Vec<(String, i64, i64)>;
        let (callbacks, reporting, freshness): (Vec<TallyRow>, Counts, Counts) = on_backend!(&self.pool, |pool| {
            let callbacks = sqlx::query_as(&sql).bind(month.code()).fetch_all(pool).await?;
            let reporting = sqlx::query_as(reporting).bind(month.code()).fetch_all(pool).await?;
            let freshness = sqlx::query_as(freshness).bind(month.code()).fetch_all(pool).await?;
            Ok::<_, sqlx::Error>((callbacks, reporting, freshness))
        })
        .map_err(db::failed)?;
        let counts =
            |rows: Counts| rows.into_iter().map(|(department, all, some)| (department, count(all), count(some)));
        Ok(Tallies {
            callbacks: tallied(callbacks),
            reporting: counts(reporting).map(|(d, records, timely)| (d, Reporting { records, timely })).collect(),
            freshness: counts(freshness).map(|(d, entries, fresh)| (d, Freshness { entries, fresh })).collect(),
        })
    }

    async fn appeal(
        &self,
        month: Month,
        department: &str,
        cases: &[i64],
        reason: &str,
        audit: &AuditEntry,
    ) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let id = tx.next_id("ranking_appeals").await.map_err(db::failed)?;
        on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO ranking_appeals (id, month, department, reason, appealed_by, appealed_at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(month.code())
            .bind(department)
            .bind(reason)
            .bind(&audit.staff_number)
            .bind(Instant(audit.at))
            .execute(&mut **tx)
            .await?;
            for case in cases {
                sqlx::query("INSERT INTO ranking_appeal_cases (appeal_id, petition_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(*case)
                    .execute(&mut **tx)
                    .await?;
            }
            Ok::<_, sqlx::Error>(())
        })
        .map_err(db::failed)?;
        finish(tx, audit).await.map(|()| id)
    }

    async fn appeals(&self, month: Month) -> Result<Vec<Appeal>, StoreError> {
        type Row =
            (i64, String, String, String, Instant, Option<bool>, Option<String>, Option<String>, Option<Instant>);
        let (rows, cases): (Vec<Row>, Vec<(i64, i64, String)>) = on_backend!(&self.pool, |pool| {
            let rows = sqlx::query_as(
                "SELECT id, department, reason, appealed_by, appealed_at, upheld, decision_reason, decided_by, \
                 decided_at FROM ranking_appeals WHERE month = $1 ORDER BY id",
            )
            .bind(month.code())
            .fetch_all(pool)
            .await?;
            let cases = sqlx::query_as(
                "SELECT a.appeal_id, a.petition_id, r.tracking_number FROM ranking_appeal_cases a \
                 JOIN ranking_appeals p ON p.id = a.appeal_id \
                 JOIN ranking_cases r ON r.month = p.month AND r.petition_id = a.petition_id \
                 WHERE p.month = $1 ORDER BY r.tracking_number",
            )
            .bind(month.code())
            .fetch_all(pool)
            .await?;
            Ok::<_, sqlx::Error>((rows, cases))
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(id, department, reason, by, at, upheld, decision_reason, decided_by, decided_at)| Appeal {
                id,
                month,
                department,
                cases: cases.iter().filter(|(of, _, _)| *of == id).map(|(_, case, n)| (*case, n.clone())).collect(),
                reason,
                by,
                at: at.0,
                decision: match (upheld, decision_reason, decided_by, decided_at) {
                    (Some(upheld), Some(reason), Some(by), Some(at)) => {
                        Some(AppealDecision { upheld, reason, by, at: at.0 })
                    }
                    _ => None,
                },
            })
            .collect())
    }

    async fn decide(&self, id: i64, decision: &AppealDecision, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let decided = on_backend!(&mut tx, |tx| {
            let decided = sqlx::query(
                "UPDATE ranking_appeals SET upheld = $1, decision_reason = $2, decided_by = $3, decided_at = $4 \
                 WHERE id = $5 AND upheld IS NULL",
            )
            .bind(decision.upheld)
            .bind(&decision.reason)
            .bind(&decision.by)
            .bind(Instant(decision.at))
            .bind(id)
            .execute(&mut **tx)
            .await?
            .rows_affected()
                == 1;
            if decided && decision.upheld {
                sqlx::query(
                    "INSERT INTO ranking_exclusions (month, petition_id, reason) \
                     SELECT p.month, a.petition_id, $1 FROM ranking_appeal_cases a \
                     JOIN ranking_appeals p ON p.id = a.appeal_id WHERE a.appeal_id = $2 \
                     ON CONFLICT (month, petition_id) DO NOTHING",
                )
                .bind(&decision.reason)
                .bind(id)
                .execute(&mut **tx)
                .await?;
            }
            Ok::<_, sqlx::Error>(decided)
        })
        .map_err(db::failed)?;
        if !decided {
            return Ok(false);
        }
        finish(tx, audit).await.map(|()| true)
    }

    async fn exclude(&self, month: Month, cases: &[i64], reason: &str, audit: &AuditEntry) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        on_backend!(&mut tx, |tx| {
            for case in cases {
                sqlx::query(
                    "INSERT INTO ranking_exclusions (month, petition_id, reason) VALUES ($1, $2, $3) \
                     ON CONFLICT (month, petition_id) DO NOTHING",
                )
                .bind(month.code())
                .bind(*case)
                .bind(reason)
                .execute(&mut **tx)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        })
        .map_err(db::failed)?;
        finish(tx, audit).await
    }

    async fn publish(&self, snapshot: &Snapshot, audit: &AuditEntry) -> Result<bool, StoreError> {
        let weights = serde_json::to_string(&snapshot.weights).expect("weights serialise");
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let written = on_backend!(&mut tx, |tx| {
            let written = sqlx::query(
                "INSERT INTO ranking_snapshots (month, version, published_at, published_by, reason, weights) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (month, version) DO NOTHING",
            )
            .bind(snapshot.month.code())
            .bind(i64::from(snapshot.version))
            .bind(Instant(snapshot.published_at))
            .bind(&audit.staff_number)
            .bind(&snapshot.reason)
            .bind(&weights)
            .execute(&mut **tx)
            .await?
            .rows_affected()
                == 1;
            if written {
                for (position, row) in snapshot.rows.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO ranking_snapshot_rows (month, version, position, department, bottom, row_json) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(snapshot.month.code())
                    .bind(i64::from(snapshot.version))
                    .bind(position as i64)
                    .bind(&row.standing.figures.department)
                    .bind(row.bottom)
                    .bind(serde_json::to_string(row).expect("a row serialises"))
                    .execute(&mut **tx)
                    .await?;
                }
            }
            Ok::<_, sqlx::Error>(written)
        })
        .map_err(db::failed)?;
        if !written {
            return Ok(false);
        }
        finish(tx, audit).await.map(|()| true)
    }

    async fn snapshots(&self, month: Month) -> Result<Vec<Snapshot>, StoreError> {
        self.snapshots_where("s.month = $1", Some(&month.code())).await
    }

    async fn published(&self) -> Result<Vec<Snapshot>, StoreError> {
        let latest = "s.version = (SELECT MAX(version) FROM ranking_snapshots l WHERE l.month = s.month)";
        let mut all = self.snapshots_where(latest, None).await?;
        all.reverse();
        Ok(all)
    }
}

impl SqlRankings {
    async fn count(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError> {
        let sql = tally(MONTHS_CASES);
        let rows = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&sql).bind(Instant(from)).bind(Instant(until)).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        Ok(tallied(rows))
    }
}

/// An enforcement record as stored.
struct StoredRecord<'a> {
    record: &'a Record,
    source: &'a str,
    received_at: DateTime<FixedOffset>,
}

/// A stored record as the platform sent it: what a record sent again is compared on.
type SentRow = (String, String, String, Day, Instant);

impl SqlRankings {
    async fn count_reported(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, ActKind, Reporting)>, StoreError> {
        let sql = format!(
            "SELECT department, kind, COUNT(*), SUM({TIMELY}) FROM enforcement_records \
             WHERE reported_at >= $1 AND reported_at < $2 GROUP BY department, kind ORDER BY department, kind"
        );
        let rows: Vec<(String, String, i64, i64)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&sql).bind(Instant(from)).bind(Instant(until)).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        rows.into_iter()
            .map(|(department, kind, records, timely)| {
                let kind = ActKind::from_code(&kind).ok_or_else(|| db::unreadable("enforcement kind", &kind))?;
                Ok((department, kind, Reporting { records: count(records), timely: count(timely) }))
            })
            .collect()
    }

    /// `import`'s transaction: the records not stored before are added, those the platform changed are replaced,
    /// the rest left as they are.
    async fn store_records(
        &self,
        records: &[Record],
        source: &str,
        at: DateTime<FixedOffset>,
    ) -> sqlx::Result<Imported> {
        let mut tx = self.pool.begin_write().await?;
        let mut known: HashMap<String, SentRow> = HashMap::new();
        for chunk in records.chunks(CHUNK) {
            let rows: Vec<SentRow> = on_backend!(&mut tx, |tx| {
                let mut sql = sqlx::QueryBuilder::new(
                    "SELECT record_id, department, kind, act_date, reported_at FROM enforcement_records \
                     WHERE record_id IN (",
                );
                let mut ids = sql.separated(", ");
                for record in chunk {
                    ids.push_bind(&record.id);
                }
                sql.push(")");
                sql.build_query_as().fetch_all(&mut **tx).await
            })?;
            known.extend(rows.into_iter().map(|row| (row.0.clone(), row)));
        }
        let mut imported = Imported::default();
        let mut changed = Vec::new();
        for record in records {
            match known.get(&record.id) {
                None => imported.added += 1,
                Some(row) if *row == sent(record) => {
                    imported.unchanged += 1;
                    continue;
                }
                Some(_) => imported.replaced += 1,
            }
            changed.push(StoredRecord { record, source, received_at: at });
        }
        upsert(&mut tx, &changed).await?;
        tx.commit().await?;
        Ok(imported)
    }

    /// Works out again when reporting was due for every record whose was worked out under another calendar (a
    /// year's schedule published since, say); how many.
    pub async fn redate_reporting(&self) -> Result<u64, StoreError> {
        let calendar = WorkCalendar::official();
        type Row = (String, String, String, Day, Instant, String, Instant);
        let rows: Vec<Row> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT record_id, department, kind, act_date, reported_at, source, received_at \
                 FROM enforcement_records WHERE calendar_version <> $1",
            )
            .bind(calendar.version())
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        let records = rows
            .iter()
            .map(|(id, department, kind, act_date, reported_at, _, _)| {
                let kind = ActKind::from_code(kind).ok_or_else(|| db::unreadable("enforcement kind", kind))?;
                Ok(Record {
                    id: id.clone(),
                    department: department.clone(),
                    kind,
                    act_date: act_date.0,
                    reported_at: reported_at.0,
                })
            })
            .collect::<Result<Vec<Record>, StoreError>>()?;
        let stored: Vec<StoredRecord> = records
            .iter()
            .zip(&rows)
            .map(|(record, row)| StoredRecord { record, source: &row.5, received_at: row.6 .0 })
            .collect();
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        upsert(&mut tx, &stored).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        Ok(stored.len() as u64)
    }
}

/// Rows a statement writes at once: nine values each, well under either backend's limit on values.
const CHUNK: usize = 1_000;

fn sent(record: &Record) -> SentRow {
    (
        record.id.clone(),
        record.department.clone(),
        record.kind.code().to_string(),
        Day(record.act_date),
        Instant(record.reported_at),
    )
}

/// Writes `records`, each with when reporting it was due under the current calendar, over any stored before.
async fn upsert(tx: &mut Tx, records: &[StoredRecord<'_>]) -> sqlx::Result<()> {
    let (rules, calendar) = (Rules::official(), WorkCalendar::official());
    for chunk in records.chunks(CHUNK) {
        on_backend!(&mut *tx, |tx| {
            let mut sql = sqlx::QueryBuilder::new(
                "INSERT INTO enforcement_records (record_id, department, kind, act_date, reported_at, due_at, \
                 calendar_version, source, received_at) ",
            );
            sql.push_values(chunk, |mut row, stored| {
                let record = stored.record;
                row.push_bind(&record.id)
                    .push_bind(&record.department)
                    .push_bind(record.kind.code())
                    .push_bind(Day(record.act_date))
                    .push_bind(Instant(record.reported_at))
                    .push_bind(Instant(reporting_due(record.act_date, rules, calendar).at))
                    .push_bind(calendar.version())
                    .push_bind(stored.source)
                    .push_bind(Instant(stored.received_at));
            });
            sql.push(
                " ON CONFLICT (record_id) DO UPDATE SET department = excluded.department, kind = excluded.kind, \
                 act_date = excluded.act_date, reported_at = excluded.reported_at, due_at = excluded.due_at, \
                 calendar_version = excluded.calendar_version, source = excluded.source, \
                 received_at = excluded.received_at",
            );
            sql.build().execute(&mut **tx).await.map(drop)
        })?;
    }
    Ok(())
}

/// Records the audit entry and commits: every step of the publication is audited with what it did.
async fn finish(mut tx: Tx, audit: &AuditEntry) -> Result<(), StoreError> {
    crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
    tx.commit().await.map_err(db::failed)
}

impl SqlRankings {
    /// The closings matching `condition`, with `value` as $1 if it has one, the latest first.
    async fn closings_where(&self, condition: &str, value: Option<&str>) -> Result<Vec<Closing>, StoreError> {
        let sql = format!(
            "SELECT month, closed_at, appeals_until FROM ranking_closings WHERE {condition} ORDER BY month DESC"
        );
        let rows: Vec<(String, Instant, Instant)> = on_backend!(&self.pool, |pool| {
            let query = sqlx::query_as(&sql);
            match value {
                Some(value) => query.bind(value),
                None => query,
            }
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        rows.into_iter()
            .map(|(month, closed_at, appeals_until)| {
                let month = Month::parse(&month).ok_or_else(|| db::unreadable("month", &month))?;
                Ok(Closing { month, closed_at: closed_at.0, appeals_until: appeals_until.0 })
            })
            .collect()
    }

    /// The snapshots matching `condition` (on `ranking_snapshots s`, with `value` as $1 if it has one), by month
    /// and version.
    async fn snapshots_where(&self, condition: &str, value: Option<&str>) -> Result<Vec<Snapshot>, StoreError> {
        let heads = format!(
            "SELECT s.month, s.version, s.published_at, s.reason, s.weights FROM ranking_snapshots s \
             WHERE {condition} ORDER BY s.month, s.version"
        );
        let rows = format!(
            "SELECT r.month, r.version, r.row_json FROM ranking_snapshot_rows r \
             JOIN ranking_snapshots s ON s.month = r.month AND s.version = r.version \
             WHERE {condition} ORDER BY r.month, r.version, r.position"
        );
        let (heads, rows): (Vec<(String, i64, Instant, String, String)>, Vec<(String, i64, String)>) =
            on_backend!(&self.pool, |pool| {
                let (heads, rows) = (sqlx::query_as(&heads), sqlx::query_as(&rows));
                let (heads, rows) = match value {
                    Some(value) => (heads.bind(value), rows.bind(value)),
                    None => (heads, rows),
                };
                let (heads, rows) = (heads.fetch_all(pool).await?, rows.fetch_all(pool).await?);
                Ok::<_, sqlx::Error>((heads, rows))
            })
            .map_err(db::failed)?;
        heads
            .into_iter()
            .map(|(code, version, published_at, reason, weights)| {
                let month = Month::parse(&code).ok_or_else(|| db::unreadable("month", &code))?;
                let rows = rows
                    .iter()
                    .filter(|(of, v, _)| *of == code && *v == version)
                    .map(|(_, _, json)| serde_json::from_str::<SnapshotRow>(json).map_err(|e| db::unreadable("row", e)))
                    .collect::<Result<_, _>>()?;
                Ok(Snapshot {
                    month,
                    version: u32::try_from(version).map_err(|e| db::unreadable("version", e))?,
                    published_at: published_at.0,
                    reason,
                    weights: serde_json::from_str(&weights).map_err(|e| db::unreadable("weights", e))?,
                    rows,
                })
            })
            .collect()
    }
}

/// A department and its tally's counts, as `tally` selects them.
type TallyRow = (String, i64, i64, i64, i64, i64, i64);

/// A count as SQL gives it, as the figures keep it.
fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn tallied(rows: Vec<TallyRow>) -> Vec<(String, Callbacks)> {
    rows.into_iter()
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
        .collect()
}
