//! Secrets the server makes: long URL-safe tokens for links and cookies, and short codes people type. Every
//! capability's come from here. Server-only.

use base64::Engine;
use rand::Rng;

/// `bytes` random bytes as URL-safe base64, without padding (24 bytes: 32 characters, 192 bits).
pub fn url_safe(bytes: usize) -> String {
    let mut secret = vec![0u8; bytes];
    rand::rng().fill(&mut secret[..]);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(secret)
}

/// Whether `token` has the shape `url_safe(bytes)` gives: anything else was never made here, and is turned away
/// before it reaches a query.
pub fn is_url_safe(token: &str, bytes: usize) -> bool {
    token.len() == (bytes * 4).div_ceil(3) && token.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `length` characters drawn from `alphabet`.
pub fn code(alphabet: &[u8], length: usize) -> String {
    let mut rng = rand::rng();
    (0..length).map(|_| alphabet[rng.random_range(0..alphabet.len())] as char).collect()
}

/// The SHA-256 of a secret or of personal data, in hex: kept instead of a token, a code, an address. The same
/// input gives the same digest, which shows nothing of it at a glance. (Not a secret itself: an ID number's few
/// billion values, or a code's million, are quickly hashed, so digests go with the data they stand for.)
pub fn digest(secret: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn tokens_and_codes_have_their_length_and_alphabet() {
        assert_eq!(super::url_safe(24).len(), 32);
        assert_eq!(super::url_safe(32).len(), 43);
        let code = super::code(b"0123456789", 8);
        assert!(code.len() == 8 && code.bytes().all(|b| b.is_ascii_digit()));
        assert_ne!(super::url_safe(24), super::url_safe(24));
        assert!(super::is_url_safe(&super::url_safe(32), 32) && super::is_url_safe(&super::url_safe(24), 24));
        assert!(!super::is_url_safe("%00", 32) && !super::is_url_safe(&format!("{}=", &super::url_safe(32)[1..]), 32));
    }
}
