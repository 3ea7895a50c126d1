//! Server functions answer 500 when they cannot decode their arguments. That is the caller's mistake, and a
//! JSON client must be able to tell it from a fault of ours: such answers become 400.

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::StatusCode,
    middleware::Next,
    response::Response,
};
use futures_util::StreamExt;

/// Server-function error bodies are "<variant>|<message>"; these variants mean the request was malformed.
const CLIENT_MISTAKES: [&[u8]; 2] = [b"Args|", b"Deserialization|"];
/// Enough of the body to tell the variant.
const PREFIX: usize = 16;

pub async fn malformed_arguments_are_client_errors(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_api = path.starts_with("/api/") || path.starts_with(crate::routes::STAFF_SERVER_FUNCTIONS);
    let response = next.run(request).await;
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    // Only the body's start is read: the message may repeat the caller's input, of any length.
    let (mut parts, body) = response.into_parts();
    let mut stream = body.into_data_stream();
    let mut start = Vec::new();
    while start.len() < PREFIX {
        match stream.next().await {
            Some(Ok(chunk)) => start.extend_from_slice(&chunk),
            Some(Err(_)) | None => break,
        }
    }
    if CLIENT_MISTAKES.iter().any(|prefix| start.starts_with(prefix)) {
        parts.status = StatusCode::BAD_REQUEST;
    }
    let body = futures_util::stream::once(async move { Ok::<_, axum::Error>(Bytes::from(start)) }).chain(stream);
    Response::from_parts(parts, Body::from_stream(body))
}
