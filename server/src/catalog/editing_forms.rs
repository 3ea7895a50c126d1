//! The disclosure editor's forms, in the one shape of `crate::forms`; `app::catalog::service::editing` checks the
//! caller's grant (an editor of the entry's department; an admin for a decision).

use crate::forms::Visit;
use crate::staff::{refused, Caller};
use app::catalog::service::editing::{self, Target};
use app::ui::page_path::PagePath;
use axum::{extract::Path, response::Response, Form};

/// `POST /staff/disclosure/edit/{kind}/{id}`: an entry saved, or reviewed with no change.
pub async fn save(
    visit: Visit,
    Caller(user): Caller,
    Path((kind, id)): Path<(String, String)>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let page = PagePath::new(&["staff", "disclosure", "edit", &kind, &id]);
    let Some(target) = Target::named(&kind, &id) else {
        return visit.answer_found(&page, Ok::<_, String>(None)).await;
    };
    match editing::save(visit.services(), user.as_ref(), &target, &fields).await {
        Ok(Ok(decided)) => visit.answer_found(&page, Ok::<_, String>(decided)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}

/// `POST /staff/disclosure/approvals/{id}`: legal changes approved or rejected.
pub async fn decide(
    visit: Visit,
    Caller(user): Caller,
    Path(id): Path<String>,
    Form(fields): Form<Vec<(String, String)>>,
) -> Response {
    let page = PagePath::fixed("/staff/disclosure/approvals");
    match editing::decide(visit.services(), user.as_ref(), &id, &fields).await {
        Ok(Ok(decided)) => visit.answer_found(&page, Ok::<_, String>(decided)).await,
        Ok(Err(denied)) => refused(denied),
        Err(error) => visit.unavailable(&page, error).await,
    }
}
