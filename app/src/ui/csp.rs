//! The Content-Security-Policy: scripts only from us or carrying this response's nonce, styles only from files.
//! The server's security layer makes the nonce, gives it to the page's render and sends the header itself.

pub fn content_security_policy(nonce: Option<&str>) -> String {
    let script_nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{script_nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
