//! The resident's filing forms, in the one shape of `crate::forms`; texts are counted against their limits here,
//! before the service sends one, and photos arrive as a multipart upload.

use crate::forms::{Address, Visit};
use crate::guards::{digest, rate_limit};
use crate::problem::Problem;
use app::petitions::draft::{Draft, Step};
use app::petitions::model::MAX_PHOTOS;
use app::petitions::service::{
    self, CategoryForm, CodeForm, ConfirmForm, ContactForm, MeTooForm, PhotoForm, PlaceForm, SharingForm, StartForm,
    TextForm, TierForm,
};
use app::photos::MAX_BYTES;
use app::ui::form::Decision;
use app::ui::page_path::PagePath;
use app::ui::questions::Questions;
use axum::extract::{multipart::Multipart, DefaultBodyLimit, Path};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Form;

const START: &str = <Draft as Questions>::START;

fn page(step: Step) -> PagePath {
    PagePath::fixed(step.path())
}

pub async fn start(visit: Visit, Form(form): Form<StartForm>) -> Response {
    let decided = service::start(&visit.session, form).await;
    visit.answer(&PagePath::fixed("/petitions/new"), decided).await
}

pub async fn category(visit: Visit, Form(form): Form<CategoryForm>) -> Response {
    let decided = service::choose_category(&visit.session, form).await;
    visit.answer(&page(Step::Category), decided).await
}

pub async fn tier(visit: Visit, Form(form): Form<TierForm>) -> Response {
    let decided = service::choose_tier(&visit.session, form).await;
    visit.answer(&page(Step::Tier), decided).await
}

pub async fn place(visit: Visit, Form(form): Form<PlaceForm>) -> Response {
    let again = page(Step::Place).with_query("street", &form.street);
    let decided = service::choose_place(visit.services(), &visit.session, form).await;
    visit.answer(&again, decided).await
}

pub async fn text(visit: Visit, Form(form): Form<TextForm>) -> Response {
    let decided = service::give_text(&visit.session, form).await;
    visit.answer(&page(Step::Text), decided).await
}

/// The most one upload may carry: the photos still allowed, each at its limit, and the form around them.
pub fn upload_limit() -> DefaultBodyLimit {
    DefaultBodyLimit::max(MAX_PHOTOS * MAX_BYTES + 64 * 1024)
}

/// `POST /petitions/new/photos` (multipart): each `photo` file's bytes, read whole up to the body limit.
pub async fn photos(visit: Visit, mut upload: Multipart) -> Response {
    let mut files = Vec::new();
    loop {
        match upload.next_field().await {
            Ok(Some(field)) if field.name() == Some("photo") => match field.bytes().await {
                Ok(bytes) => files.push(bytes.to_vec()),
                Err(e) if e.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                    let refused = Ok::<_, String>(service::too_large_upload());
                    return visit.answer(&page(Step::Photos), refused).await;
                }
                Err(_) => break,
            },
            Ok(Some(_)) => continue,
            Ok(None) | Err(_) => break,
        }
    }
    let decided = service::add_photos(visit.services(), &visit.session, files).await;
    visit.answer(&page(Step::Photos), decided).await
}

pub async fn remove_photo(visit: Visit, Form(form): Form<PhotoForm>) -> Response {
    let decided = service::remove_photo(visit.services(), &visit.session, form).await;
    visit.answer(&page(Step::Photos), decided).await
}

pub async fn photos_done(visit: Visit) -> Response {
    let decided = service::photos_done(&visit.session).await;
    visit.answer(&page(Step::Photos), decided).await
}

/// `GET /petitions/new/photos/{id}`: one of the draft's own photos, as kept (never cached: it is the resident's).
pub async fn draft_photo(visit: Visit, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else { return no_such_photo() };
    match service::draft_photo(visit.services(), &visit.session, id).await {
        Ok(Some(jpeg)) => ([(header::CONTENT_TYPE, "image/jpeg")], jpeg).into_response(),
        Ok(None) => no_such_photo(),
        Err(e) => {
            tracing::error!(error = %e, "could not read a draft's photo");
            Problem::new(StatusCode::SERVICE_UNAVAILABLE, "暂时无法显示照片，请稍后再试。").into_response()
        }
    }
}

fn no_such_photo() -> Response {
    Problem::new(StatusCode::NOT_FOUND, "没有这张照片。").into_response()
}

/// Five codes per phone an hour, and twenty per address: enough for a resident who mistyped, too few to use the
/// site to flood someone's phone (or run up the gateway's bill).
const TEXTS_PER_PHONE: rate_limit::Limit = rate_limit::Limit { max_hits: 5, window_seconds: 3600 };
const TEXTS_PER_ADDRESS: rate_limit::Limit = rate_limit::Limit { max_hits: 20, window_seconds: 3600 };

fn text_buckets(phone: &str, address: &str) -> [(String, rate_limit::Limit); 2] {
    [(format!("sms-address:{address}"), TEXTS_PER_ADDRESS), (format!("sms:{}", digest(phone)), TEXTS_PER_PHONE)]
}

/// `POST /petitions/new/contact`: the name and phone checked, the text counted, the code sent.
pub async fn contact(visit: Visit, Address(address): Address, Form(form): Form<ContactForm>) -> Response {
    let again = page(Step::Contact);
    let contact = match service::checked_contact(&visit.session, &form).await {
        Ok(Some(Ok(contact))) => contact,
        Ok(Some(Err(problem))) => return visit.answer(&again, Ok::<_, String>(Decision::Again(problem))).await,
        Ok(None) => return visit.answer(&again, Ok::<_, String>(Decision::onward(START))).await,
        Err(e) => return visit.unavailable(&again, e).await,
    };
    let now = visit.services().site.clock.now().timestamp();
    if let Some(refused) = visit.too_often(&again, "获取验证码", &text_buckets(&contact.phone, &address), now).await
    {
        return refused;
    }
    let decided = service::give_contact(visit.services(), &visit.session, contact).await;
    visit.answer(&again, decided).await
}

pub async fn code(visit: Visit, Form(form): Form<CodeForm>) -> Response {
    let decided = service::prove_phone(visit.services(), &visit.session, form).await;
    visit.answer(&page(Step::Code), decided).await
}

pub async fn resend(visit: Visit, Address(address): Address) -> Response {
    let again = page(Step::Code);
    let phone = match service::phone_of_draft(&visit.session).await {
        Ok(Some(phone)) => phone,
        // Nothing to text: the questions are answered from the start first.
        Ok(None) => return visit.answer(&again, Ok::<_, String>(Decision::onward(START))).await,
        Err(e) => return visit.unavailable(&again, e).await,
    };
    let now = visit.services().site.clock.now().timestamp();
    if let Some(refused) = visit.too_often(&again, "获取验证码", &text_buckets(&phone, &address), now).await {
        return refused;
    }
    let decided = service::resend_code(visit.services(), &visit.session).await;
    visit.answer(&again, decided).await
}

pub async fn sharing(visit: Visit, Form(form): Form<SharingForm>) -> Response {
    let decided = service::choose_sharing(&visit.session, form).await;
    visit.answer(&page(Step::Sharing), decided).await
}

pub async fn me_too(visit: Visit, Form(form): Form<MeTooForm>) -> Response {
    let decided = service::me_too(visit.services(), &visit.session, form).await;
    visit.answer(&page(Step::Check), decided).await
}

pub async fn confirm(visit: Visit, Form(form): Form<ConfirmForm>) -> Response {
    let decided = service::confirm(visit.services(), &visit.session, form).await;
    visit.answer(&page(Step::Check), decided).await
}
