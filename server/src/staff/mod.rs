//! Server side of staff identity: the sign-in, sign-out, enrolment and admin forms' handlers, the SQL behind
//! `app::staff::store::StaffStore`, and the chore that forgets what can no longer matter.

pub mod audit;
mod forms;
mod store;

pub use store::SqlStaff;

use crate::problem::Problem;
use crate::routes::{form, Declared};
use crate::AppState;
use app::staff::model::{Denied, StaffUser};
use app::staff::sign_in::{forget_before, ABSOLUTE_LIMIT};
use axum::{
    extract::{FromRef, FromRequestParts},
    http::{request::Parts, StatusCode},
    response::{IntoResponse, Redirect, Response},
};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/staff/sign-in", forms::sign_in),
        form("/staff/sign-out", forms::sign_out),
        form("/staff/sign-out-everywhere", forms::sign_out_everywhere),
        form("/staff/enrol/{token}", forms::enrol),
        form("/staff/admin/accounts", forms::create_account),
        form("/staff/admin/accounts/{number}", forms::change_account),
        form("/staff/admin/keys", forms::issue_key),
        form("/staff/admin/keys/{id}/revoke", forms::revoke_key),
    ]
}

/// Who is signed in as staff on a request, as the staff cookie's session says (the service checks their grant).
/// A database that cannot answer is the 503 problem page.
pub struct Caller(pub Option<StaffUser>);

impl<S: Send + Sync> FromRequestParts<S> for Caller
where
    AppState: FromRef<S>,
{
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let services = AppState::from_ref(state).services;
        match app::staff::service::caller(&services, &parts.headers).await {
            Ok(user) => Ok(Self(user)),
            Err(error) => {
                tracing::error!(%error, "could not read a staff session");
                Err(Problem::unavailable())
            }
        }
    }
}

/// A staff form refused for who sent it: nobody signed in goes to sign in; someone without the grant gets 403.
pub fn refused(denied: Denied) -> Response {
    match denied {
        Denied::NotSignedIn => Redirect::to(app::staff::service::SIGN_IN).into_response(),
        Denied::NotGranted => Problem::new(StatusCode::FORBIDDEN, denied.message()).into_response(),
    }
}

/// Sessions past the absolute limit are over whatever their row says, and failures older than a day no longer
/// count: both are deleted. Sign-in events and the audit trail are kept.
#[async_trait::async_trait]
impl crate::housekeeping::Chore for SqlStaff {
    fn name(&self) -> &'static str {
        "staff sessions past their limit and forgotten sign-in failures"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(self.forget(now - ABSOLUTE_LIMIT, forget_before(now)).await?)
    }
}
