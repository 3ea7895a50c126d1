//! A resident files a petition, one question per page (`petitions::draft`): what each page shows, and what each
//! form decides. The phone is proved by a texted code before anything is filed; photos are re-encoded before
//! they are kept; the check page's form files once however often it is sent.

use super::communities;
use crate::categories::{categories, category};
use crate::personal::{check_mobile, check_name, mask_name, mask_phone};
use crate::petitions::draft::{Contact, Draft, Place, Sharing, Step, FILED_PATH};
use crate::petitions::filing::{check_body, check_detail, check_title};
use crate::petitions::model::{Channel, MAX_PHOTOS};
use crate::petitions::page_data::{
    CategoryChoices, CodeSent, ContactAnswers, FiledView, FilingCheck, PhotoChoices, SharingAnswers, TextAnswers,
    TierChoice, TierChoices, WhereChoices,
};
use crate::petitions::store::PhotosOf;
use crate::petitions::tiers::Tier;
use crate::petitions::tracking::spaced;
use crate::photos::{re_encoded, Unusable};
use crate::random::digest;
use crate::services::Services;
use crate::sms::phone_code::{self, SentCode};
use crate::sms::{Template, Text};
use crate::ui::form::{Decision, FormProblem};
use crate::ui::questions::{gate, load, save, with_draft, Gate, Questions};
use leptos::prelude::ServerFnError;
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Clone, Debug, Default, Deserialize)]
pub struct StartForm {
    /// `kiosk` when the resident came from a community centre's kiosk (its QR code).
    #[serde(default)]
    pub from: String,
}

/// `POST /petitions/new/start`: a new draft.
pub async fn start(session: &Session, form: StartForm) -> Result<Decision, ServerFnError> {
    let channel = if form.from == "kiosk" { Channel::Kiosk } else { Channel::Web };
    save(session, &Draft::new(crate::random::url_safe(16), channel)).await?;
    Ok(Decision::onward(Step::Category.path()))
}

pub async fn category_step(session: &Session) -> Result<Gate<CategoryChoices>, ServerFnError> {
    gate(session, Step::Category, async |draft: Draft| {
        let mut groups: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for c in categories() {
            match groups.last_mut() {
                Some((group, members)) if group == c.group => members.push((c.id.into(), c.label.into())),
                _ => groups.push((c.group.into(), vec![(c.id.into(), c.label.into())])),
            }
        }
        Ok(CategoryChoices { groups, chosen: draft.category })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CategoryForm {
    #[serde(default)]
    pub category: String,
}

pub async fn choose_category(session: &Session, form: CategoryForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        if category(&form.category).is_none() {
            return Ok((Decision::field("category", "请选择诉求类别。"), None));
        }
        draft.choose_category(form.category);
        Ok((Decision::onward(Step::Tier.path()), Some(draft)))
    })
    .await
}

pub async fn tier_step(session: &Session) -> Result<Gate<TierChoices>, ServerFnError> {
    gate(session, Step::Tier, async |draft: Draft| {
        let suggested = draft.suggested_tier().unwrap_or(Tier::Ordinary);
        let tiers = Tier::ALL
            .into_iter()
            .map(|tier| {
                let clocks = tier.clocks();
                TierChoice {
                    code: tier.code().into(),
                    label: clocks.label.into(),
                    clocks: clocks.words(),
                    advice: clocks.advice.into(),
                }
            })
            .collect();
        Ok(TierChoices {
            category: draft.category.as_deref().and_then(category).map_or("", |c| c.label).into(),
            tiers,
            chosen: draft.tier.unwrap_or(suggested).code().into(),
            suggested: suggested.code().into(),
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TierForm {
    #[serde(default)]
    pub tier: String,
}

pub async fn choose_tier(session: &Session, form: TierForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let Some(tier) = Tier::from_code(&form.tier) else {
            return Ok((Decision::field("tier", "请选择紧急程度。"), None));
        };
        draft.tier = Some(tier);
        Ok((Decision::onward(Step::Place.path()), Some(draft)))
    })
    .await
}

/// `street`: the one picked on the page (`?street=`), if any; else the one answered before.
pub async fn place_step(
    services: &Services,
    session: &Session,
    street: Option<String>,
) -> Result<Gate<WhereChoices>, ServerFnError> {
    gate(session, Step::Place, async |draft: Draft| {
        let all = communities(services).await?;
        let mut streets: Vec<(String, usize)> = Vec::new();
        for (street, _) in &all {
            match streets.iter_mut().find(|(s, _)| s == street) {
                Some((_, count)) => *count += 1,
                None => streets.push((street.clone(), 1)),
            }
        }
        let street = street
            .or_else(|| draft.place.as_ref().map(|p| p.street.clone()))
            .filter(|street| streets.iter().any(|(s, _)| s == street));
        let communities =
            all.into_iter().filter(|(s, _)| Some(s) == street.as_ref()).map(|(_, community)| community).collect();
        Ok(WhereChoices {
            streets,
            street,
            communities,
            chosen: draft.place.as_ref().map(|p| p.community.clone()),
            detail: draft.place.map(|p| p.detail).unwrap_or_default(),
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub community: String,
    #[serde(default)]
    pub detail: String,
}

pub async fn choose_place(services: &Services, session: &Session, form: PlaceForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let known = communities(services).await?.into_iter().any(|(s, c)| s == form.street && c == form.community);
        let detail = check_detail(&form.detail);
        let mut problems = Vec::new();
        if !known {
            problems.push(("community", "请选择所在社区。".to_string()));
        }
        if let Err(message) = &detail {
            problems.push(("detail", message.to_string()));
        }
        let (Ok(detail), true) = (detail, problems.is_empty()) else {
            let values = vec![("detail".to_string(), form.detail.clone())];
            return Ok((Decision::Again(FormProblem::new(problems, values)), None));
        };
        draft.place = Some(Place { street: form.street, community: form.community, detail });
        Ok((Decision::onward(Step::Text.path()), Some(draft)))
    })
    .await
}

pub async fn text_step(session: &Session) -> Result<Gate<TextAnswers>, ServerFnError> {
    gate(session, Step::Text, async |draft: Draft| {
        Ok(TextAnswers {
            category: draft.category.as_deref().and_then(category).map_or("", |c| c.label).into(),
            title: draft.title,
            body: draft.body,
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct TextForm {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
}

pub async fn give_text(session: &Session, form: TextForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let (title, body) = (check_title(&form.title), check_body(&form.body));
        let problems: Vec<(&'static str, String)> = [("title", title.as_ref().err()), ("body", body.as_ref().err())]
            .into_iter()
            .filter_map(|(field, problem)| problem.map(|p| (field, p.to_string())))
            .collect();
        let (Ok(title), Ok(body)) = (title, body) else {
            let values = vec![("title".to_string(), form.title.clone()), ("body".to_string(), form.body.clone())];
            return Ok((Decision::Again(FormProblem::new(problems, values)), None));
        };
        (draft.title, draft.body) = (title, body);
        Ok((Decision::onward(Step::Photos.path()), Some(draft)))
    })
    .await
}

pub async fn photos_step(services: &Services, session: &Session) -> Result<Gate<PhotoChoices>, ServerFnError> {
    gate(session, Step::Photos, async |draft: Draft| {
        let photos: Vec<i64> =
            services.petitions.photos(PhotosOf::Draft(&draft.key)).await?.into_iter().map(|p| p.id).collect();
        Ok(PhotoChoices { room_for: MAX_PHOTOS.saturating_sub(photos.len()), photos })
    })
    .await
}

/// `POST /petitions/new/photos`: the files chosen, each re-encoded and kept until there are `MAX_PHOTOS`. A file
/// that is not a usable photo is named with its reason; the others are kept.
pub async fn add_photos(
    services: &Services,
    session: &Session,
    files: Vec<Vec<u8>>,
) -> Result<Decision, ServerFnError> {
    with_draft(session, async |draft: Draft| {
        let files: Vec<Vec<u8>> = files.into_iter().filter(|file| !file.is_empty()).collect();
        if files.is_empty() {
            return Ok((Decision::field("photo", "请选择要上传的照片。"), None));
        }
        let now = services.site.clock.now();
        let mut problems: Vec<String> = Vec::new();
        for (n, file) in files.into_iter().enumerate() {
            match re_encoded(file).await {
                Ok(photo) => {
                    if !services.petitions.add_photo(&draft.key, &photo, now).await? {
                        problems.push(format!("最多上传{MAX_PHOTOS}张照片。"));
                        break;
                    }
                }
                Err(unusable) => problems.push(format!("第{}张：{unusable}", n + 1)),
            }
        }
        Ok(match problems.is_empty() {
            true => (Decision::onward(Step::Photos.path()), None),
            false => (Decision::field("photo", problems.join(" ")), None),
        })
    })
    .await
}

/// A refused upload that never reached the photos (too large for the request): the page again, saying why.
pub fn too_large_upload() -> Decision {
    Decision::Again(FormProblem::new(vec![("photo", Unusable::TooLarge.to_string())], Vec::new()).with_status(413))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PhotoForm {
    #[serde(default)]
    pub remove: i64,
}

/// `POST /petitions/new/photos/remove`
pub async fn remove_photo(services: &Services, session: &Session, form: PhotoForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |draft: Draft| {
        services.petitions.remove_photo(&draft.key, form.remove).await?;
        Ok((Decision::onward(Step::Photos.path()), None))
    })
    .await
}

/// `POST /petitions/new/photos/done`: on, with or without photos.
pub async fn photos_done(session: &Session) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        draft.photos_done = true;
        Ok((Decision::onward(Step::Contact.path()), Some(draft)))
    })
    .await
}

/// One of the draft's photos, to show on its pages. `None`: not this draft's.
pub async fn draft_photo(services: &Services, session: &Session, id: i64) -> Result<Option<Vec<u8>>, ServerFnError> {
    let Some(draft) = load::<Draft>(session).await? else { return Ok(None) };
    Ok(services.petitions.photo(PhotosOf::Draft(&draft.key), id).await?)
}

pub async fn contact_step(session: &Session) -> Result<Gate<ContactAnswers>, ServerFnError> {
    gate(session, Step::Contact, async |draft: Draft| {
        Ok(ContactAnswers {
            name: draft.contact.as_ref().map(|c| c.name.clone()).unwrap_or_default(),
            phone_masked: draft.contact.as_ref().map(|c| mask_phone(&c.phone)),
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ContactForm {
    #[serde(default)]
    pub name: String,
    /// Empty: the phone given before.
    #[serde(default)]
    pub phone: String,
}

/// The name and phone the contact form gives, checked: an empty phone keeps the one given before. `None`: no draft
/// to give them to (the start is next).
pub async fn checked_contact(
    session: &Session,
    form: &ContactForm,
) -> Result<Option<Result<Contact, FormProblem>>, ServerFnError> {
    let Some(draft) = load::<Draft>(session).await? else { return Ok(None) };
    let name = check_name(&form.name);
    let phone = match (form.phone.trim(), &draft.contact) {
        ("", Some(before)) => Ok(before.phone.clone()),
        (typed, _) => check_mobile(typed),
    };
    Ok(Some(match (name, phone) {
        (Ok(name), Ok(phone)) => Ok(Contact { name, phone }),
        (name, phone) => {
            let problems = [("name", name.err()), ("phone", phone.err())]
                .into_iter()
                .filter_map(|(field, problem)| problem.map(|p| (field, p.to_string())))
                .collect();
            Err(FormProblem::new(problems, vec![("name".into(), form.name.clone())]))
        }
    }))
}

/// `POST /petitions/new/contact` once the caller has counted the text against its limits: texts a code to the
/// phone (unless one went there within the minute) and asks for it.
pub async fn give_contact(services: &Services, session: &Session, contact: Contact) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        draft.give_contact(contact);
        let now = services.site.clock.now();
        let recent = draft.code.as_ref().is_some_and(|sent| sent.wait_before_resending(now) > chrono::Duration::zero());
        if !draft.phone_proved && !recent {
            if let Err(problem) = send_code(services, &mut draft).await {
                return Ok((Decision::field("phone", problem), None));
            }
        }
        Ok((Decision::onward(Step::Code.path()), Some(draft)))
    })
    .await
}

/// Texts a new code to the draft's phone and keeps its digest.
async fn send_code(services: &Services, draft: &mut Draft) -> Result<(), String> {
    let phone = draft.contact.as_ref().map(|c| c.phone.clone()).unwrap_or_default();
    let code = crate::random::code(b"0123456789", phone_code::DIGITS);
    let now = services.site.clock.now();
    let text = Text { phone: phone.clone(), template: Template::PhoneCode { code: code.clone() } };
    services.sms.queue.queue(&text, now).await.map_err(|e| {
        tracing::warn!(phone = %mask_phone(&phone), "a phone code was not queued: {e}");
        "验证码短信没有发出，请稍后再试。".to_string()
    })?;
    draft.code = Some(SentCode::new(phone, code_digest(&draft.key, &code), now));
    Ok(())
}

/// A code's digest, salted with the draft's key.
fn code_digest(key: &str, code: &str) -> String {
    digest(&format!("{key}:{code}"))
}

pub async fn code_step(services: &Services, session: &Session) -> Result<Gate<CodeSent>, ServerFnError> {
    gate(session, Step::Code, async |draft: Draft| {
        let now = services.site.clock.now();
        Ok(CodeSent {
            phone_masked: draft.contact.as_ref().map(|c| mask_phone(&c.phone)).unwrap_or_default(),
            resend_in_seconds: draft.code.as_ref().map_or(0, |sent| sent.wait_before_resending(now).num_seconds()),
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    pub code: String,
}

pub async fn prove_phone(services: &Services, session: &Session, form: CodeForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let Some(typed) = phone_code::normalise(&form.code) else {
            return Ok((Decision::field("code", phone_code::CodeRefusal::Malformed.to_string()), None));
        };
        let digest = code_digest(&draft.key, &typed);
        let Some(sent) = draft.code.as_mut() else {
            return Ok((Decision::field("code", "请先获取验证码。"), None));
        };
        match sent.judge(&digest, services.site.clock.now()) {
            Ok(()) => {
                (draft.phone_proved, draft.code) = (true, None);
                Ok((Decision::onward(Step::Sharing.path()), Some(draft)))
            }
            // The wrong try is counted: the draft is saved with it.
            Err(refusal) => Ok((Decision::field("code", refusal.to_string()), Some(draft))),
        }
    })
    .await
}

/// `POST /petitions/new/code/resend`, once the caller has counted the text against its limits.
pub async fn resend_code(services: &Services, session: &Session) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let now = services.site.clock.now();
        if let Some(wait) = draft.code.as_ref().map(|sent| sent.wait_before_resending(now)) {
            if wait > chrono::Duration::zero() {
                let message = format!("请{}秒后再重新获取验证码。", wait.num_seconds());
                return Ok((Decision::field("code", message), None));
            }
        }
        match send_code(services, &mut draft).await {
            Ok(()) => Ok((Decision::onward(Step::Code.path()), Some(draft))),
            Err(problem) => Ok((Decision::field("code", problem), None)),
        }
    })
    .await
}

/// The phone a resend texts, for the caller's limits.
pub async fn phone_of_draft(session: &Session) -> Result<Option<String>, ServerFnError> {
    Ok(load::<Draft>(session).await?.and_then(|d| d.contact).map(|c| c.phone))
}

pub async fn sharing_step(session: &Session) -> Result<Gate<SharingAnswers>, ServerFnError> {
    gate(session, Step::Sharing, async |draft: Draft| {
        Ok(SharingAnswers {
            public_wanted: draft.sharing.map(|s| s.public_wanted),
            anonymous: draft.sharing.is_some_and(|s| s.anonymous),
        })
    })
    .await
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct SharingForm {
    /// `yes` or `no`
    #[serde(default)]
    pub public: String,
    /// The checkbox: sent (non-empty) when ticked.
    #[serde(default)]
    pub anonymous: String,
}

pub async fn choose_sharing(session: &Session, form: SharingForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let public_wanted = match form.public.as_str() {
            "yes" => true,
            "no" => false,
            _ => return Ok((Decision::field("public", "请选择是否同意公开。"), None)),
        };
        draft.sharing = Some(Sharing { public_wanted, anonymous: public_wanted && !form.anonymous.is_empty() });
        Ok((Decision::onward(Step::Check.path()), Some(draft)))
    })
    .await
}

pub async fn check_step(services: &Services, session: &Session) -> Result<Gate<FilingCheck>, ServerFnError> {
    gate(session, Step::Check, async |draft: Draft| {
        let photos = services.petitions.photos(PhotosOf::Draft(&draft.key)).await?.into_iter().map(|p| p.id).collect();
        let (place, contact) = (draft.place.clone().unwrap_or_else(no_place), draft.contact.clone());
        let tier = draft.tier.unwrap_or(Tier::Ordinary).clocks();
        let sharing = match draft.sharing {
            Some(Sharing { public_wanted: false, .. }) | None => "不公开",
            Some(Sharing { anonymous: true, .. }) => "同意公开，匿名",
            Some(_) => "同意公开，显示姓氏",
        };
        let similar = super::public::similar(services, &draft).await?;
        Ok(FilingCheck {
            similar,
            joins: draft.joins,
            key: draft.key.clone(),
            category: draft.category.as_deref().and_then(category).map_or("", |c| c.label).into(),
            tier: tier.label.into(),
            clocks: tier.words(),
            place: format!("{}街 {}", place.street, place.community),
            detail: place.detail,
            title: draft.title,
            body: draft.body,
            photos,
            name_masked: contact.as_ref().map(|c| mask_name(&c.name)).unwrap_or_default(),
            phone_masked: contact.as_ref().map(|c| mask_phone(&c.phone)).unwrap_or_default(),
            sharing: sharing.into(),
        })
    })
    .await
}

fn no_place() -> Place {
    Place { street: String::new(), community: String::new(), detail: String::new() }
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    pub key: String,
}

/// `POST /petitions/new/confirm`: files the draft, once however often the form is sent.
pub async fn confirm(services: &Services, session: &Session, form: ConfirmForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        if draft.key != form.key {
            return Ok((Decision::whole("这个页面已过期，请核对下面的信息后再提交。"), None));
        }
        if draft.next_step() != Step::Check {
            return Ok((Decision::onward(draft.next_step().path()), None));
        }
        let Some(petition) = draft.petition(&communities(services).await?) else {
            return Ok((Decision::whole("有的信息需要重新填写，请从头检查一遍。"), None));
        };
        let filed = super::file_alerting(services, &petition, &draft.key).await?;
        draft.filed = Some(filed);
        // Who filed is kept with the petition; the session keeps only what the confirmation shows.
        draft.contact = None;
        Ok((Decision::onward(FILED_PATH), Some(draft)))
    })
    .await
}

/// `/petitions/new/filed`: the number, the code and the status page's QR, and the deadlines as they stand.
pub async fn filed(services: &Services, session: &Session) -> Result<Gate<FiledView>, ServerFnError> {
    let Some(filed) = load::<Draft>(session).await?.and_then(|draft| draft.filed) else {
        return Ok(Gate::GoTo(Step::Category.path().into()));
    };
    let now = services.site.clock.now();
    let Some(petition) = services.petitions.by_token(&filed.token, now).await? else {
        return Ok(Gate::GoTo(Step::Category.path().into()));
    };
    let status_url = super::status_url(services, &filed.token);
    Ok(Gate::Show(FiledView {
        number: spaced(&filed.number),
        access_code: filed.access_code,
        qr_svg: crate::ui::qr::qr_svg(&status_url)?,
        status_url,
        clocks: super::clock_lines(&petition, crate::calendar::WorkCalendar::official()),
        tier_advice: petition.case.tier.clocks().advice.into(),
    }))
}
