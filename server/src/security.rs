//! Headers every response carries, and the cross-site check every state-changing request passes.
//! Leptos server functions do no CSRF check of their own, so this guards them too.

use crate::problem::Problem;
use app::ui::csp::content_security_policy;
use axum::{
    extract::Request,
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::nonce::Nonce;

pub async fn guard(request: Request, next: Next) -> Response {
    if is_state_changing(request.method()) && !is_same_origin(request.headers()) {
        // Not the path: a booking's holds its token.
        tracing::warn!(method = %request.method(), "refused a cross-site request");
        return Problem::new(StatusCode::FORBIDDEN, "跨站请求已被拒绝：请从本站页面提交。").into_response();
    }
    // A NUL byte is no part of any address of ours, and PostgreSQL cannot hold one in text.
    if request.uri().path_and_query().is_some_and(|address| address.as_str().contains("%00")) {
        return Problem::new(StatusCode::BAD_REQUEST, "地址中含有不能处理的字符。").into_response();
    }
    let mut request = match without_nul_in_form(request).await {
        Ok(request) => request,
        Err(refused) => return refused,
    };
    if crate::routes::is_private_server_function(request.uri().path()) {
        return Problem::new(StatusCode::NOT_FOUND, "没有这个接口。").into_response();
    }
    let public = crate::routes::is_public_page(request.uri().path());
    let staff = request.uri().path() == "/staff" || request.uri().path().starts_with("/staff/");
    // The nonce of this response's scripts: the page's render takes it from here (`page_context`), and the header
    // is sent here, not through Leptos's response options, which under a browser's load sometimes lost it.
    let nonce = Nonce::new();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    if is_html(response.headers()) && !response.headers().contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(csp) = HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
            response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    // Nothing that may be personal stays in a browser's cache (a kiosk is shared): only public pages and data
    // (revalidated, as they change with the data), and answers that set their own (the build's assets), are kept.
    if !response.headers().contains_key(header::CACHE_CONTROL) {
        let policy = if public { "no-cache" } else { "no-store" };
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // Staff pages stay out of search engines even where a link to them leaks.
    if staff {
        response.headers_mut().insert("x-robots-tag", HeaderValue::from_static("noindex, nofollow"));
    }
    add_headers(response.headers_mut());
    response
}

/// axum's own limit on a form's body (`DefaultBodyLimit`), which the handlers would apply anyway.
const FORM_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// A form (and a server function's arguments, which come as one) whose body holds a NUL byte, raw or `%00`, is
/// refused as such an address is: no text a person types holds one, and PostgreSQL cannot compare or keep it, so
/// it would otherwise reach a query and fail there.
async fn without_nul_in_form(request: Request) -> Result<Request, Response> {
    let is_form = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Ok(request);
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, FORM_BODY_LIMIT).await else {
        return Err(Problem::new(StatusCode::PAYLOAD_TOO_LARGE, "提交的内容太大了。").into_response());
    };
    if bytes.contains(&0) || bytes.windows(3).any(|three| three == b"%00") {
        return Err(Problem::new(StatusCode::BAD_REQUEST, "提交的内容中含有不能处理的字符。").into_response());
    }
    Ok(Request::from_parts(parts, axum::body::Body::from(bytes)))
}

fn is_state_changing(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Modern browsers send Sec-Fetch-Site; older ones at least Origin on a POST. A request with neither comes
/// from no browser (curl, a test), where there is no ambient cookie to abuse.
fn is_same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site") {
        return matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    match (headers.get(header::ORIGIN), headers.get(header::HOST)) {
        (Some(origin), Some(host)) => origin
            .to_str()
            .ok()
            .and_then(|o| o.split_once("://"))
            .is_some_and(|(_, origin_host)| origin_host.as_bytes() == host.as_bytes()),
        (Some(_), None) => false,
        (None, _) => true,
    }
}

fn is_html(headers: &HeaderMap) -> bool {
    headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

fn add_headers(headers: &mut HeaderMap) {
    let set = |headers: &mut HeaderMap, name, value: &'static str| {
        headers.entry(name).or_insert(HeaderValue::from_static(value));
    };
    // Pages got theirs, with the nonce of their scripts; everything else gets the strict default.
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(csp) = HeaderValue::from_str(&content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, csp);
        }
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    // Same-origin requests keep the full Referer (Leptos's no-JS redirect back to the form relies on it).
    set(headers, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set(headers, header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    set(headers, header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if is_html(headers) {
        // Pages change with the data and may carry a per-request nonce: always revalidate.
        set(headers, header::CACHE_CONTROL, "no-cache");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        pairs.iter().map(|(k, v)| (header::HeaderName::from_static(k), HeaderValue::from_static(v))).collect()
    }

    #[test]
    fn same_origin_passes_and_cross_site_is_refused() {
        assert!(is_same_origin(&headers(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_same_origin(&headers(&[("sec-fetch-site", "cross-site")])));
        assert!(is_same_origin(&headers(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(!is_same_origin(&headers(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(is_same_origin(&headers(&[])));
    }
}
