//! The answer a person gets when there is no page to render again: a small page in Chinese with the status,
//! which needs nothing (no database, no bundle, no style sheet) to be shown. Pages and forms show their own
//! problems in their own frame (`ui::shown`, `forms::Visit`); this is for the rest, such as the cross-site
//! check, a calendar file that cannot be made, or an address axum itself rejects.

use axum::{
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{Html, IntoResponse, Response},
};
use std::borrow::Cow;

/// What went wrong, with the status it is answered with.
#[derive(Debug)]
pub struct Problem {
    status: StatusCode,
    message: Cow<'static, str>,
}

impl Problem {
    pub fn new(status: StatusCode, message: impl Into<Cow<'static, str>>) -> Self {
        Self { status, message: message.into() }
    }

    /// The database or another part of ours is away.
    pub fn unavailable() -> Self {
        Self::new(StatusCode::SERVICE_UNAVAILABLE, "系统暂时无法访问，请稍后再试。")
    }

    /// The usual words for `status`, when nothing more particular is known.
    fn of_status(status: StatusCode) -> Self {
        let message = match status.as_u16() {
            404 => "页面不存在。",
            405 => "这个地址不接受这样的请求。",
            413 => "提交的内容太大了。",
            429 => "请求太频繁了，请稍后再试。",
            400..=499 => "提交的内容无法处理，请返回上一页重新填写。",
            _ => return Self::unavailable(),
        };
        Self::new(status, message)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let title = if self.status.is_server_error() { "暂时无法访问" } else { "无法完成您的请求" };
        let message = html_escape::encode_text(&self.message);
        let page = format!(
            "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} - 掌上办 · 天津市河北区</title></head><body><main><h1>{title}</h1><p>{message}</p>\
             <p><a href=\"/\">返回首页</a></p><p>急事请拨打政务服务便民热线 12345。</p></main></body></html>"
        );
        (self.status, Html(page)).into_response()
    }
}

/// An error answer to a browser that is not a page already (axum's own rejections, a bare status) becomes the
/// problem page, with the same status. Callers that do not ask for HTML (the JSON server function, the event
/// stream, health checks) get what they were answered.
pub async fn for_people(request: Request, next: Next) -> Response {
    let wants_html = request
        .headers()
        .get(header::ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let response = next.run(request).await;
    let status = response.status();
    if !wants_html || !(status.is_client_error() || status.is_server_error()) || is_html(&response) {
        return response;
    }
    Problem::of_status(status).into_response()
}

fn is_html(response: &Response) -> bool {
    response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value: &HeaderValue| value.to_str().ok())
        .is_some_and(|value| value.starts_with("text/html"))
}
