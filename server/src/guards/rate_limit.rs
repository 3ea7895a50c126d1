//! Fixed-window rate limits, counted in the database so every instance counts the same hits. One upsert per hit:
//! the counter is incremented and read in a single statement, so concurrent hits never lose a count.

use crate::db::{on_backend, Pool};

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub max_hits: u32,
    pub window_seconds: i64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Allowed,
    /// Over the limit; the window ends in this many seconds.
    Limited {
        retry_after_seconds: i64,
    },
}

/// Counts one hit on `bucket` at `now` (Unix seconds) and says whether it is within `limit`.
pub async fn hit(pool: &Pool, bucket: &str, limit: Limit, now: i64) -> sqlx::Result<Verdict> {
    let window_start = now - now.rem_euclid(limit.window_seconds);
    let window_end = window_start + limit.window_seconds;
    let hits: i64 = on_backend!(pool, |pool| {
        sqlx::query_scalar(
            "INSERT INTO rate_limit_windows (bucket, window_start, window_end, hits) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1 RETURNING hits",
        )
        .bind(bucket)
        .bind(window_start)
        .bind(window_end)
        .fetch_one(pool)
        .await
    })?;
    Ok(if hits <= i64::from(limit.max_hits) {
        Verdict::Allowed
    } else {
        Verdict::Limited { retry_after_seconds: window_end - now }
    })
}

/// Counts one hit on each of `buckets` at `now`; the first that is over its limit says so (the later ones are not
/// counted then).
pub async fn hit_all(pool: &Pool, buckets: &[(String, Limit)], now: i64) -> sqlx::Result<Verdict> {
    for (bucket, limit) in buckets {
        if let limited @ Verdict::Limited { .. } = hit(pool, bucket, *limit, now).await? {
            return Ok(limited);
        }
    }
    Ok(Verdict::Allowed)
}
