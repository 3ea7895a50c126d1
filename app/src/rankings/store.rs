//! Where the standings' figures come from (implemented in `server/`): aggregate queries over the month's records,
//! never counters kept beside them, so a figure cannot drift from the cases it counts. Server-only.

use super::standings::Callbacks;
use crate::storage::StoreError;
use chrono::{DateTime, FixedOffset};

#[async_trait::async_trait]
pub trait RankingStore: Send + Sync {
    /// Each department's valid callbacks given in `[from, until)`, by department id: a case counts once, in the
    /// month of its final callback (a case sent back to be handled again counts by the callback after that), for
    /// the department that closed it.
    async fn callbacks(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(String, Callbacks)>, StoreError>;
}
