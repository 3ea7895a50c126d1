//! The Content-Security-Policy: scripts only from us or carrying this response's nonce; styles only from us or
//! the site's style sheet in the head (allowed by its digest), no style attributes. The server's security layer
//! makes the nonce, gives it to the page's render and sends the header itself.

use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// The style sheet's digest. The same in every response, unlike a nonce, so a copy of a page parsed to update a
/// live region passes this page's policy too.
static STYLE_DIGEST: LazyLock<String> = LazyLock::new(|| {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(crate::STYLE.as_bytes()))
});

pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce.map(|n| format!(" 'nonce-{n}'")).unwrap_or_default();
    let style = &*STYLE_DIGEST;
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self' 'sha256-{style}'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}
