//! The demo year of enforcement records (`server/seed/demo_enforcement.json`, written by `cargo xtask gen-data`
//! in the platform's own feed format): imported through the same check and store as a push, beside the demo
//! petition history, and removed with it. Refused where records of the platform's own exist: real figures never
//! mix with made-up ones.

use crate::db::{on_backend, Pool};
use anyhow::{bail, Context};
use app::rankings::reporting::Feed;
use app::rankings::service::reporting;
use app::services::Services;

const DEMO_FEED: &str = include_str!("../../seed/demo_enforcement.json");
/// Where the demo records came from, as `enforcement_records.source` keeps it.
const SOURCE: &str = "demo";

pub async fn is_loaded(pool: &Pool) -> sqlx::Result<bool> {
    on_backend!(pool, |pool| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM enforcement_records WHERE source = $1")
            .bind(SOURCE)
            .fetch_one(pool)
            .await
            .map(|n| n > 0)
    })
}

/// Imports the demo year; how many records.
pub async fn load(pool: &Pool, services: &Services) -> anyhow::Result<u32> {
    let own: i64 = on_backend!(pool, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM enforcement_records WHERE source <> $1")
            .bind(SOURCE)
            .fetch_one(pool)
            .await
    })?;
    if own > 0 {
        bail!("这个数据库里已有{own}条执法记录，演示数据只能装入没有执法记录的数据库");
    }
    let feed: Feed = serde_json::from_str(DEMO_FEED).context("demo_enforcement.json is not a feed")?;
    match reporting::import(services, &feed, SOURCE).await? {
        Ok(imported) => Ok(imported.added + imported.replaced + imported.unchanged),
        Err(problems) => bail!("demo_enforcement.json does not hold to the feed's format: {problems:?}"),
    }
}

/// Removes the demo records; how many.
pub async fn remove(pool: &Pool) -> sqlx::Result<u64> {
    on_backend!(pool, |pool| {
        sqlx::query("DELETE FROM enforcement_records WHERE source = $1")
            .bind(SOURCE)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
    })
}
