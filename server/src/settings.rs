//! `POST /settings/elder`: the 长辈版 switch. A plain form post, so it works before any script loads.

use app::ui::elder::COOKIE;
use axum::{
    http::header,
    response::{IntoResponse, Redirect},
    Form,
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ElderForm {
    on: String,
    #[serde(default)]
    back: String,
}

pub async fn set_elder_mode(Form(form): Form<ElderForm>) -> impl IntoResponse {
    let cookie = if form.on == "1" {
        format!("{COOKIE}=1; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly")
    } else {
        format!("{COOKIE}=0; Path=/; Max-Age=0; SameSite=Lax; HttpOnly")
    };
    ([(header::SET_COOKIE, cookie)], Redirect::to(safe_back(&form.back)))
}

/// Only back to a page of ours: a path, never another host ("//evil.example" is a host).
fn safe_back(back: &str) -> &str {
    if back.starts_with('/') && !back.starts_with("//") && !back.contains('\\') {
        back
    } else {
        "/"
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn redirects_only_to_our_own_pages() {
        assert_eq!(super::safe_back("/items?page=2"), "/items?page=2");
        assert_eq!(super::safe_back("//evil.example/x"), "/");
        assert_eq!(super::safe_back("https://evil.example"), "/");
        assert_eq!(super::safe_back(""), "/");
    }
}
