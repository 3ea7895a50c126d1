//! The monthly publication's staff forms, in the one shape of `crate::forms`; the service checks the caller's
//! grant.

use crate::forms::Visit;
use crate::staff::{refused, Caller};
use app::rankings::service::{self, AppealForm, CloseForm, CorrectForm, DecideForm, PublishForm};
use app::staff::model::Denied;
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use axum::{response::Response, Form};
use leptos::prelude::ServerFnError;

/// Answers a step: onward, the publication page again with its problem, or the refusal.
async fn answered(visit: Visit, step: Result<Result<Decision, Denied>, ServerFnError>) -> Response {
    let page = PagePath::fixed("/staff/rankings");
    match step {
        Ok(Ok(decision)) => visit.answer(&page, Ok::<_, String>(decision)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

/// `POST /staff/rankings/close`: last month closed, its standings provisional.
pub async fn close(visit: Visit, Caller(user): Caller, Form(form): Form<CloseForm>) -> Response {
    let step = service::close(visit.services(), user.as_ref(), form).await;
    answered(visit, step).await
}

/// `POST /staff/rankings/appeal`: a department head's appeal of ticked cases (a repeated field, which axum's own
/// `Form` cannot read).
pub async fn appeal(
    visit: Visit,
    Caller(user): Caller,
    axum_extra::extract::Form(form): axum_extra::extract::Form<AppealForm>,
) -> Response {
    let step = service::file_appeal(visit.services(), user.as_ref(), form).await;
    answered(visit, step).await
}

/// `POST /staff/rankings/decide`: an appeal upheld or rejected.
pub async fn decide(visit: Visit, Caller(user): Caller, Form(form): Form<DecideForm>) -> Response {
    let step = service::decide(visit.services(), user.as_ref(), form).await;
    answered(visit, step).await
}

/// `POST /staff/rankings/publish`: the final standings published.
pub async fn publish(visit: Visit, Caller(user): Caller, Form(form): Form<PublishForm>) -> Response {
    let step = service::publish(visit.services(), user.as_ref(), form).await;
    answered(visit, step).await
}

/// `POST /staff/rankings/correct`: a correction published as a new version.
pub async fn correct(visit: Visit, Caller(user): Caller, Form(form): Form<CorrectForm>) -> Response {
    let step = service::correct(visit.services(), user.as_ref(), form).await;
    answered(visit, step).await
}
