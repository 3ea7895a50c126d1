//! `POST /items/{id}/checklist`: saves the materials a resident ticked into their session. A plain form post,
//! so it works before (or without) any script; the page it returns to shows the saved ticks.

use app::catalog::checklist::{session_key, ticked_from_form};
use app::services::Services;
use axum::{
    extract::{Path, State},
    http::{header, StatusCode},
    response::{IntoResponse, Redirect, Response},
    Form,
};
use tower_sessions::Session;

pub async fn save(
    State(services): State<Services>,
    session: Session,
    Path(id): Path<u32>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let item = match services.catalog.store.item(id).await {
        Ok(Some(item)) => item,
        Ok(None) => return refused(StatusCode::NOT_FOUND, "没有这个事项。".into()),
        Err(e) => return failed(e),
    };
    let ticked = match ticked_from_form(&fields, item.materials.len()) {
        Ok(ticked) => ticked,
        Err(message) => return refused(StatusCode::BAD_REQUEST, message),
    };
    let key = session_key(id);
    let saved = if ticked.is_empty() {
        session.remove::<Vec<usize>>(&key).await.map(drop)
    } else {
        session.insert(&key, ticked).await
    };
    match saved {
        // 303: the browser follows with a GET, so reloading the page does not post the form again.
        Ok(()) => Redirect::to(&format!("/items/{id}#materials")).into_response(),
        Err(e) => failed(e),
    }
}

fn refused(status: StatusCode, message: String) -> Response {
    (status, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message).into_response()
}

fn failed(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "could not save a materials checklist");
    refused(StatusCode::SERVICE_UNAVAILABLE, "暂时无法保存，请稍后再试。".into())
}
