//! Guards several instances must share: idempotency keys and rate-limit counters, both in the database.

pub mod idempotency;
pub mod rate_limit;

use crate::db::{on_backend, Pool};

/// How long a submitted form's key is remembered: far longer than anyone resubmits a form.
const KEEP_KEYS_FOR_SECONDS: i64 = 7 * 24 * 3600;

/// Forgets keys and counter windows that can no longer matter.
pub async fn delete_expired(pool: &Pool, now: i64) -> sqlx::Result<()> {
    on_backend!(pool, |pool| {
        sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(now - KEEP_KEYS_FOR_SECONDS)
            .execute(pool)
            .await?;
        sqlx::query("DELETE FROM rate_limit_windows WHERE window_end <= $1").bind(now).execute(pool).await?;
        Ok(())
    })
}
