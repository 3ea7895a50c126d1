//! The SQL of disclosure editing (`app::catalog::editing`): versions, edits and decisions, each in one transaction
//! with its audit entry; then this instance forgets what it kept of the entry, and every instance hears of it.

use super::seed::enum_text;
use super::store::{from_json, ItemRow, SqlCatalog, ITEM_SELECT};
use crate::db::codec::{Day, Instant};
use crate::db::{self, on_backend, Tx};
use crate::live::{Change as Signal, Topic};
use app::catalog::editing::{
    set_item_value, stamp_of, Change, Decided, Edit, Entry, Field, Refused, Version, VersionState,
};
use app::catalog::model::{Item, ItemId};
use app::staff::store::AuditEntry;
use app::storage::StoreError;
use app::ui::live::DISTRICT;
use sqlx::FromRow;

const VERSION_COLUMNS: &str = "id, department_id, item_id, state, changes_json, note, editor, editor_name, at, \
    decided_by, decided_at, decision_note";

#[derive(FromRow)]
struct VersionRow {
    id: i64,
    department_id: String,
    /// 0 for the department's list.
    item_id: i64,
    state: String,
    changes_json: String,
    note: String,
    editor: String,
    editor_name: String,
    at: Instant,
    decided_by: Option<String>,
    decided_at: Option<Instant>,
    decision_note: Option<String>,
}

impl VersionRow {
    fn into_version(self) -> Result<Version, StoreError> {
        Ok(Version {
            id: self.id,
            entry: Entry {
                department: self.department_id,
                item: (self.item_id != 0)
                    .then(|| ItemId::try_from(self.item_id).map_err(|e| db::unreadable("item id", e)))
                    .transpose()?,
            },
            state: VersionState::from_code(&self.state).ok_or_else(|| db::unreadable("version state", &self.state))?,
            changes: from_json("changes", &self.changes_json)?,
            note: self.note,
            editor: self.editor,
            editor_name: self.editor_name,
            at: self.at.0,
            decided: match (self.decided_by, self.decided_at) {
                (Some(by), Some(at)) => Some(Decided { by, at: at.0, note: self.decision_note.unwrap_or_default() }),
                _ => None,
            },
        })
    }
}

fn item_key(entry: &Entry) -> i64 {
    entry.item.map_or(0, i64::from)
}

/// Who is told: the entry's own signal (caches and search indexes) and the standings' (disclosure freshness).
fn signals(entry: &Entry) -> [Signal; 2] {
    let key = match entry.item {
        Some(item) => format!("item:{item}"),
        None => format!("department:{}", entry.department),
    };
    [Signal { topic: Topic::Catalog, key }, Signal { topic: Topic::Standings, key: DISTRICT.into() }]
}

impl SqlCatalog {
    /// The versions matching `condition`, its parameters the text and the number given, in that order.
    async fn versions_where(
        &self,
        condition: &str,
        text: Option<&str>,
        number: Option<i64>,
    ) -> Result<Vec<Version>, StoreError> {
        let sql = format!("SELECT {VERSION_COLUMNS} FROM disclosure_versions WHERE {condition}");
        let rows: Vec<VersionRow> = on_backend!(&self.pool, |pool| {
            let mut query = sqlx::query_as(&sql);
            if let Some(text) = text {
                query = query.bind(text);
            }
            if let Some(number) = number {
                query = query.bind(number);
            }
            query.fetch_all(pool).await
        })
        .map_err(db::failed)?;
        rows.into_iter().map(VersionRow::into_version).collect()
    }

    pub(super) async fn read_versions(&self, entry: &Entry) -> Result<Vec<Version>, StoreError> {
        let condition = "department_id = $1 AND item_id = $2 ORDER BY id DESC";
        self.versions_where(condition, Some(&entry.department), Some(item_key(entry))).await
    }

    pub(super) async fn read_proposals(&self) -> Result<Vec<Version>, StoreError> {
        self.versions_where("state = $1 ORDER BY id", Some(VersionState::Pending.code()), None).await
    }

    pub(super) async fn read_version(&self, id: i64) -> Result<Option<Version>, StoreError> {
        Ok(self.versions_where("id = $1", None, Some(id)).await?.pop())
    }

    pub(super) async fn record_edit(&self, edit: &Edit, audit: &AuditEntry) -> Result<Result<(), Refused>, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let stored = async {
            // Taking the first id first: on PostgreSQL its lock keeps a second edit from reading the same stamp.
            let mut id = tx.next_id("disclosure_versions").await?;
            if stamp(&mut tx, &edit.entry).await? != edit.stamp {
                return Ok(Err(Refused::Outdated));
            }
            let today = edit.at.date_naive();
            let found = match edit.entry.item {
                Some(item) => match item_in(&mut tx, item).await? {
                    Some(mut item) if item.department_id == edit.entry.department => {
                        for change in &edit.applied {
                            set_item_value(&mut item, change.field, &change.after);
                        }
                        item.reviewed_on = today;
                        write_item(&mut tx, &item, !edit.applied.is_empty()).await?;
                        true
                    }
                    _ => false,
                },
                None => {
                    let list = edit.applied.iter().find(|c| c.field == Field::Responsibilities);
                    let lines = list.map(|c| serde_json::to_string(&c.after.lines().collect::<Vec<_>>()));
                    let lines = lines.transpose().expect("strings serialise");
                    on_backend!(&mut tx, |tx| {
                        sqlx::query(
                            "UPDATE departments SET responsibilities_json = COALESCE($1, responsibilities_json), \
                             responsibilities_reviewed_on = $2 WHERE id = $3",
                        )
                        .bind(lines)
                        .bind(Day(today))
                        .bind(&edit.entry.department)
                        .execute(&mut **tx)
                        .await
                        .map(|done| done.rows_affected() == 1)
                    })?
                }
            };
            if !found {
                return Ok(Err(Refused::Outdated));
            }
            let rows = [
                (VersionState::Applied, &edit.applied),
                (VersionState::Pending, &edit.proposed),
                (VersionState::Reviewed, &Vec::new()),
            ];
            let nothing_changed = edit.applied.is_empty() && edit.proposed.is_empty();
            for (state, changes) in rows {
                if changes.is_empty() && !(state == VersionState::Reviewed && nothing_changed) {
                    continue;
                }
                insert_version(&mut tx, id, edit, state, changes).await?;
                id += 1;
            }
            crate::staff::audit::record(&mut tx, audit).await?;
            Ok::<_, sqlx::Error>(Ok(()))
        }
        .await
        .map_err(db::failed)?;
        if stored.is_ok() {
            tx.commit().await.map_err(db::failed)?;
            self.heard(&edit.entry).await;
        }
        Ok(stored)
    }

    pub(super) async fn record_decision(
        &self,
        id: i64,
        approve: bool,
        decided: &Decided,
        audit: &AuditEntry,
    ) -> Result<Result<Version, Refused>, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let stored = async {
            // The same lock as an edit's: a decision and an edit on one entry do not interleave.
            tx.next_id("disclosure_versions").await?;
            let sql = format!("SELECT {VERSION_COLUMNS} FROM disclosure_versions WHERE id = $1 AND state = $2");
            let row: Option<VersionRow> = on_backend!(&mut tx, |tx| {
                sqlx::query_as(&sql).bind(id).bind(VersionState::Pending.code()).fetch_optional(&mut **tx).await
            })?;
            let Some(version) = row.map(VersionRow::into_version).transpose().map_err(decode)? else {
                return Ok(Err(Refused::NotPending));
            };
            if approve {
                let found = match version.entry.item {
                    Some(item) => item_in(&mut tx, item).await?,
                    None => None,
                };
                let Some(mut item) = found else { return Ok(Err(Refused::Outdated)) };
                if !still_before(&item, &version.changes) {
                    return Ok(Err(Refused::Outdated));
                }
                for change in &version.changes {
                    set_item_value(&mut item, change.field, &change.after);
                }
                write_item(&mut tx, &item, true).await?;
            }
            let state = if approve { VersionState::Approved } else { VersionState::Rejected };
            on_backend!(&mut tx, |tx| {
                sqlx::query(
                    "UPDATE disclosure_versions SET state = $1, decided_by = $2, decided_at = $3, decision_note = $4 \
                     WHERE id = $5",
                )
                .bind(state.code())
                .bind(&decided.by)
                .bind(Instant(decided.at))
                .bind(&decided.note)
                .bind(id)
                .execute(&mut **tx)
                .await
                .map(drop)
            })?;
            crate::staff::audit::record(&mut tx, audit).await?;
            Ok::<_, sqlx::Error>(Ok(Version { state, decided: Some(decided.clone()), ..version }))
        }
        .await
        .map_err(db::failed)?;
        if let Ok(version) = &stored {
            tx.commit().await.map_err(db::failed)?;
            self.heard(&version.entry).await;
        }
        Ok(stored)
    }

    /// After a commit: this instance forgets at once (the editor's next page reads the new text), and every
    /// instance is told (`follow_edits`). A lost signal costs only staleness until the next resync.
    async fn heard(&self, entry: &Entry) {
        self.forget(Some(entry));
        for signal in signals(entry) {
            if let Err(e) = self.changes.publish(signal).await {
                tracing::warn!(error = %e, "an edit's change signal was not sent");
            }
        }
    }
}

/// An unreadable stored value inside a transaction's work: reported as the query failure it amounts to.
fn decode(error: StoreError) -> sqlx::Error {
    sqlx::Error::Decode(error.0.into())
}

/// Every change's `before` is what `item` holds now.
fn still_before(item: &Item, changes: &[Change]) -> bool {
    changes.iter().all(|c| app::catalog::editing::item_value(item, c.field) == c.before)
}

/// The entry's stamp as its form carries it (`editing::stamp`), read inside the edit's transaction.
async fn stamp(tx: &mut Tx, entry: &Entry) -> sqlx::Result<u32> {
    let decided: Vec<bool> = on_backend!(tx, |tx| {
        sqlx::query_scalar(
            "SELECT decided_at IS NOT NULL FROM disclosure_versions WHERE department_id = $1 AND item_id = $2",
        )
        .bind(&entry.department)
        .bind(item_key(entry))
        .fetch_all(&mut **tx)
        .await
    })?;
    Ok(stamp_of(decided.into_iter()))
}

async fn item_in(tx: &mut Tx, id: ItemId) -> sqlx::Result<Option<Item>> {
    let sql = format!("{ITEM_SELECT} WHERE i.id = $1");
    let row: Option<ItemRow> =
        on_backend!(tx, |tx| sqlx::query_as(&sql).bind(i64::from(id)).fetch_optional(&mut **tx).await)?;
    row.map(ItemRow::into_item).transpose().map_err(decode)
}

/// Writes what an editor can change of `item`, and its review date; a new version number when `changed`.
async fn write_item(tx: &mut Tx, item: &Item, changed: bool) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query(
            "UPDATE items SET description = $1, conditions = $2, process_json = $3, promised_amount = $4, \
             promised_unit = $5, address = $6, hours = $7, phone = $8, complaint = $9, legal_basis = $10, \
             statutory_amount = $11, statutory_unit = $12, reviewed_on = $13, version = version + $14, \
             materials_json = $16, fees_json = $17 WHERE id = $15",
        )
        .bind(&item.description)
        .bind(&item.conditions)
        .bind(serde_json::to_string(&item.process).expect("strings serialise"))
        .bind(i64::from(item.promised_limit.amount))
        .bind(enum_text(&item.promised_limit.unit))
        .bind(&item.address)
        .bind(&item.hours)
        .bind(&item.phone)
        .bind(&item.complaint)
        .bind(&item.legal_basis)
        .bind(i64::from(item.statutory_limit.amount))
        .bind(enum_text(&item.statutory_limit.unit))
        .bind(Day(item.reviewed_on))
        .bind(i64::from(changed))
        .bind(i64::from(item.id))
        .bind(serde_json::to_string(&item.materials).expect("materials serialise"))
        .bind(serde_json::to_string(&item.fees).expect("fees serialise"))
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}

async fn insert_version(
    tx: &mut Tx,
    id: i64,
    edit: &Edit,
    state: VersionState,
    changes: &[Change],
) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO disclosure_versions (id, department_id, item_id, state, changes_json, note, editor, \
             editor_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(id)
        .bind(&edit.entry.department)
        .bind(item_key(&edit.entry))
        .bind(state.code())
        .bind(serde_json::to_string(changes).expect("changes serialise"))
        .bind(&edit.note)
        .bind(&edit.editor)
        .bind(&edit.editor_name)
        .bind(Instant(edit.at))
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}
