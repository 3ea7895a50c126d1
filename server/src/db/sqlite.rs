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
    SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database at {}", redacted(url)))
}

/// `BEGIN IMMEDIATE` takes the write lock up front. A plain (deferred) transaction that reads first and writes
/// later can fail at once with SQLITE_BUSY, without waiting, when another connection wrote in between.
pub async fn begin_write(pool: &SqlitePool) -> sqlx::Result<Transaction<'static, Sqlite>> {
    pool.begin_with("BEGIN IMMEDIATE").await
}
