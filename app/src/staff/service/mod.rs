//! Staff identity's use cases, server-only. Here: who is asking (the staff cookie's session, checked against the
//! app's clock), and `allowed`, the call every staff server function starts with. `access`: signing in and out,
//! enrolling. `accounts`: what admins do. `keys`: partner systems' API keys. The rules are `model::require` and the plain functions of `sign_in`.

mod access;
mod accounts;
mod keys;

pub use access::*;
pub use accounts::*;
pub use keys::*;

use super::model::{require, Denied, Grant, StaffUser};
use super::page_data::GrantLine;
use super::sign_in::{session_state, SessionState};
use crate::random::digest;
use crate::services::{services, Services};
use crate::storage::StoreError;
use chrono::Duration;
use http::{header, HeaderMap};
use leptos::prelude::*;

/// The staff cookie. Its path is `/staff`, so no resident's page is ever sent it.
pub const COOKIE: &str = "palm_staff";
pub const COOKIE_PATH: &str = "/staff";
pub const SIGN_IN: &str = "/staff/sign-in";

/// A session used within this long is not written again: a page's several server functions cost one write, and
/// the idle timeout is still exact to the minute.
const TOUCH_EVERY: Duration = Duration::minutes(1);

/// The staff session's id in `headers`' cookies, if any.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
        .filter(|value| !value.is_empty())
}

/// Who is signed in on the request with `headers`: a session neither ended, idle nor too old, of an account not
/// disabled. An idle or too old session is ended here. Using a session keeps it alive.
pub async fn caller(services: &Services, headers: &HeaderMap) -> Result<Option<StaffUser>, StoreError> {
    let Some(id) = session_cookie(headers) else { return Ok(None) };
    let digest = digest(&id);
    let Some(row) = services.staff.session(&digest).await? else { return Ok(None) };
    let now = services.site.clock.now();
    match session_state(row.created_at, row.last_seen_at, now) {
        SessionState::Live => {
            if now - row.last_seen_at >= TOUCH_EVERY {
                services.staff.touch_session(&digest, now).await?;
            }
            Ok(Some(row.user))
        }
        SessionState::Idle | SessionState::TooOld => {
            services.staff.end_session(&digest, now).await?;
            Ok(None)
        }
    }
}

/// What every staff server function starts with: the services, and the caller if they hold `grant`. A refusal
/// answers 401 or 403 to a caller from outside; on a page, nobody signed in is sent to sign in, and the page
/// shows the refusal's message with 403.
pub async fn allowed(grant: &Grant) -> Result<(Services, StaffUser), ServerFnError> {
    asking(|caller| require(caller, grant)).await
}

/// As `allowed`, for a page more than one grant opens: `check` says whether the caller may see it.
pub async fn allowed_by(
    check: impl FnOnce(Option<&StaffUser>) -> Result<&StaffUser, Denied>,
) -> Result<(Services, StaffUser), ServerFnError> {
    asking(check).await
}

/// The services and the caller, whatever their grants (their own desk, signing out).
pub async fn signed_in() -> Result<(Services, StaffUser), ServerFnError> {
    asking(|caller| caller.ok_or(Denied::NotSignedIn)).await
}

async fn asking(
    check: impl FnOnce(Option<&StaffUser>) -> Result<&StaffUser, Denied>,
) -> Result<(Services, StaffUser), ServerFnError> {
    let services = services()?;
    let request = use_context::<http::request::Parts>()
        .ok_or_else(|| ServerFnError::new("the request is missing from the context"))?;
    let caller = caller(&services, &request.headers).await?;
    let user = check(caller.as_ref()).map_err(|denied| refusal(denied, &request))?.clone();
    Ok((services, user))
}

/// A refusal found after `allowed_by` (when the grant needed depends on what the request names), answered as
/// `allowed` answers one.
pub fn refused(denied: Denied) -> ServerFnError {
    match use_context::<http::request::Parts>() {
        Some(request) => refusal(denied, &request),
        None => ServerFnError::Args(denied.message().into()),
    }
}

fn refusal(denied: Denied, request: &http::request::Parts) -> ServerFnError {
    let is_page = !request.uri.path().starts_with("/staff/api/");
    match denied {
        Denied::NotSignedIn if is_page => crate::ui::redirect_to(SIGN_IN),
        Denied::NotSignedIn => crate::ui::set_status(401),
        Denied::NotGranted => crate::ui::set_status(403),
    }
    ServerFnError::Args(denied.message().into())
}

/// The caller's grants as people read them, scopes named from the catalog.
pub async fn grant_lines(services: &Services, grants: &[Grant]) -> Result<Vec<GrantLine>, StoreError> {
    let mut lines = Vec::with_capacity(grants.len());
    for grant in grants {
        lines.push(GrantLine {
            role: grant.role().into(),
            role_label: grant.role_label().into(),
            scope: grant.scope().into(),
            scope_name: scope_name(services, grant).await?,
        });
    }
    Ok(lines)
}

async fn scope_name(services: &Services, grant: &Grant) -> Result<String, StoreError> {
    Ok(match grant {
        Grant::Handler { department } | Grant::DepartmentHead { department } | Grant::Editor { department } => {
            services.catalog.store.department(department).await?.map_or(department.clone(), |d| d.name)
        }
        Grant::CounterStaff { place } => services.catalog.store.place(place).await?.map_or(place.clone(), |p| p.name),
        Grant::Dispatcher | Grant::Admin => "河北区".into(),
    })
}
