//! Server functions behind the petition pages. Staff ones live under `/staff/api/` and check the caller's grant
//! themselves.

use super::page_data::{CaseFile, DispatchDesk, Queue, QueueFilter, RosterView, StatusView, WarningsView};
#[cfg(feature = "ssr")]
use super::service;
#[cfg(feature = "ssr")]
use crate::staff::{model::Grant, service::allowed};
use leptos::prelude::*;

/// A department's queue. Its handlers only.
#[server(prefix = "/staff/api", endpoint = "petitions/queue")]
pub async fn department_queue(
    department: String,
    #[server(default)] filter: QueueFilter,
) -> Result<Option<Queue>, ServerFnError> {
    let (services, user) = allowed(&Grant::Handler { department: department.clone() }).await?;
    service::queue(&services, &department, &filter, &user.staff_number).await
}

/// The new petitions to route. The dispatch centre only.
#[server(prefix = "/staff/api", endpoint = "dispatch/new")]
pub async fn new_petitions() -> Result<DispatchDesk, ServerFnError> {
    let (services, _) = allowed(&Grant::Dispatcher).await?;
    service::dispatch_desk(&services).await
}

/// The early warnings of the past year. The dispatch centre only.
#[server(prefix = "/staff/api", endpoint = "dispatch/warnings")]
pub async fn early_warnings() -> Result<WarningsView, ServerFnError> {
    let (services, _) = allowed(&Grant::Dispatcher).await?;
    service::warnings(&services).await
}

/// The duty roster. The dispatch centre only.
#[server(prefix = "/staff/api", endpoint = "dispatch/roster")]
pub async fn dispatch_roster() -> Result<RosterView, ServerFnError> {
    let (services, _) = allowed(&Grant::Dispatcher).await?;
    service::roster(&services).await
}

/// A petition's status page. The link's token is all it asks; it feeds the page's rendering only.
#[server(endpoint = "petitions/status")]
pub async fn petition_status(token: String) -> Result<Option<StatusView>, ServerFnError> {
    service::status(&crate::services::services()?, &token).await
}

/// A petition routed to a department, as its handlers see it. Its handlers only.
#[server(prefix = "/staff/api", endpoint = "petitions/case")]
pub async fn petition_case(department: String, number: String) -> Result<Option<CaseFile>, ServerFnError> {
    let (services, _) = allowed(&Grant::Handler { department: department.clone() }).await?;
    service::case_file(&services, &department, &number).await
}

/// What each of a resident's filing questions shows, or where to go instead. They feed the pages' rendering
/// only.
mod filing {
    use crate::petitions::page_data::{
        CategoryChoices, CodeSent, ContactAnswers, FiledView, FilingCheck, PhotoChoices, SharingAnswers, TextAnswers,
        TierChoices, WhereChoices,
    };
    #[cfg(feature = "ssr")]
    use crate::petitions::service;
    #[cfg(feature = "ssr")]
    use crate::services::services_and_session;
    use crate::ui::questions::Gate;
    use leptos::prelude::*;

    #[server(endpoint = "petitions/new/category")]
    pub async fn category_step() -> Result<Gate<CategoryChoices>, ServerFnError> {
        service::category_step(&services_and_session().await?.1).await
    }

    #[server(endpoint = "petitions/new/tier")]
    pub async fn tier_step() -> Result<Gate<TierChoices>, ServerFnError> {
        service::tier_step(&services_and_session().await?.1).await
    }

    #[server(endpoint = "petitions/new/place")]
    pub async fn place_step(street: Option<String>) -> Result<Gate<WhereChoices>, ServerFnError> {
        let (services, session) = services_and_session().await?;
        service::place_step(&services, &session, street).await
    }

    #[server(endpoint = "petitions/new/text")]
    pub async fn text_step() -> Result<Gate<TextAnswers>, ServerFnError> {
        service::text_step(&services_and_session().await?.1).await
    }

    #[server(endpoint = "petitions/new/photos")]
    pub async fn photos_step() -> Result<Gate<PhotoChoices>, ServerFnError> {
        let (services, session) = services_and_session().await?;
        service::photos_step(&services, &session).await
    }

    #[server(endpoint = "petitions/new/contact")]
    pub async fn contact_step() -> Result<Gate<ContactAnswers>, ServerFnError> {
        service::contact_step(&services_and_session().await?.1).await
    }

    #[server(endpoint = "petitions/new/code")]
    pub async fn code_step() -> Result<Gate<CodeSent>, ServerFnError> {
        let (services, session) = services_and_session().await?;
        service::code_step(&services, &session).await
    }

    #[server(endpoint = "petitions/new/sharing")]
    pub async fn sharing_step() -> Result<Gate<SharingAnswers>, ServerFnError> {
        service::sharing_step(&services_and_session().await?.1).await
    }

    #[server(endpoint = "petitions/new/check")]
    pub async fn check_step() -> Result<Gate<FilingCheck>, ServerFnError> {
        let (services, session) = services_and_session().await?;
        service::check_step(&services, &session).await
    }

    #[server(endpoint = "petitions/new/filed")]
    pub async fn filed() -> Result<Gate<FiledView>, ServerFnError> {
        let (services, session) = services_and_session().await?;
        service::filed(&services, &session).await
    }
}

pub use filing::*;

/// The public petitions of a street and category; it feeds the public list's rendering.
#[server(endpoint = "petitions/public")]
pub async fn public_petitions(
    street: String,
    category: String,
    state: String,
) -> Result<super::page_data::PublicList, ServerFnError> {
    service::public_list(&crate::services::services()?, service::PublicQuery { street, category, state }).await
}
