//! The staff forms' handlers, each in the one shape of `crate::forms`: extract, let `app::staff::service` decide
//! (it checks the caller's grant itself), answer. Here too: the staff cookie, scoped to `/staff`.

use super::{refused, Caller};
use crate::forms::{Address, Visit};
use app::staff::page_data::{IssuedKeyShown, IssuedLink};
use app::staff::service::{
    self, session_cookie, ChangeForm, Changed, EnrolForm, KeyForm, NewAccountForm, SignIn, SignInForm, COOKIE,
    COOKIE_PATH, SIGN_IN,
};
use app::staff::sign_in::ABSOLUTE_LIMIT;
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use axum::{
    extract::Path,
    http::{header, HeaderValue},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use leptos::prelude::provide_context;

/// The staff cookie: only `/staff` is sent it, never a cross-site request, never a script.
fn cookie(visit: &Visit, value: &str, max_age_seconds: i64) -> HeaderValue {
    let secure = if visit.services().site.public_base_url.starts_with("https://") { "; Secure" } else { "" };
    let cookie =
        format!("{COOKIE}={value}; Path={COOKIE_PATH}; Max-Age={max_age_seconds}; HttpOnly; SameSite=Strict{secure}");
    HeaderValue::from_str(&cookie).expect("a session id is URL-safe base64")
}

fn with_cookie(mut response: Response, cookie: HeaderValue) -> Response {
    response.headers_mut().append(header::SET_COOKIE, cookie);
    response
}

pub async fn sign_in(visit: Visit, Address(address): Address, Form(form): Form<SignInForm>) -> Response {
    let page = PagePath::fixed(SIGN_IN);
    let had = session_cookie(visit.headers());
    match service::sign_in(visit.services(), form, &address, had.as_deref()).await {
        Ok(SignIn::Started { session_id }) => {
            let cookie = cookie(&visit, &session_id, ABSOLUTE_LIMIT.num_seconds());
            with_cookie(Redirect::to("/staff").into_response(), cookie)
        }
        Ok(SignIn::Refused(problem)) => visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await,
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn sign_out(visit: Visit) -> Response {
    if let Some(id) = session_cookie(visit.headers()) {
        if let Err(error) = service::sign_out(visit.services(), &id).await {
            return visit.unavailable(&PagePath::fixed("/staff"), error).await;
        }
    }
    let cleared = cookie(&visit, "", 0);
    with_cookie(Redirect::to(SIGN_IN).into_response(), cleared)
}

pub async fn sign_out_everywhere(visit: Visit, Caller(user): Caller) -> Response {
    let page = PagePath::fixed("/staff");
    match service::sign_out_everywhere(visit.services(), user.as_ref()).await {
        Ok(Ok(())) => {
            let cleared = cookie(&visit, "", 0);
            with_cookie(Redirect::to(SIGN_IN).into_response(), cleared)
        }
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn enrol(visit: Visit, Path(token): Path<String>, Form(form): Form<EnrolForm>) -> Response {
    let page = PagePath::new(&["staff", "enrol", &token]);
    let decided = service::enrol(visit.services(), &token, form).await;
    visit.answer_found(&page, decided).await
}

/// The new account's page, showing its one-time link this once.
async fn show_issued(visit: Visit, issued: service::Issued) -> Response {
    let page = PagePath::new(&["staff", "admin", "accounts", &issued.staff_number]);
    let link = IssuedLink(issued.link);
    visit.show(&page, move || provide_context(link.clone())).await
}

pub async fn create_account(visit: Visit, Caller(user): Caller, Form(form): Form<NewAccountForm>) -> Response {
    let page = PagePath::fixed("/staff/admin/accounts").with_fragment("new");
    match service::create_account(visit.services(), user.as_ref(), form).await {
        Ok(Ok(Ok(issued))) => show_issued(visit, issued).await,
        Ok(Ok(Err(problem))) => visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn issue_key(visit: Visit, Caller(user): Caller, Form(form): Form<KeyForm>) -> Response {
    let page = PagePath::fixed("/staff/admin/keys").with_fragment("new");
    match service::issue_key(visit.services(), user.as_ref(), form).await {
        Ok(Ok(Ok(issued))) => {
            let shown = IssuedKeyShown(issued.name, issued.key);
            visit.show(&PagePath::fixed("/staff/admin/keys"), move || provide_context(shown.clone())).await
        }
        Ok(Ok(Err(problem))) => visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn revoke_key(visit: Visit, Caller(user): Caller, Path(id): Path<String>) -> Response {
    let page = PagePath::fixed("/staff/admin/keys");
    // An id that is no number is no key, as one of no key is.
    let id = id.parse().unwrap_or(-1);
    match service::revoke_key(visit.services(), user.as_ref(), id).await {
        Ok(Ok(Some(()))) => Redirect::to(page.as_str()).into_response(),
        Ok(Ok(None)) => visit.answer_found(&page, Ok::<_, String>(None)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

pub async fn change_account(
    visit: Visit,
    Caller(user): Caller,
    Path(number): Path<String>,
    Form(form): Form<ChangeForm>,
) -> Response {
    let page = PagePath::new(&["staff", "admin", "accounts", &number]);
    match service::change_account(visit.services(), user.as_ref(), &number, form).await {
        Ok(Ok(Some(Changed::Issued(issued)))) => show_issued(visit, issued).await,
        Ok(Ok(Some(Changed::Done))) => Redirect::to(page.as_str()).into_response(),
        Ok(Ok(Some(Changed::Again(problem)))) => visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await,
        Ok(Ok(None)) => visit.answer_found(&page, Ok::<_, String>(None)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}
