//! The counter staff's forms at their place, in the one shape of `crate::forms`. Who may act is the service's
//! question (`app::booking::service::counter`), asked of the staff session on the request.

use crate::forms::Visit;
use crate::staff::{refused, Caller};
use app::booking::service::{self, ClosureForm, CounterBookingForm};
use app::staff::model::Denied;
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use axum::{extract::Path, response::Response, Form};
use leptos::prelude::ServerFnError;

fn counter_page(place: &str) -> PagePath {
    PagePath::new(&["staff", "counter", place])
}

/// Answers a counter form with what the service decided: onward, the page again, its 404, or a refusal of the
/// caller.
async fn answer(
    visit: Visit,
    place: &str,
    decided: Result<Result<Option<Decision>, Denied>, ServerFnError>,
) -> Response {
    let page = counter_page(place);
    match decided {
        Ok(Ok(decision)) => visit.answer_found(&page, Ok::<_, String>(decision)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn arrived(
    visit: Visit,
    Caller(user): Caller,
    Path(place): Path<String>,
    Form(form): Form<CounterBookingForm>,
) -> Response {
    let decided = service::mark_arrived(visit.services(), user.as_ref(), &place, form).await;
    answer(visit, &place, decided).await
}

pub async fn no_show(
    visit: Visit,
    Caller(user): Caller,
    Path(place): Path<String>,
    Form(form): Form<CounterBookingForm>,
) -> Response {
    let decided = service::mark_no_show(visit.services(), user.as_ref(), &place, form).await;
    answer(visit, &place, decided).await
}

pub async fn close(
    visit: Visit,
    Caller(user): Caller,
    Path(place): Path<String>,
    Form(form): Form<ClosureForm>,
) -> Response {
    let decided = service::close_day(visit.services(), user.as_ref(), &place, form).await;
    answer(visit, &place, decided.map(|d| d.map(Some))).await
}

pub async fn reopen(
    visit: Visit,
    Caller(user): Caller,
    Path(place): Path<String>,
    Form(form): Form<ClosureForm>,
) -> Response {
    let decided = service::reopen_day(visit.services(), user.as_ref(), &place, form).await;
    answer(visit, &place, decided.map(|d| d.map(Some))).await
}
