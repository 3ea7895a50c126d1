//! The deliverer every instance runs: it claims due texts, sends them through the notifier, and records each
//! outcome; a refused text is tried again later (`app::sms::delivery::next_try`) until it expires. Instances share
//! the queue safely: a claim is one UPDATE (on PostgreSQL skipping rows another instance has locked), and it lapses
//! after a minute, so a text claimed by an instance that stopped is sent by another.

use super::queue::Queue;
use super::Notifier;
use crate::db::codec::Instant;
use crate::db::{on_backend, Backend, Pool};
use app::clock::Clock;
use app::personal::mask_phone;
use app::sms::delivery::next_try;
use app::sms::{Template, Text};
use chrono::{DateTime, Duration, FixedOffset};
use std::sync::Arc;

/// How long a claimed text is this instance's to send: longer than the gateway's timeout.
const CLAIM: Duration = Duration::seconds(60);
/// How many texts one claim takes.
const BATCH: i64 = 20;
/// How often an instance looks for texts another instance queued or a retry that came due.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Delivers due texts for as long as the queue's pool is open: whenever this instance queues one, and every
/// couple of seconds for the rest.
pub fn spawn(queue: Queue, notifier: Arc<dyn Notifier>, clock: Clock) {
    tokio::spawn(async move {
        while !queue.pool.is_closed() {
            if let Err(e) = deliver_due(&queue.pool, notifier.as_ref(), clock.now()).await {
                tracing::warn!(error = %e, "texts could not be delivered; trying again");
            }
            tokio::select! {
                () = queue.due.notified() => {}
                () = tokio::time::sleep(LOOK_EVERY) => {}
            }
        }
    });
}

/// Sends every text due at `now`; how many went out.
pub async fn deliver_due(pool: &Pool, notifier: &dyn Notifier, now: DateTime<FixedOffset>) -> sqlx::Result<u64> {
    // A read first: looking every couple of seconds must not take SQLite's write lock.
    let first_due: Option<Instant> = on_backend!(pool, |pool| {
        sqlx::query_scalar("SELECT MIN(next_try_at) FROM texts WHERE next_try_at IS NOT NULL").fetch_one(pool).await
    })?;
    if first_due.is_none_or(|at| at.0 > now) {
        return Ok(0);
    }
    give_up_expired(pool, now).await?;
    let mut sent = 0;
    loop {
        let claimed = claim(pool, now).await?;
        if claimed.is_empty() {
            return Ok(sent);
        }
        for (id, phone, message, attempts, expires_at) in claimed {
            let outcome = match serde_json::from_str::<Template>(&message) {
                Ok(template) => notifier.send(&Text { phone: phone.clone(), template }, now).await,
                Err(e) => Err(super::NotSent(format!("无法读取短信内容：{e}"))),
            };
            let failures = u32::try_from(attempts).unwrap_or(u32::MAX);
            match outcome {
                Ok(()) => {
                    record(pool, id, "sent_at = $2, next_try_at = NULL", now, "").await?;
                    sent += 1;
                }
                Err(e) => match next_try(now, failures, expires_at.0) {
                    Some(at) => {
                        tracing::info!(phone = %mask_phone(&phone), failures, "a text was refused; trying again: {e}");
                        record(pool, id, "next_try_at = $2", at, &e.0).await?;
                    }
                    None => {
                        tracing::warn!(phone = %mask_phone(&phone), failures, "a text was given up: {e}");
                        record(pool, id, "given_up_at = $2, next_try_at = NULL", now, &e.0).await?;
                    }
                },
            }
        }
    }
}

type Claimed = (i64, String, String, i64, Instant);

/// Takes up to a batch of due texts for this instance, counting the attempt.
async fn claim(pool: &Pool, now: DateTime<FixedOffset>) -> sqlx::Result<Vec<Claimed>> {
    // Rows another instance is claiming are skipped on PostgreSQL; SQLite has one writer at a time anyway.
    let lock = match pool {
        Backend::Sqlite(_) => "",
        Backend::Postgres(_) => "FOR UPDATE SKIP LOCKED",
    };
    let sql = format!(
        "UPDATE texts SET claimed_until = $1, attempts = attempts + 1 WHERE id IN (SELECT id FROM texts \
         WHERE next_try_at <= $2 AND claimed_until <= $2 ORDER BY id LIMIT $3 {lock}) \
         RETURNING id, phone, message, attempts, expires_at"
    );
    let mut tx = pool.begin_write().await?;
    let claimed = on_backend!(&mut tx, |tx| {
        sqlx::query_as(&sql).bind(Instant(now + CLAIM)).bind(Instant(now)).bind(BATCH).fetch_all(&mut **tx).await
    })?;
    tx.commit().await?;
    Ok(claimed)
}

/// Texts nobody could send before they expired (every instance was down) are not sent late.
async fn give_up_expired(pool: &Pool, now: DateTime<FixedOffset>) -> sqlx::Result<()> {
    on_backend!(pool, |pool| {
        sqlx::query(
            "UPDATE texts SET next_try_at = NULL, given_up_at = $1, last_error = '过期未能发出' \
             WHERE next_try_at IS NOT NULL AND expires_at < $1",
        )
        .bind(Instant(now))
        .execute(pool)
        .await
        .map(drop)
    })
}

/// Records an attempt's outcome: `set` is this module's own assignment, with `$2` its instant.
async fn record(pool: &Pool, id: i64, set: &str, at: DateTime<FixedOffset>, error: &str) -> sqlx::Result<()> {
    let sql = format!("UPDATE texts SET {set}, claimed_until = 0, last_error = $3 WHERE id = $1");
    on_backend!(pool, |pool| sqlx::query(&sql).bind(id).bind(Instant(at)).bind(error).execute(pool).await.map(drop))
}
