//! Public petitions: the dispatch centre approves (or refuses) what a resident agreed to publish, masked first and
//! editable; anyone may list the approved ones; a resident about to file is offered similar open ones to join
//! ("me too") instead of filing the same thing again.

use super::{communities, queue_row};
use crate::calendar::WorkCalendar;
use crate::categories::{categories, category};
use crate::deadline::span_words;
use crate::petitions::draft::{Draft, Step};
use crate::petitions::filing::{check_body, check_title};
use crate::petitions::page_data::{PublicList, PublicRow, Similar, ToPublish};
use crate::petitions::public::{likeness, mask, ALIKE};
use crate::petitions::store::PublicFilter;
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;
use crate::ui::form::Decision;
use crate::ui::questions::{with_draft, Questions};
use leptos::prelude::ServerFnError;
use serde::Deserialize;
use tower_sessions::Session;

/// The petitions waiting for the dispatch centre's word on publication, their text masked already.
pub(super) async fn to_publish(services: &Services) -> Result<Vec<ToPublish>, ServerFnError> {
    let (now, calendar) = (services.site.clock.now(), WorkCalendar::official());
    Ok(services
        .petitions
        .awaiting_publication(now)
        .await?
        .iter()
        .map(|petition| ToPublish {
            number: petition.number.clone(),
            line: queue_row(petition, now, calendar).1,
            title: mask(&petition.filed.title),
            body: mask(&petition.filed.body),
        })
        .collect())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    pub number: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    /// `1` publishes the text as edited; anything else keeps the petition private.
    #[serde(default)]
    pub approve: String,
}

/// A dispatcher publishes a petition's text (masked again, whatever was typed), or keeps it private.
pub async fn publish(
    services: &Services,
    caller: Option<&StaffUser>,
    form: PublishForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let petition = super::named(services, &form.number).await?;
    let Some(petition) = petition.filter(|p| p.filed.public_wanted) else {
        return Ok(Ok(Decision::whole("这件诉求的诉求人没有同意公开。")));
    };
    let approve = form.approve == "1";
    let text = match (approve, check_title(&form.title), check_body(&form.body)) {
        (false, _, _) => None,
        (true, Ok(title), Ok(body)) => Some((mask(&title), mask(&body))),
        // The desk has a publication form per petition, so the problem names its field rather than linking one.
        (true, Err(problem), _) => return Ok(Ok(Decision::whole(format!("公开标题：{problem}")))),
        (true, _, Err(problem)) => return Ok(Ok(Decision::whole(format!("公开内容：{problem}")))),
    };
    let label = if approve { "公开诉求" } else { "不予公开" };
    let audit = AuditEntry::by(user, &Grant::Dispatcher, label, format!("诉求{}", petition.number), now);
    let text_ref = text.as_ref().map(|(title, body)| (title.as_str(), body.as_str()));
    Ok(Ok(match services.petitions.decide_publication(petition.id, text_ref, &audit, now).await? {
        true => Decision::onward("/staff/dispatch"),
        false => Decision::whole("这件诉求的公开已经有人处理过了。"),
    }))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct PublicQuery {
    #[serde(default)]
    pub street: String,
    #[serde(default)]
    pub category: String,
    /// `open` (being worked), `done`, or empty (both).
    #[serde(default)]
    pub state: String,
}

/// The public list: the newest approved petitions of a street and category, each with how long it took.
pub async fn public_list(services: &Services, query: PublicQuery) -> Result<PublicList, ServerFnError> {
    let now = services.site.clock.now();
    let filter = PublicFilter {
        street: query.street.clone(),
        categories: [query.category.clone()].into_iter().filter(|c| !c.is_empty()).collect(),
        open: match query.state.as_str() {
            "open" => Some(true),
            "done" => Some(false),
            _ => None,
        },
        limit: 100,
        ..Default::default()
    };
    let rows = services.petitions.public(&filter).await?;
    let mut streets: Vec<String> = communities(services).await?.into_iter().map(|(street, _)| street).collect();
    streets.dedup();
    Ok(PublicList {
        rows: rows
            .into_iter()
            .map(|p| PublicRow {
                title: p.title,
                body: p.body,
                category: category(&p.category).map_or(p.category.clone(), |c| c.label.to_string()),
                place: format!("{}街 {}", p.street, p.community),
                stage: p.stage.label().to_string(),
                filed: p.filed_at.format("%Y-%m-%d").to_string(),
                taken: match p.result_met_at {
                    Some(met) => format!("用时{}", span_words(met - p.filed_at)),
                    None => format!("已办理{}", span_words(now - p.filed_at)),
                },
                joined: p.joined,
            })
            .collect(),
        streets,
        categories: categories().iter().map(|c| (c.id.to_string(), c.label.to_string())).collect(),
        street: query.street,
        category: query.category,
        state: query.state,
    })
}

/// The open public petitions like the draft's (same category and community, alike by `ALIKE`), most alike first.
pub(super) async fn similar(services: &Services, draft: &Draft) -> Result<Vec<Similar>, ServerFnError> {
    let (Some(category), Some(place)) = (&draft.category, &draft.place) else { return Ok(Vec::new()) };
    let filter = PublicFilter {
        street: place.street.clone(),
        community: place.community.clone(),
        categories: vec![category.clone()],
        open: Some(true),
        limit: 200,
        ..Default::default()
    };
    let text = format!("{}{}", draft.title, draft.body);
    let mut alike: Vec<(f64, Similar)> = services
        .petitions
        .public(&filter)
        .await?
        .into_iter()
        .map(|p| (likeness(&text, &format!("{}{}", p.title, p.body)), p))
        .filter(|(score, _)| *score >= ALIKE)
        .map(|(score, p)| (score, Similar { id: p.id, title: p.title, body: p.body, joined: p.joined }))
        .collect();
    alike.sort_by(|a, b| b.0.total_cmp(&a.0));
    Ok(alike.into_iter().take(3).map(|(_, similar)| similar).collect())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct MeTooForm {
    /// The public petition joined; 0 files on its own after all.
    #[serde(default)]
    pub joins: i64,
}

/// `POST /petitions/new/me-too`: the draft joins one of the similar petitions it was offered (or none).
pub async fn me_too(services: &Services, session: &Session, form: MeTooForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        if draft.next_step() != Step::Check {
            return Ok((Decision::onward(draft.next_step().path()), None));
        }
        let offered = similar(services, &draft).await?;
        draft.joins = match form.joins {
            0 => None,
            id if offered.iter().any(|s| s.id == id) => Some(id),
            _ => return Ok((Decision::whole("只能加入列出的相似诉求。"), None)),
        };
        Ok((Decision::onward(Step::Check.path()), Some(draft)))
    })
    .await
}
