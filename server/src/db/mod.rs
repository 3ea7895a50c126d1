//! The database: SQLite (embedded, the default) or PostgreSQL, chosen by `DATABASE_URL`; opened on start,
//! migrated, seeded. Queries are written once and run on either backend through `on_backend!`, which
//! type-checks the same code against each. What SQL cannot say the same way on both (connecting, taking the write
//! lock, change notifications) lives in one small module per backend; so does schema only one backend can express
//! (a PL/pgSQL trigger), as idempotent statements that module applies after the shared migrations.

pub mod codec;
pub(crate) mod postgres;
mod sqlite;

use anyhow::{bail, Context};
use sqlx::migrate::{MigrateError, Migrator};
use sqlx::{PgPool, Postgres, Sqlite, SqlitePool, Transaction};
use std::time::Duration;

/// One value per backend: a pool, a transaction.
#[derive(Clone, Debug)]
pub enum Backend<S, P> {
    Sqlite(S),
    Postgres(P),
}

pub type Pool = Backend<SqlitePool, PgPool>;
pub type Tx = Backend<Transaction<'static, Sqlite>, Transaction<'static, Postgres>>;

/// Runs `$body` with `$x` bound to the backend-specific value inside a `Backend` (or a reference to one), and
/// awaits it. The body is compiled once per backend, so one piece of SQL is checked against both. It is an async
/// block: a `?` or `return` in it leaves the body with that value, never the function around it.
#[doc(hidden)]
#[macro_export]
macro_rules! __on_backend {
    ($value:expr, |$x:ident| $body:expr) => {
        match $value {
            $crate::db::Backend::Sqlite($x) => async { $body }.await,
            $crate::db::Backend::Postgres($x) => async { $body }.await,
        }
    };
}
pub use crate::__on_backend as on_backend;

/// The schema, for both backends. The SQL in it is portable: BIGINT integers (PostgreSQL's INTEGER would not
/// decode as i64), TEXT dates in ISO 8601, BIGINT Unix seconds for instants, BOOLEAN, JSON kept as TEXT, and
/// no generated ids.
static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// Connects to `DATABASE_URL` and brings its schema up to date. Refuses, with a message that says what to do,
/// a database that cannot be reached or whose schema is newer than this program.
pub async fn connect(url: &str) -> anyhow::Result<Pool> {
    let pool = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Backend::Postgres(postgres::connect(url).await?)
    } else if url.starts_with("sqlite:") {
        Backend::Sqlite(sqlite::connect(url).await?)
    } else {
        bail!("DATABASE_URL must start with sqlite: or postgres://, not {}", redacted(url))
    };
    migrate(&pool).await?;
    Ok(pool)
}

impl Pool {
    /// A transaction that is going to write. SQLite takes its single write lock at BEGIN, so concurrent writers
    /// queue on the busy timeout instead of failing when a read upgrades to a write; PostgreSQL locks rows as it
    /// writes them.
    pub async fn begin_write(&self) -> sqlx::Result<Tx> {
        Ok(match self {
            Backend::Sqlite(pool) => Backend::Sqlite(sqlite::begin_write(pool).await?),
            Backend::Postgres(pool) => Backend::Postgres(pool.begin().await?),
        })
    }

    pub async fn close(&self) {
        on_backend!(self, |pool| pool.close().await)
    }

    pub fn is_closed(&self) -> bool {
        match self {
            Backend::Sqlite(pool) => pool.is_closed(),
            Backend::Postgres(pool) => pool.is_closed(),
        }
    }
}

impl Tx {
    pub async fn commit(self) -> sqlx::Result<()> {
        on_backend!(self, |tx| tx.commit().await)
    }
}

/// Instances starting together on a fresh database: PostgreSQL serialises them with the migrator's advisory lock;
/// SQLite has none, so one of them can lose the race to record a migration. The migrations are idempotent
/// (IF NOT EXISTS), so the loser runs again and finds everything applied.
async fn migrate(pool: &Pool) -> anyhow::Result<()> {
    let mut attempt = 1;
    loop {
        match on_backend!(pool, |pool| MIGRATOR.run(pool).await) {
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

/// A query that failed, as every capability's storage trait reports it.
pub fn failed(error: sqlx::Error) -> app::storage::StoreError {
    app::storage::StoreError(error.to_string())
}

/// A stored value this build cannot read (a row written by hand, or by a newer release).
pub fn unreadable(what: &str, error: impl std::fmt::Display) -> app::storage::StoreError {
    app::storage::StoreError(format!("stored {what} is unreadable: {error}"))
}

/// The URL without its password, for messages and logs.
pub fn redacted(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(super::redacted("postgres://palm:s3cret@db:5432/palm"), "postgres://palm:***@db:5432/palm");
        assert_eq!(super::redacted("sqlite://data/palm.db"), "sqlite://data/palm.db");
    }
}
