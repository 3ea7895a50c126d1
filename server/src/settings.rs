//! `POST /settings/elder`: the 长辈版 switch. A plain form post, so it works before any script loads.

use app::ui::{elder::COOKIE, own_page::own_page};
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
    // Back to the page the switch was on, and never to another site.
    let back = own_page(&form.back).unwrap_or_else(|| "/".into());
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back))
}
