//! The Content-Security-Policy: scripts only from us or carrying this response's nonce, styles only from files.

use leptos::prelude::*;

pub fn content_security_policy(nonce: Option<&str>) -> String {
    let script_nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{script_nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Leptos generates the nonce per request (its `nonce` feature); the header must carry the same one.
pub fn send_content_security_policy() {
    let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    if let Ok(value) = http::HeaderValue::from_str(&content_security_policy(Some(&nonce))) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
