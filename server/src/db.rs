//! The database: opened (and created) on start, migrated, seeded.

use anyhow::{bail, Context};
use sqlx::migrate::MigrateError;
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions};
use sqlx::SqlitePool;
use std::{str::FromStr, time::Duration};

pub type Pool = SqlitePool;

pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    let options = SqliteConnectOptions::from_str(url)
        .with_context(|| format!("DATABASE_URL {url} is not a database URL"))?
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        // Several writers (and several instances) wait for each other instead of failing.
        .busy_timeout(Duration::from_secs(10))
        .foreign_keys(true);
    if let Some(dir) = options.get_filename().parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    let pool = SqlitePoolOptions::new()
        .max_connections(8)
        .connect_with(options)
        .await
        .with_context(|| format!("cannot open the database at {url}"))?;
    migrate(&pool).await?;
    Ok(pool)
}

/// SQLite has no migration lock: two instances starting on a fresh file can both try to record the same
/// migration, and one loses. The migrations are idempotent (IF NOT EXISTS), so the loser simply runs again and
/// finds everything applied. A database whose schema this binary does not know is refused outright.
async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    let migrator = sqlx::migrate!("./migrations");
    let mut attempt = 1;
    loop {
        match migrator.run(pool).await {
            Ok(()) => return Ok(()),
            Err(MigrateError::VersionMissing(version)) => bail!(
                "the database's schema is newer than this program (it has migration {version}, which this build \
                 does not know): run the newer release against it, or point DATABASE_URL at another database"
            ),
            Err(e @ MigrateError::Execute(_)) if attempt < 3 => {
                tracing::warn!(error = %e, attempt, "migration raced another instance; retrying");
                tokio::time::sleep(Duration::from_millis(100 * attempt)).await;
                attempt += 1;
            }
            Err(e) => return Err(e).context("database migration failed"),
        }
    }
}
