//! What every instance does every ten minutes, whoever else does it too: each chore is idempotent, so instances
//! doing one at once do no harm. A chore that fails (the database away) is logged and tried again next time. A
//! capability with something to tidy implements `Chore`, and `lib.rs` lists it.

use crate::db::Pool;
use app::clock::Clock;
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;
use std::time::Duration;

#[async_trait::async_trait]
pub trait Chore: Send + Sync {
    /// What it tidies, for the log.
    fn name(&self) -> &'static str;
    /// Does it at `now` (Beijing time); how many things it changed.
    async fn run(&self, now: DateTime<FixedOffset>) -> anyhow::Result<u64>;
}

#[async_trait::async_trait]
impl<T: Chore + ?Sized> Chore for Arc<T> {
    fn name(&self) -> &'static str {
        (**self).name()
    }

    async fn run(&self, now: DateTime<FixedOffset>) -> anyhow::Result<u64> {
        (**self).run(now).await
    }
}

/// Does `chores` every ten minutes for as long as `pool` is open.
pub fn spawn(pool: Pool, clock: Clock, chores: Vec<Box<dyn Chore>>) {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(Duration::from_secs(600));
        while !pool.is_closed() {
            every.tick().await;
            for chore in &chores {
                match chore.run(clock.now()).await {
                    Ok(0) => {}
                    Ok(changed) => tracing::info!(chore = chore.name(), changed, "housekeeping"),
                    Err(e) => tracing::warn!(chore = chore.name(), error = %e, "a housekeeping chore failed"),
                }
            }
        }
    });
}
