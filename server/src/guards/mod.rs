//! Guards several instances must share: idempotency keys and rate-limit counters, both in the database; and a
//! partner system's key and limit, checked before its call.

pub mod idempotency;
pub mod partner;
pub mod rate_limit;

use crate::db::{on_backend, Pool};

/// A stand-in for personal data in keys and buckets.
pub use app::random::digest;

/// How long a submitted form's key is remembered: far longer than anyone resubmits a form.
const KEEP_KEYS_FOR_SECONDS: i64 = 7 * 24 * 3600;

/// Forgets keys and counter windows that can no longer matter; how many.
pub async fn delete_expired(pool: &Pool, now: i64) -> sqlx::Result<u64> {
    on_backend!(pool, |pool| {
        let keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(now - KEEP_KEYS_FOR_SECONDS)
            .execute(pool)
            .await?;
        let windows =
            sqlx::query("DELETE FROM rate_limit_windows WHERE window_end <= $1").bind(now).execute(pool).await?;
        Ok(keys.rows_affected() + windows.rows_affected())
    })
}

/// `delete_expired` as a housekeeping chore.
pub struct Expired(pub Pool);

#[async_trait::async_trait]
impl crate::housekeeping::Chore for Expired {
    fn name(&self) -> &'static str {
        "expired idempotency keys and rate-limit windows"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(delete_expired(&self.0, now.timestamp()).await?)
    }
}
