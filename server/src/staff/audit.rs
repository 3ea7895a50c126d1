//! The audit trail's one way in: an entry written inside the transaction of the change it records, so a change
//! and its entry commit together or not at all. Any capability's store calls it with its own transaction. The
//! table refuses UPDATE and DELETE (a trigger on each backend), so what is written here stays.

use crate::db::codec::Instant;
use crate::db::{on_backend, Tx};
use app::staff::store::AuditEntry;

pub async fn record(tx: &mut Tx, entry: &AuditEntry) -> sqlx::Result<()> {
    let id = tx.next_id("staff_audit").await?;
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO staff_audit (id, at, account_id, staff_number, role, action, subject) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(Instant(entry.at))
        .bind(entry.account_id)
        .bind(&entry.staff_number)
        .bind(&entry.role)
        .bind(&entry.action)
        .bind(&entry.subject)
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}
