//! The Content-Security-Policy: scripts and style elements only from us or carrying this response's nonce (the
//! page's own style sheet is in its head), no style attributes. The server's security layer makes the nonce, gives
//! it to the page's render and sends the header itself.

pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'{nonce}; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
