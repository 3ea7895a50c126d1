//! The booking forms' handlers, each in the one shape of `crate::forms`: extract, let `app::booking::service`
//! decide, answer.

use crate::forms::{Address, Visit};
use crate::guards::{digest, rate_limit};
use app::booking::codes::normalise_check_in;
use app::booking::draft::{Step, WhoForm};
use app::booking::service::{
    self, CheckInForm, ConfirmForm, ConsentForm, DayForm, PlaceForm, RescheduleForm, SlotForm, StartForm,
};
use app::personal::check_mobile;
use app::ui::form::{Decision, FormProblem};
use app::ui::page_path::PagePath;
use axum::{extract::Path, response::Response, Form};
use serde::Deserialize;

pub async fn start(visit: Visit, Form(form): Form<StartForm>) -> Response {
    let decided = service::start(visit.services(), &visit.session, form).await;
    visit.answer(&PagePath::fixed("/book"), decided).await
}

pub async fn place(visit: Visit, Form(form): Form<PlaceForm>) -> Response {
    let page = match form.street.as_str() {
        "" => PagePath::fixed(Step::Place.path()),
        street => PagePath::fixed(Step::Place.path()).with_query("street", street),
    };
    let decided = service::choose_place(visit.services(), &visit.session, form).await;
    visit.answer(&page, decided).await
}

pub async fn day(visit: Visit, Form(form): Form<DayForm>) -> Response {
    let decided = service::choose_day(visit.services(), &visit.session, form).await;
    visit.answer(&PagePath::fixed(Step::Day.path()), decided).await
}

pub async fn slot(visit: Visit, Form(form): Form<SlotForm>) -> Response {
    let decided = service::choose_slot(visit.services(), &visit.session, form).await;
    visit.answer(&PagePath::fixed(Step::Slot.path()), decided).await
}

pub async fn who(visit: Visit, Form(form): Form<WhoForm>) -> Response {
    let decided = service::give_who(visit.services(), &visit.session, form).await;
    visit.answer(&PagePath::fixed(Step::Who.path()), decided).await
}

pub async fn consent(visit: Visit, Form(form): Form<ConsentForm>) -> Response {
    let decided = service::consent(&visit.session, form).await;
    visit.answer(&PagePath::fixed(Step::Consent.path()), decided).await
}

pub async fn confirm(visit: Visit, Form(form): Form<ConfirmForm>) -> Response {
    let decided = service::confirm(visit.services(), &visit.session, form).await;
    visit.answer(&PagePath::fixed(Step::Check.path()), decided).await
}

pub async fn cancel(visit: Visit, Path(token): Path<String>) -> Response {
    let page = PagePath::new(&["bookings", &token]);
    let decided = service::cancel(visit.services(), &token).await;
    visit.answer_found(&page, decided).await
}

pub async fn reschedule(visit: Visit, Path(token): Path<String>, Form(form): Form<RescheduleForm>) -> Response {
    let page = PagePath::new(&["bookings", &token, "reschedule"]).with_query("day", &form.day);
    let decided = service::reschedule(visit.services(), &token, &form).await;
    visit.answer_found(&page, decided).await
}

pub async fn check_in(visit: Visit, Path(place): Path<String>, Form(form): Form<CheckInForm>) -> Response {
    let decided = service::check_in(visit.services(), &place, form).await;
    visit.answer(&PagePath::new(&["kiosk", &place, "check-in"]), decided).await
}

#[derive(Deserialize)]
pub struct LookupForm {
    #[serde(default)]
    phone: String,
    #[serde(default)]
    code: String,
}

/// Ten lookups per phone number in ten minutes: plenty for a resident, hopeless for guessing 8-character codes.
const LOOKUP_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 10, window_seconds: 600 };
/// And sixty per address, so that guessing cannot go on by trying many phone numbers. Generous, because many
/// people can share one address: a community centre's kiosk, or a mobile network's NAT.
const LOOKUP_ADDRESS_LIMIT: rate_limit::Limit = rate_limit::Limit { max_hits: 60, window_seconds: 600 };

/// `POST /bookings/lookup`: phone + one check-in code proves the phone for this session. Each try is counted
/// against the phone and the address before the service looks.
pub async fn lookup(visit: Visit, Address(address): Address, Form(form): Form<LookupForm>) -> Response {
    let page = PagePath::fixed("/bookings");
    let (phone, code) = (check_mobile(&form.phone), normalise_check_in(&form.code));
    let (Ok(phone), Some(code)) = (&phone, &code) else {
        let mut errors = Vec::new();
        if let Err(message) = phone {
            errors.push(("phone", message.to_string()));
        }
        if code.is_none() {
            errors.push(("code", "签到码是8位字母和数字，例如 K7M2Q9XA。".to_string()));
        }
        let problem = FormProblem::new(errors, vec![("code".into(), form.code.clone())]);
        return visit.answer(&page, Ok::<_, String>(Decision::Again(problem))).await;
    };
    let now = visit.services().site.clock.now().timestamp();
    let buckets = [
        (format!("lookup-address:{address}"), LOOKUP_ADDRESS_LIMIT),
        (format!("lookup:{}", digest(phone)), LOOKUP_LIMIT),
    ];
    if let Some(refused) = visit.too_often(&page, "查询", &buckets, now).await {
        return refused;
    }
    let decided = service::prove_phone(visit.services(), &visit.session, phone, code).await;
    visit.answer(&page, decided).await
}
