//! A form carries a hidden random key; the work it asks for claims the key inside the work's own write
//! transaction. So the key and the work commit together or not at all, and a repeated submission (a double
//! click, a resent form after a timeout) finds the key and answers with what the first one produced.
//!
//! Two submissions at the same moment: on PostgreSQL the second INSERT waits for the first transaction and then
//! sees its row; on SQLite write transactions take turns (`Pool::begin_write`).

use crate::db::{on_backend, Tx};

#[derive(Debug, PartialEq, Eq)]
pub enum Claim {
    /// First time: do the work, then `record` its outcome in the same transaction.
    Fresh,
    /// Done before: answer with this outcome and do nothing.
    Repeat(String),
}

pub async fn claim(tx: &mut Tx, scope: &str, key: &str, now: i64) -> sqlx::Result<Claim> {
    on_backend!(tx, |tx| {
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (scope, request_key, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(scope)
        .bind(key)
        .bind(now)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted == 1 {
            return Ok(Claim::Fresh);
        }
        let outcome: Option<String> =
            sqlx::query_scalar("SELECT outcome FROM idempotency_keys WHERE scope = $1 AND request_key = $2")
                .bind(scope)
                .bind(key)
                .fetch_one(&mut **tx)
                .await?;
        // The claim and its outcome commit together, so a committed claim always has one.
        Ok(Claim::Repeat(outcome.ok_or_else(|| sqlx::Error::Protocol(format!("key {key} has no outcome")))?))
    })
}

pub async fn record(tx: &mut Tx, scope: &str, key: &str, outcome: &str) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query("UPDATE idempotency_keys SET outcome = $1 WHERE scope = $2 AND request_key = $3")
            .bind(outcome)
            .bind(scope)
            .bind(key)
            .execute(&mut **tx)
            .await
            .map(drop)
    })
}
