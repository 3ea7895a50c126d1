//! The counter staff's forms at their place, in the one shape of `crate::forms`. Who may act is the service's
//! question (`app::booking::service::counter`), asked of the staff session on the request.

use crate::forms::Visit;
use crate::staff::{caller, refused};
use app::booking::service::{self, ClosureForm, CounterBookingForm};
use app::staff::model::{Denied, StaffUser};
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use axum::{extract::Path, response::Response, Form};
use leptos::prelude::ServerFnError;

fn counter_page(place: &str) -> PagePath {
    PagePath::new(&["staff", "counter", place])
}

/// Answers a counter form: the service's decision about the caller, who may not be allowed.
async fn answer<T>(
    visit: Visit,
    place: &str,
    act: impl AsyncFnOnce(&Visit, Option<&StaffUser>) -> Result<Result<T, Denied>, ServerFnError>,
    found: impl FnOnce(T) -> Option<Decision>,
) -> Response {
    let page = counter_page(place);
    let decided = match caller(&visit).await {
        Ok(user) => act(&visit, user.as_ref()).await,
        Err(error) => Err(error.into()),
    };
    match decided {
        Ok(Ok(decision)) => visit.answer_found(&page, Ok::<_, String>(found(decision))).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn arrived(visit: Visit, Path(place): Path<String>, Form(form): Form<CounterBookingForm>) -> Response {
    let act = async |visit: &Visit, user: Option<&StaffUser>| {
        service::mark_arrived(visit.services(), user, &place, form).await
    };
    answer(visit, &place, act, |decision| decision).await
}

pub async fn no_show(visit: Visit, Path(place): Path<String>, Form(form): Form<CounterBookingForm>) -> Response {
    let act = async |visit: &Visit, user: Option<&StaffUser>| {
        service::mark_no_show(visit.services(), user, &place, form).await
    };
    answer(visit, &place, act, |decision| decision).await
}

pub async fn close(visit: Visit, Path(place): Path<String>, Form(form): Form<ClosureForm>) -> Response {
    let act =
        async |visit: &Visit, user: Option<&StaffUser>| service::close_day(visit.services(), user, &place, form).await;
    answer(visit, &place, act, Some).await
}

pub async fn reopen(visit: Visit, Path(place): Path<String>, Form(form): Form<ClosureForm>) -> Response {
    let act =
        async |visit: &Visit, user: Option<&StaffUser>| service::reopen_day(visit.services(), user, &place, form).await;
    answer(visit, &place, act, Some).await
}
