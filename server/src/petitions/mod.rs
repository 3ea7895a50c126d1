//! Server side of petitions: the SQL behind `app::petitions::store::PetitionStore`, the residents' forms (their
//! filing, one question a page; following it) and the staff's.

pub mod demo;
mod filing;
mod forms;
mod open311;
mod store;

pub use store::SqlPetitions;

use crate::routes::{declare, form, get_as, Declared, Kind};
use axum::{http::Method, routing::post};

pub fn routes() -> Vec<Declared> {
    vec![
        // A resident's filing, one question a page.
        form("/petitions/new/start", filing::start),
        form("/petitions/new/category", filing::category),
        form("/petitions/new/tier", filing::tier),
        form("/petitions/new/place", filing::place),
        form("/petitions/new/text", filing::text),
        declare(Method::POST, "/petitions/new/photos", Kind::Form, post(filing::photos).layer(filing::upload_limit())),
        get_as(Kind::Download, "/petitions/new/photos/{id}", filing::draft_photo),
        form("/petitions/new/photos/remove", filing::remove_photo),
        form("/petitions/new/photos/done", filing::photos_done),
        form("/petitions/new/contact", filing::contact),
        form("/petitions/new/code", filing::code),
        form("/petitions/new/code/resend", filing::resend),
        form("/petitions/new/sharing", filing::sharing),
        form("/petitions/new/me-too", filing::me_too),
        form("/petitions/new/confirm", filing::confirm),
        // Following one.
        form("/petitions/lookup", forms::look_up),
        form("/petitions/{token}", forms::answer),
        form("/petitions/{token}/callback", forms::callback),
        form("/petitions/{token}/rating", forms::rating),
        form("/petitions/{token}/withdraw", forms::withdraw),
        form("/staff/dispatch/route", forms::route),
        form("/staff/dispatch/decide", forms::decide),
        form("/staff/dispatch/publish", forms::publish),
        form("/staff/dispatch/callback", forms::call_back),
        form("/staff/dispatch/merge", forms::merge),
        form("/staff/dispatch/phone-in", forms::phone_in),
        form("/staff/dispatch/roster", forms::add_shift),
        form("/staff/dispatch/roster/remove", forms::remove_shift),
        form("/staff/warnings/acknowledge", forms::acknowledge),
        form("/staff/petitions/{department}/{number}", forms::handle),
        form("/staff/petitions/{department}/{number}/phone", forms::reveal_phone),
        get_as(Kind::Download, "/staff/petitions/{department}/{number}/photos/{id}", forms::case_photo),
        // The public petitions as Open311 GeoReport v2.
        get_as(Kind::Download, "/open311/v2/{document}", open311::document),
        declare(Method::POST, "/open311/v2/{document}", Kind::Api, post(open311::submit)),
        get_as(Kind::Download, "/open311/v2/services/{service}", open311::service),
        get_as(Kind::Download, "/open311/v2/requests/{request}", open311::request),
    ]
}

/// Personal data is kept `model::KEEP_PERSONAL_DATA_DAYS` after a petition ends, then erased; unfiled drafts'
/// photos go after a day.
#[async_trait::async_trait]
impl crate::housekeeping::Chore for SqlPetitions {
    fn name(&self) -> &'static str {
        "personal data of ended petitions"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(self.erase_old(now).await?)
    }
}

/// Deadlines missing from `petition_dues` (a demo history loaded from the command line, a write that stopped
/// between its commit and its deadlines) or worked out under an older calendar are worked out again.
pub struct Redating(pub std::sync::Arc<SqlPetitions>);

#[async_trait::async_trait]
impl crate::housekeeping::Chore for Redating {
    fn name(&self) -> &'static str {
        "petitions' deadlines under the current calendar"
    }

    async fn run(&self, now: chrono::DateTime<chrono::FixedOffset>) -> anyhow::Result<u64> {
        Ok(self.0.redate_stale(now).await?)
    }
}
