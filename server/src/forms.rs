//! The one shape of every form handler: extract (a `Visit` and the form), decide (the capability's service
//! answers with a `Decision`), answer (`Visit::answer`). A decision is a 303 onward, or the same page rendered
//! again with its problem (400, or the problem's own status); a failure of ours is the same page again saying so
//! in Chinese, with a 503. Plain form posts: all of it works without JavaScript.

use crate::guards::rate_limit;
use crate::{page_context, AppState};
use app::services::Services;
use app::shell;
use app::ui::form::{Decision, FormProblem};
use app::ui::page_path::PagePath;
use axum::{
    extract::{FromRef, FromRequestParts},
    http::{header, request::Parts, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use leptos::{nonce::Nonce, prelude::provide_context};
use tower_sessions::Session;

/// Who posted a form: what rendering their page again needs (their headers and session), and the app's state.
#[derive(Clone)]
pub struct Visit {
    state: AppState,
    pub session: Session,
    headers: HeaderMap,
}

impl<S> FromRequestParts<S> for Visit
where
    S: Send + Sync,
    AppState: FromRef<S>,
{
    type Rejection = <Session as FromRequestParts<S>>::Rejection;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let session = Session::from_request_parts(parts, state).await?;
        Ok(Self { state: AppState::from_ref(state), session, headers: parts.headers.clone() })
    }
}

/// Where a form came from, for limits per address. A request that did not come the configured way (say, past
/// the proxy) has no address: all such share one, so they are still limited, and answered.
pub struct Address(pub String);

impl<S: Send + Sync> FromRequestParts<S> for Address {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let address = axum_client_ip::ClientIp::from_request_parts(parts, state).await;
        Ok(Self(address.map_or_else(|_| "unknown".to_string(), |ip| ip.0.to_string())))
    }
}

impl Visit {
    pub fn services(&self) -> &Services {
        &self.state.services
    }

    pub fn state(&self) -> &AppState {
        &self.state
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The answer to the form on `page`.
    pub async fn answer(self, page: &PagePath, decided: Result<Decision, impl std::fmt::Display>) -> Response {
        match decided {
            Ok(Decision::Onward(path)) => Redirect::to(path.as_str()).into_response(),
            Ok(Decision::Again(problem)) => self.render(page, problem).await,
            Err(error) => self.unavailable(page, error).await,
        }
    }

    /// The answer to a form posted to an address that may name nothing (a booking's token, an item's id):
    /// `None` is that page's 404, as its GET shows it.
    pub async fn answer_found(
        self,
        page: &PagePath,
        decided: Result<Option<Decision>, impl std::fmt::Display>,
    ) -> Response {
        match decided {
            Ok(None) => self.missing(page).await,
            Ok(Some(decision)) => self.answer(page, Ok::<_, String>(decision)).await,
            Err(error) => self.unavailable(page, error).await,
        }
    }

    /// Counts this form against each of `buckets` (`guards::rate_limit`); when one is over its limit, the answer:
    /// the page again with 429, saying `what` was done too often and when to try again. `None`: go on.
    pub async fn too_often(
        &self,
        page: &PagePath,
        what: &str,
        buckets: &[(String, rate_limit::Limit)],
        now: i64,
    ) -> Option<Response> {
        let visit = self.clone();
        match rate_limit::hit_all(&self.state.pool, buckets, now).await {
            Ok(rate_limit::Verdict::Allowed) => None,
            Ok(rate_limit::Verdict::Limited { retry_after_seconds }) => {
                let minutes = (retry_after_seconds + 59) / 60;
                let problem = FormProblem::whole(format!("{what}太频繁了，请 {minutes} 分钟后再试。")).with_status(429);
                Some(visit.answer(page, Ok::<_, String>(Decision::Again(problem))).await)
            }
            Err(error) => Some(visit.unavailable(page, error).await),
        }
    }

    /// `page` does not exist (the form was posted to an address that names nothing): that page as a GET shows
    /// it, in Chinese, with a 404.
    async fn missing(self, page: &PagePath) -> Response {
        let mut response = self.render(page, FormProblem::whole("没有找到。").with_status(404)).await;
        *response.status_mut() = StatusCode::NOT_FOUND;
        response
    }

    /// A form that failed on our side (the database away): the page it came from again, saying so in Chinese,
    /// with 503 (when the page's own data fails too, its parts say so themselves: `ui::shown`).
    pub async fn unavailable(self, page: &PagePath, error: impl std::fmt::Display) -> Response {
        // Not the page's path: a booking's holds its token, which opens the booking to whoever reads the log.
        tracing::error!(%error, "a form could not be handled");
        let message = "暂时无法处理，请稍后再试。急事请拨打政务服务便民热线 12345。";
        let mut response = self.render(page, FormProblem::whole(message).with_status(503)).await;
        *response.status_mut() = StatusCode::SERVICE_UNAVAILABLE;
        response
    }

    /// Renders `page` again for a rejected form post: the same page the GET shows, with the submission's problem
    /// in its context (the page sets the status).
    async fn render(self, page: &PagePath, problem: FormProblem) -> Response {
        self.show(page, move || provide_context(problem.clone())).await
    }

    /// Renders `page` as its GET shows it, with what `extra` provides in its context (a form's problem, or what
    /// the page shows this once, such as a new one-time link). The visitor's headers and session come along.
    pub async fn show(self, page: &PagePath, extra: impl Fn() + Clone + Send + Sync + 'static) -> Response {
        let Self { state, session, mut headers } = self;
        headers.remove(header::CONTENT_TYPE);
        headers.remove(header::CONTENT_LENGTH);
        let request = axum::extract::Request::get(page.as_str()).body(axum::body::Body::empty());
        let mut request = request.expect("a PagePath is percent-encoded, so always a valid URI");
        *request.headers_mut() = headers;
        request.extensions_mut().insert(session);
        // A page of its own, with a nonce of its own, and the header that carries it.
        let nonce = Nonce::new();
        request.extensions_mut().insert(nonce.clone());
        let context = page_context(&state, extra);
        let options = state.leptos_options.clone();
        // Every page is SsrMode::Async (a test checks), so the status the page sets reaches the response.
        let render = leptos_axum::render_app_async_with_context(context, move || shell(options.clone()));
        let mut response = render(request).await;
        if let Ok(csp) = HeaderValue::from_str(&app::ui::csp::content_security_policy(Some(&nonce))) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
        }
        response
    }
}
