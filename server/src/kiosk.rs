//! The kiosk's own form. `POST /kiosk/{place}/end`: the person at the kiosk is done (or walked away); their
//! session is deleted and the browser told to forget. (Checking in at a kiosk is the booking's form.)

use app::ui::page_path::PagePath;
use axum::{
    extract::Path,
    http::{header::HeaderName, HeaderValue},
    response::{IntoResponse, Redirect, Response},
};
use tower_sessions::Session;

pub fn routes() -> Vec<crate::routes::Declared> {
    vec![crate::routes::form("/kiosk/{place}/end", end)]
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
