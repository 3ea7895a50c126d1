//! The Open311 GeoReport v2 documents: the categories as services, the approved public petitions as service
//! requests (`petitions::open311` has the rules), public and the same for every caller; and a partner's
//! `POST requests`, which files a petition.

use super::{community_centres, file_alerting};
use crate::categories::{categories, category};
use crate::petitions::filing::check;
use crate::petitions::model::Channel;
use crate::petitions::open311::{
    filing_form, select, Created, Discovery, Open311Error, PostRequest, RequestsQuery, Service, ServiceDefinition,
    ServiceRequest,
};
use crate::petitions::store::PublicFilter;
use crate::services::Services;
use leptos::prelude::ServerFnError;

pub fn discovery(services: &Services) -> Discovery {
    Discovery::of(&services.site.public_base_url)
}

/// Every category, with the department that handles it.
pub async fn service_list(services: &Services) -> Result<Vec<Service>, ServerFnError> {
    let departments = services.catalog.store.departments().await?;
    let name = |id: &str| departments.iter().find(|d| d.id == id).map(|d| d.name.clone());
    Ok(categories().iter().map(|c| Service::of(c, c.department.and_then(name).as_deref())).collect())
}

/// A category's definition; `None`: no such service.
pub fn service_definition(code: &str) -> Option<ServiceDefinition> {
    category(code).map(|c| ServiceDefinition { service_code: c.id.into(), attributes: Vec::new() })
}

/// The requests `query` selects, the newest first, or why it is refused.
pub async fn requests(
    services: &Services,
    query: &RequestsQuery,
) -> Result<Result<Vec<ServiceRequest>, Open311Error>, ServerFnError> {
    let selection = match select(query, |code| category(code).is_some(), services.site.clock.now()) {
        Ok(selection) => selection,
        Err(refused) => return Ok(Err(refused)),
    };
    // The ids override every other argument; a page still bounds how many.
    let filter = if selection.ids.is_empty() {
        PublicFilter {
            categories: selection.codes,
            filed: Some((selection.from, selection.until)),
            open: selection.open,
            offset: (selection.page - 1).saturating_mul(selection.page_size),
            limit: selection.page_size,
            ..Default::default()
        }
    } else {
        PublicFilter { numbers: selection.ids, limit: selection.page_size, ..Default::default() }
    };
    Ok(Ok(shown(services, &filter).await?))
}

/// One request by its id; `None`: no public petition has it.
pub async fn request(services: &Services, id: &str) -> Result<Option<ServiceRequest>, ServerFnError> {
    let filter = PublicFilter { numbers: vec![id.to_string()], limit: 1, ..Default::default() };
    Ok(shown(services, &filter).await?.into_iter().next())
}

async fn shown(services: &Services, filter: &PublicFilter) -> Result<Vec<ServiceRequest>, ServerFnError> {
    let petitions = services.petitions.public(filter).await?;
    let departments = services.catalog.store.departments().await?;
    let centres = community_centres(services).await?;
    Ok(petitions
        .iter()
        .map(|petition| {
            let agency = petition
                .department
                .as_ref()
                .map(|id| departments.iter().find(|d| &d.id == id).map_or(id.clone(), |d| d.name.clone()));
            let address_id = centres
                .iter()
                .find(|(street, community, _)| *street == petition.street && *community == petition.community)
                .map(|(_, _, id)| id.clone());
            let name = category(&petition.category).map_or(petition.category.as_str(), |c| c.label);
            ServiceRequest::of(petition, name, agency, address_id)
        })
        .collect())
}

/// Files the petition a partner's `POST requests` describes, for the holder of `key_id`: the same rules as every
/// channel, private until its resident agreed (`public`) and a dispatcher approved; once per partner_request_id.
pub async fn submit(
    services: &Services,
    key_id: i64,
    post: &PostRequest,
) -> Result<Result<Created, Vec<Open311Error>>, ServerFnError> {
    let centres = community_centres(services).await?;
    let form = match filing_form(post, &centres) {
        Ok(form) => form,
        Err(refused) => return Ok(Err(vec![refused])),
    };
    let communities: Vec<(String, String)> =
        centres.into_iter().map(|(street, community, _)| (street, community)).collect();
    let mut petition = match check(&form, Channel::Partner, &communities) {
        Ok(petition) => petition,
        Err(problems) => {
            let refused =
                problems.into_iter().map(|(field, message)| Open311Error::new(400, format!("{field}: {message}")));
            return Ok(Err(refused.collect()));
        }
    };
    petition.public_wanted = post.public == "true";
    let key = match post.partner_request_id.trim() {
        "" => crate::random::url_safe(24),
        id => format!("open311:{key_id}:{id}"),
    };
    let filed = file_alerting(services, &petition, &key).await?;
    let clocks = petition.tier.clocks();
    Ok(Ok(Created {
        service_notice: format!(
            "诉求已受理，将在{}内联系诉求人，{}内办结。",
            clocks.respond.words(),
            clocks.result.words()
        ),
        service_request_id: filed.number,
        account_id: None,
    }))
}
