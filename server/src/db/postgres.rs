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

/// The NOTIFY channel every instance listens on.
const CHANNEL: &str = "palm_changes";

/// Sends `payload` to every instance listening, this one included.
pub async fn notify(pool: &PgPool, payload: &str) -> sqlx::Result<()> {
    sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await.map(drop)
}

/// Hears every instance's notifications, for as long as the pool is open, and hands each payload to `deliver`.
/// Signals sent while the connection was down are lost, so after every reconnection `deliver(None)` tells
/// listeners to re-read instead.
pub fn spawn_listener(pool: PgPool, deliver: impl Fn(Option<&str>) + Send + 'static) {
    tokio::spawn(async move {
        let mut backoff = Duration::from_millis(250);
        let mut reconnecting = false;
        while !pool.is_closed() {
            let mut listener = match PgListener::connect_with(&pool).await {
                Ok(mut listener) => match listener.listen(CHANNEL).await {
                    Ok(()) => listener,
                    Err(e) => {
                        tracing::warn!(error = %e, "cannot LISTEN for changes; retrying");
                        tokio::time::sleep(backoff).await;
                        continue;
                    }
                },
                Err(e) => {
                    tracing::warn!(error = %e, ?backoff, "cannot connect to hear changes; retrying");
                    tokio::time::sleep(backoff).await;
                    backoff = (backoff * 2).min(Duration::from_secs(5));
                    reconnecting = true;
                    continue;
                }
            };
            if reconnecting {
                tracing::info!("hearing changes again");
                deliver(None);
            }
            backoff = Duration::from_millis(250);
            loop {
                match listener.try_recv().await {
                    Ok(Some(notification)) => deliver(Some(notification.payload())),
                    // The connection dropped and was re-established at once (with LISTEN again): whatever was sent
                    // in between is lost.
                    Ok(None) => {
                        tracing::warn!("the change listener's connection dropped and was re-established");
                        deliver(None);
                    }
                    Err(e) => {
                        if !pool.is_closed() {
                            tracing::warn!(error = %e, "lost the change listener's connection");
                        }
                        reconnecting = true;
                        break;
                    }
                }
            }
        }
    });
}
