//! Importing enforcement records: the platform's push and a feed file both come here, are held to the feed's
//! format (`reporting::check`) against the catalog's departments, and are stored all or none.

use crate::rankings::reporting::{check, Feed, FeedProblem};
use crate::rankings::store::Imported;
use crate::services::Services;
use crate::storage::StoreError;
use std::collections::HashSet;

/// Imports `feed` from `source` (`key:<id>`, `file`, `demo`): what was done with its records, or why none was
/// taken.
pub async fn import(
    services: &Services,
    feed: &Feed,
    source: &str,
) -> Result<Result<Imported, Vec<FeedProblem>>, StoreError> {
    let departments = services.catalog.store.departments().await?;
    let known: HashSet<&str> = departments.iter().map(|d| d.id.as_str()).collect();
    let now = services.site.clock.now();
    match check(feed, &known, now) {
        Ok(records) => Ok(Ok(services.rankings.import(&records, source, now).await?)),
        Err(problems) => Ok(Err(problems)),
    }
}
