//! `POST /enforcement/v1/records`: the district's enforcement supervision platform pushes its records here, in the
//! feed format of `docs/enforcement-feed.md`, with a key an admin issued for it. No cookie is read and no session
//! started: the key is the caller. Every answer is JSON, its messages in Chinese: 200 with what was done, 400
//! with every problem (and nothing stored), 401/403 for the key, 429 past the key's limit, 503 when the database
//! is away.

use crate::guards::partner::{self, Refusal};
use crate::guards::rate_limit::Limit;
use crate::AppState;
use app::rankings::reporting::{Feed, FeedProblem, PUSH_LIMIT};
use app::rankings::service::reporting;
use app::staff::keys::{presented, KeyScope};
use app::staff::service::KeyRefused;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

/// Pushes a key may make: a month's records are one push, so this is generous for the platform and tight for a
/// leaked key.
const PUSHES: Limit = Limit { max_hits: 60, window_seconds: 3_600 };

/// An answer of problems: `{"errors": [{"record": 2, "id": "…", "message": "…"}, …]}`.
fn refused(status: StatusCode, problems: Vec<FeedProblem>) -> Response {
    (status, Json(json!({ "errors": problems }))).into_response()
}

fn one(status: StatusCode, message: impl Into<String>) -> Response {
    refused(status, vec![FeedProblem { record: None, id: None, message: message.into() }])
}

fn unavailable(error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "could not import enforcement records");
    one(StatusCode::SERVICE_UNAVAILABLE, "暂时无法保存执法记录，本批记录均未保存，请稍后重新发送。")
}

pub async fn push(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    let services = &state.services;
    let authorization = headers.get(header::AUTHORIZATION).and_then(|value| value.to_str().ok());
    let key = match partner::admit(&state, authorization.and_then(presented), KeyScope::EnforcementFeed, PUSHES).await {
        Ok(key) => key,
        Err(Refusal::Key(refusal)) => {
            let message = format!("{}（Authorization: Bearer 密钥）", refusal.message());
            return match refusal {
                KeyRefused::Unknown => {
                    let mut answer = one(StatusCode::UNAUTHORIZED, message);
                    answer.headers_mut().insert(header::WWW_AUTHENTICATE, "Bearer".parse().expect("a valid header"));
                    answer
                }
                KeyRefused::OtherScope => one(StatusCode::FORBIDDEN, message),
            };
        }
        Err(Refusal::TooOften { retry_after_seconds }) => {
            let minutes = (retry_after_seconds + 59) / 60;
            let answer = one(StatusCode::TOO_MANY_REQUESTS, format!("推送太频繁了，请 {minutes} 分钟后再试。"));
            return partner::retry_after(answer, retry_after_seconds);
        }
        Err(Refusal::Unavailable(error)) => return unavailable(error),
    };
    let feed: Feed = match serde_json::from_slice(&body) {
        Ok(feed) => feed,
        Err(error) => {
            let message = format!(
                "请求体不是有效的执法记录 JSON（第{}行第{}列附近），格式见接口文档。",
                error.line(),
                error.column()
            );
            return one(StatusCode::BAD_REQUEST, message);
        }
    };
    if feed.records.len() > PUSH_LIMIT {
        let message = format!("一次最多推送{PUSH_LIMIT}条记录，收到{}条，请分批发送。", feed.records.len());
        return one(StatusCode::PAYLOAD_TOO_LARGE, message);
    }
    match reporting::import(services, &feed, &format!("key:{}", key.id)).await {
        Ok(Ok(imported)) => {
            tracing::info!(key = key.id, ?imported, "imported enforcement records");
            Json(imported).into_response()
        }
        Ok(Err(problems)) => refused(StatusCode::BAD_REQUEST, problems),
        Err(error) => unavailable(error),
    }
}
