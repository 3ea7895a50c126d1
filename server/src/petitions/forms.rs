//! The petition forms' handlers, in the one shape of `crate::forms`; the service checks the caller's grant.

use crate::forms::Visit;
use crate::staff::{refused, Caller};
use app::petitions::service::{self, RouteForm};
use app::ui::page_path::PagePath;
use axum::{response::Response, Form};

pub async fn route(visit: Visit, Caller(user): Caller, Form(form): Form<RouteForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch");
    match service::route(visit.services(), user.as_ref(), form).await {
        Ok(Ok(decision)) => visit.answer(&page, Ok::<_, String>(decision)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}
