//! PostgreSQL, for several instances behind a load balancer.

use super::redacted;
use anyhow::Context;
use sqlx::postgres::{PgListener, PgPoolOptions};
use sqlx::PgPool;
use std::time::Duration;

pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(16)
        // Fail fast at start-up: an unreachable database is a configuration error to report, not to wait out.
        .acquire_timeout(Duration::from_secs(5))
        // A connection the server dropped (restart, failover, idle kill) is noticed before use and replaced.
        .test_before_acquire(true)
        .connect(url)
        .await
        .with_context(|| format!("cannot reach the PostgreSQL database at {}", redacted(url)))
}

/// Schema PostgreSQL says its own way, after the shared migrations; idempotent, and safe for instances starting
/// together (a transaction-level advisory lock). The append-only tables (`APPEND_ONLY`): the database itself refuses
/// to change or remove a row (TRUNCATE included), whatever code asks.
pub async fn apply_own_schema(pool: &PgPool) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    sqlx::query("SELECT pg_advisory_xact_lock(hashtext('palm_own_schema'))").execute(&mut *tx).await?;
    for (table, refusal) in super::APPEND_ONLY {
        for statement in [
            format!(
                "CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
                 BEGIN RAISE EXCEPTION '{refusal}'; END $$"
            ),
            format!(
                "CREATE OR REPLACE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} \
                 FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
            ),
            format!(
                "CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} \
                 FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()"
            ),
        ] {
            sqlx::query(&statement).execute(&mut *tx).await?;
        }
    }
    tx.commit().await
}

/// The NOTIFY channel every instance listens on.
const CHANNEL: &str = "palm_changes";

/// Sends `payload` to every instance listening, this one included.
pub async fn notify(pool: &PgPool, payload: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await.map(drop)
}

/// Hears every instance's notifications for as long as the pool is open, handing each payload to `deliver`.
/// Returns once this instance is listening, so no signal sent after start-up is missed. Signals sent while the
/// connection is down are lost, so after every reconnection `deliver(None)` tells listeners to re-read instead.
pub async fn listen(pool: PgPool, deliver: impl Fn(Option<&str>) + Send + 'static) -> sqlx::Result<()> {
    let mut listener = listener(&pool).await?;
    tokio::spawn(async move {
        loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => deliver(Some(notification.payload())),
                // The connection dropped and was re-established at once, LISTEN included.
                Ok(None) => {
                    tracing::warn!("the change listener's connection dropped and was re-established");
                    deliver(None);
                }
                Err(_) if pool.is_closed() => return,
                Err(e) => {
                    tracing::warn!(error = %e, "lost the change listener's connection; reconnecting");
                    listener = reconnect(&pool).await;
                    deliver(None);
                }
            }
        }
    });
    Ok(())
}

async fn listener(pool: &PgPool) -> sqlx::Result<PgListener> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// Tries again, backing off to once every 5 s, until the database answers.
async fn reconnect(pool: &PgPool) -> PgListener {
    let mut backoff = Duration::from_millis(250);
    loop {
        tokio::time::sleep(backoff).await;
        match listener(pool).await {
            Ok(listener) => {
                tracing::info!("hearing changes again");
                return listener;
            }
            Err(e) => tracing::warn!(error = %e, ?backoff, "cannot reconnect the change listener yet"),
        }
        backoff = (backoff * 2).min(Duration::from_secs(5));
    }
}
