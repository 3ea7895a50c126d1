//! A partner system's call (the enforcement feed, Open311's POST): its key, live and for the API's scope, then its
//! limit per key. No cookie is read: the key is the caller. Each API answers a refusal in its own format.

use super::rate_limit::{self, Limit, Verdict};
use crate::AppState;
use app::staff::keys::KeyScope;
use app::staff::service::{key_for, KeyRefused};
use app::staff::store::PartnerKey;
use axum::http::header;
use axum::response::Response;

/// Why a partner's call goes no further.
#[derive(Debug)]
pub enum Refusal {
    Key(KeyRefused),
    /// Past the key's limit; its window ends in this many seconds.
    TooOften {
        retry_after_seconds: i64,
    },
    /// The database is away.
    Unavailable(String),
}

/// The key `presented` for `scope`, counted against `limit`.
pub async fn admit(
    state: &AppState,
    presented: Option<&str>,
    scope: KeyScope,
    limit: Limit,
) -> Result<PartnerKey, Refusal> {
    let services = &state.services;
    let key = match key_for(services, presented, scope).await {
        Ok(Ok(key)) => key,
        Ok(Err(refused)) => return Err(Refusal::Key(refused)),
        Err(error) => return Err(Refusal::Unavailable(error.to_string())),
    };
    let now = services.site.clock.now().timestamp();
    match rate_limit::hit(&state.pool, &format!("{}:key:{}", scope.code(), key.id), limit, now).await {
        Ok(Verdict::Allowed) => Ok(key),
        Ok(Verdict::Limited { retry_after_seconds }) => Err(Refusal::TooOften { retry_after_seconds }),
        Err(error) => Err(Refusal::Unavailable(error.to_string())),
    }
}

/// `answer` with the `Retry-After` a limit asks callers to wait.
pub fn retry_after(mut answer: Response, seconds: i64) -> Response {
    answer.headers_mut().insert(header::RETRY_AFTER, seconds.into());
    answer
}
