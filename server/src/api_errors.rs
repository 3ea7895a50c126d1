//! Server functions answer 500 when they cannot decode their arguments. That is the caller's mistake, and a
//! JSON client must be able to tell it from a fault of ours: such answers become 400.

use axum::{
    body::Body,
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::{IntoResponse, Response},
};

/// Server-function error bodies are "<variant>|<message>"; these variants mean the request was malformed.
const CLIENT_MISTAKES: [&[u8]; 2] = [b"Args|", b"Deserialization|"];
const LARGEST_ERROR_BODY: usize = 64 * 1024;

pub async fn malformed_arguments_are_client_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, LARGEST_ERROR_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if CLIENT_MISTAKES.iter().any(|prefix| bytes.starts_with(prefix)) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    Response::from_parts(parts, Body::from(bytes))
}
