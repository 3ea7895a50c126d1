//! SQLite, the embedded default: one file, created on first start.

use super::redacted;
use anyhow::Context;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::{Sqlite, SqlitePool, Transaction};
use std::{str::FromStr, time::Duration};

pub async fn connect(url: &str) -> anyhow::Result<SqlitePool> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {} is not a database URL", redacted(url)))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // Writers (and instances sharing the file) wait for each other instead of failing.
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    // Switching a fresh file to WAL needs a moment of exclusive access; an instance starting alongside another
    // that is migrating or seeding the same file can find it locked, past the busy timeout's reach. Try again.
    let mut attempt = 1;
    loop {
        match SqlitePoolOptions::new().max_connections(8).connect_with(options.clone()).await {
            Ok(pool) => return Ok(pool),
            Err(e) if attempt < 5 && is_locked(&e) => {
                tracing::warn!(attempt, "the database file is locked by another instance starting; retrying");
                tokio::time::sleep(Duration::from_millis(250 * attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(e).with_context(|| format!("cannot open the database at {}", redacted(url))),
        }
    }
}

/// SQLITE_BUSY (5) or SQLITE_LOCKED (6).
fn is_locked(error: &sqlx::Error) -> bool {
    error.as_database_error().and_then(|e| e.code()).is_some_and(|code| code == "5" || code == "6")
}

/// `BEGIN IMMEDIATE` takes the write lock up front. A plain (deferred) transaction that reads first and writes
/// later can fail at once with SQLITE_BUSY, without waiting, when another connection wrote in between.
pub async fn begin_write(pool: &SqlitePool) -> sqlx::Result<Transaction<'static, Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}

/// Schema SQLite says its own way, after the shared migrations; idempotent. The append-only tables (`APPEND_ONLY`):
/// the database itself refuses to change or remove a row, whatever code asks.
pub async fn apply_own_schema(pool: &SqlitePool) -> sqlx::Result<()> {
    for (table, refusal) in super::APPEND_ONLY {
        for (event, name) in [("UPDATE", "no_update"), ("DELETE", "no_delete")] {
            let trigger = format!(
                "CREATE TRIGGER IF NOT EXISTS {table}_{name} BEFORE {event} ON {table} \
                 BEGIN SELECT RAISE(ABORT, '{refusal}'); END"
            );
            sqlx::query(&trigger).execute(pool).await?;
        }
    }
    Ok(())
}
