//! The kiosk's forms. `POST /kiosk/{place}/check-in`, answered like every form here: 303 to the check-in page
//! with the resident's position, or the page again with the reason and a 400. `POST /kiosk/{place}/end`: the
//! person at the kiosk is done (or walked away); their session is deleted and the browser told to forget.

use crate::{render_again, unavailable, AppState, PagePath};
use app::booking::check_in::CheckIn;
use app::booking::codes::normalise_check_in;
use app::ui::form::FormProblem;
use axum::{
    extract::{Path, State},
    http::{header::HeaderName, HeaderMap, HeaderValue},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use serde::Deserialize;
use tower_sessions::Session;

pub fn routes() -> Vec<crate::routes::Declared> {
    vec![crate::routes::form("/kiosk/{place}/check-in", check_in), crate::routes::form("/kiosk/{place}/end", end)]
}

#[derive(Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    code: String,
}

pub async fn check_in(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(place): Path<String>,
    Form(form): Form<CheckInForm>,
) -> Response {
    let page = PagePath::new(&["kiosk", &place, "check-in"]);
    let Some(code) = normalise_check_in(&form.code) else {
        let problem = FormProblem::new(vec![("code", "签到码是8位字母和数字，请核对后重新输入。".into())], Vec::new());
        return render_again(&state, &page, headers, session, problem).await;
    };
    match state.services.booking.check_in(&place, &code, state.services.site.clock.now()).await {
        Ok(CheckIn::Done { position, .. } | CheckIn::AlreadyDone { position }) => {
            Redirect::to(page.with_query("position", &position.to_string()).as_str()).into_response()
        }
        Ok(refused) => render_again(&state, &page, headers, session, FormProblem::whole(refused.message())).await,
        Err(e) => unavailable(&state, &page, headers, session, e).await,
    }
}

pub async fn end(session: Session, Path(place): Path<String>) -> Response {
    if let Err(e) = session.flush().await {
        tracing::error!(error = %e, "could not end a kiosk session");
    }
    let mut response = Redirect::to(PagePath::new(&["kiosk", &place]).as_str()).into_response();
    // Belt and braces: the kiosk keeps nothing in storage, and this empties it even without a script.
    response
        .headers_mut()
        .insert(HeaderName::from_static("clear-site-data"), HeaderValue::from_static("\"cache\", \"storage\""));
    response
}
