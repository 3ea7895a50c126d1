//! `POST /items/{id}/checklist`: saves the materials a resident ticked into their session, in the one shape of
//! `crate::forms`. A plain form post, so it works before (or without) any script; the item page it returns to
//! shows the saved ticks.

use crate::forms::Visit;
use app::catalog::service;
use app::ui::page_path::PagePath;
use axum::{extract::Path, response::Response, Form};

pub async fn save(visit: Visit, Path(id): Path<String>, Form(fields): Form<Vec<(String, String)>>) -> Response {
    let page = PagePath::new(&["items", &id]);
    let decided = service::save_checklist(visit.services(), &visit.session, &id, &fields).await;
    visit.answer_found(&page, decided).await
}
