//! The petition forms' handlers, in the one shape of `crate::forms`; for staff forms the service checks the
//! caller's grant.

use crate::forms::{Address, Visit};
use crate::guards::rate_limit;
use crate::problem::Problem;
use crate::staff::{refused, Caller};
use app::petitions::service::{
    self, AcknowledgeForm, AnswerForm, CallbackForm, DecideForm, HandleForm, LookupForm, MergeForm, PhoneCallbackForm,
    PhoneInForm, PublishForm, RatingForm, RemoveShiftForm, RouteForm, ShiftForm, WithdrawForm,
};
use app::staff::model::Denied;
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use axum::http::{header, StatusCode};
use axum::response::IntoResponse;
use axum::{extract::Path, response::Response, Form};
use leptos::prelude::{provide_context, ServerFnError};

/// A staff form's answer: onward or the page again with the problem, 403 for a caller without the grant, 503 when
/// the database is away.
async fn decided(visit: Visit, page: &PagePath, outcome: Result<Result<Decision, Denied>, ServerFnError>) -> Response {
    match outcome {
        Ok(Ok(decision)) => visit.answer(page, Ok::<_, String>(decision)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(page, error).await,
    }
}

pub async fn route(visit: Visit, Caller(user): Caller, Form(form): Form<RouteForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch");
    let outcome = service::route(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/decide`: a department's request approved or sent back.
pub async fn decide(visit: Visit, Caller(user): Caller, Form(form): Form<DecideForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch").with_fragment("requests");
    let outcome = service::decide(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/publish`: a petition's masked text published, or kept private.
pub async fn publish(visit: Visit, Caller(user): Caller, Form(form): Form<PublishForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch").with_fragment("publish");
    let outcome = service::publish(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/callback`: a callback made by phone.
pub async fn call_back(visit: Visit, Caller(user): Caller, Form(form): Form<PhoneCallbackForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch").with_fragment("callbacks");
    let outcome = service::call_back(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/merge`: a duplicate merged into the petition it repeats.
pub async fn merge(visit: Visit, Caller(user): Caller, Form(form): Form<MergeForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch");
    let outcome = service::merge(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/warnings/acknowledge`: a dispatcher's note on an early warning.
pub async fn acknowledge(visit: Visit, Caller(user): Caller, Form(form): Form<AcknowledgeForm>) -> Response {
    let page = PagePath::fixed("/staff/warnings");
    let outcome = service::acknowledge(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/roster`: a shift put on the duty roster.
pub async fn add_shift(visit: Visit, Caller(user): Caller, Form(form): Form<ShiftForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch/roster");
    let outcome = service::add_shift(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// `POST /staff/dispatch/roster/remove`: a shift taken off it.
pub async fn remove_shift(visit: Visit, Caller(user): Caller, Form(form): Form<RemoveShiftForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch/roster");
    let outcome = service::remove_shift(visit.services(), user.as_ref(), form).await;
    decided(visit, &page, outcome).await
}

/// Ten tries per tracking number and sixty per address in ten minutes: an 8-digit code cannot be guessed.
const LOOKUP_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 10, window_seconds: 600 };
const LOOKUP_ADDRESS_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 60, window_seconds: 600 };

/// `POST /petitions/lookup`: number + access code, counted against the number and the address first.
pub async fn look_up(visit: Visit, Address(address): Address, Form(form): Form<LookupForm>) -> Response {
    let page = match form.kiosk.as_str() {
        "" => PagePath::fixed("/petitions"),
        kiosk => PagePath::new(&["kiosk", kiosk, "petitions"]),
    };
    let number = app::petitions::tracking::TrackingNumber::parse(&form.number).map_or(String::new(), |n| n.to_string());
    let buckets = [
        (format!("petition-lookup-address:{address}"), LOOKUP_ADDRESS_LIMIT),
        (format!("petition-lookup:{number}"), LOOKUP_LIMIT),
    ];
    let now = visit.services().site.clock.now().timestamp();
    if let Some(refused) = visit.too_often(&page, "查询", &buckets, now).await {
        return refused;
    }
    let decided = service::look_up(visit.services(), form).await;
    visit.answer(&page, decided).await
}

/// `POST /staff/dispatch/phone-in`: the desk again, with the number and code to read out this once.
pub async fn phone_in(visit: Visit, Caller(user): Caller, Form(form): Form<PhoneInForm>) -> Response {
    let page = PagePath::fixed("/staff/dispatch").with_fragment("phone-in");
    match service::phone_in(visit.services(), user.as_ref(), form).await {
        Ok(Ok(Ok(phoned_in))) => {
            visit.show(&PagePath::fixed("/staff/dispatch"), move || provide_context(phoned_in.clone())).await
        }
        Ok(Ok(Err(problem))) => visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

/// `POST /staff/petitions/{department}/{number}`: a handler's action on the petition.
pub async fn handle(
    visit: Visit,
    Caller(user): Caller,
    Path((department, number)): Path<(String, String)>,
    Form(form): Form<HandleForm>,
) -> Response {
    let page = PagePath::new(&["staff", "petitions", &department, &number]);
    match service::handle(visit.services(), user.as_ref(), &department, &number, form).await {
        Ok(Ok(decision)) => visit.answer_found(&page, Ok::<_, String>(decision)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

/// `POST /staff/petitions/{department}/{number}/phone`: the page again, with the resident's phone this once.
pub async fn reveal_phone(
    visit: Visit,
    Caller(user): Caller,
    Path((department, number)): Path<(String, String)>,
) -> Response {
    let page = PagePath::new(&["staff", "petitions", &department, &number]);
    match service::reveal_phone(visit.services(), user.as_ref(), &department, &number).await {
        Ok(Ok(Some(phone))) => visit.show(&page, move || provide_context(phone.clone())).await,
        Ok(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, "没有这件诉求。").into_response(),
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

/// `GET /staff/petitions/{department}/{number}/photos/{id}`: one of its photos, for its department's handlers.
pub async fn case_photo(
    visit: Visit,
    Caller(user): Caller,
    Path((department, number, id)): Path<(String, String, String)>,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return Problem::new(StatusCode::NOT_FOUND, "没有这张照片。").into_response();
    };
    match service::case_photo(visit.services(), user.as_ref(), &department, &number, id).await {
        Ok(Ok(Some(jpeg))) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
        Ok(Ok(None)) => Problem::new(StatusCode::NOT_FOUND, "没有这张照片。").into_response(),
        Ok(Err(denied)) => refused(denied),
        Err(error) => {
            tracing::error!(%error, "could not read a petition's photo");
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "暂时无法显示照片，请稍后再试。").into_response()
        }
    }
}

/// `POST /petitions/{token}/callback`: the resident's callback.
pub async fn callback(visit: Visit, Path(token): Path<String>, Form(form): Form<CallbackForm>) -> Response {
    let page = PagePath::new(&["petitions", &token]);
    let decided = service::give_callback(visit.services(), &token, form).await;
    visit.answer_found(&page, decided).await
}

/// `POST /petitions/{token}/rating`: the rating changed, once.
pub async fn rating(visit: Visit, Path(token): Path<String>, Form(form): Form<RatingForm>) -> Response {
    let page = PagePath::new(&["petitions", &token]);
    let decided = service::change_rating(visit.services(), &token, form).await;
    visit.answer_found(&page, decided).await
}

/// `POST /petitions/{token}/withdraw`
pub async fn withdraw(visit: Visit, Path(token): Path<String>, Form(form): Form<WithdrawForm>) -> Response {
    let page = PagePath::new(&["petitions", &token]);
    let decided = service::withdraw(visit.services(), &token, form).await;
    visit.answer_found(&page, decided).await
}

/// `POST /petitions/{token}`: the resident answers the department's request for information.
pub async fn answer(visit: Visit, Path(token): Path<String>, Form(form): Form<AnswerForm>) -> Response {
    let page = PagePath::new(&["petitions", &token]);
    let decided = service::answer(visit.services(), &token, form).await;
    visit.answer_found(&page, decided).await
}
