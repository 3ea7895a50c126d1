//! Server functions behind the staff pages, under `/staff/api/`, where the staff cookie reaches them. Each checks
//! the caller's grant itself (`service::allowed`), so it refuses a caller who reaches it without its page.

#[cfg(feature = "ssr")]
use super::model::Grant;
use super::page_data::{AccountDetail, Accounts, AuditLine, Desk, EnrolmentView};
#[cfg(feature = "ssr")]
use super::service;
use leptos::prelude::*;

/// The signed-in person's own page: who they are and what they may do.
#[server(prefix = "/staff/api", endpoint = "desk")]
pub async fn my_desk() -> Result<Desk, ServerFnError> {
    let (services, user) = service::signed_in().await?;
    Ok(Desk {
        grants: service::grant_lines(&services, &user.grants).await?,
        is_admin: user.holds(&Grant::Admin),
        name: user.name,
        staff_number: user.staff_number,
    })
}

#[server(prefix = "/staff/api", endpoint = "accounts")]
pub async fn all_accounts() -> Result<Accounts, ServerFnError> {
    let (services, _) = service::allowed(&Grant::Admin).await?;
    Ok(service::accounts(&services).await?)
}

#[server(prefix = "/staff/api", endpoint = "account")]
pub async fn one_account(staff_number: String) -> Result<Option<AccountDetail>, ServerFnError> {
    let (services, _) = service::allowed(&Grant::Admin).await?;
    Ok(service::account(&services, &staff_number).await?)
}

#[server(prefix = "/staff/api", endpoint = "audit_trail")]
pub async fn audit_entries() -> Result<Vec<AuditLine>, ServerFnError> {
    let (services, _) = service::allowed(&Grant::Admin).await?;
    Ok(service::audit_lines(&services).await?)
}

/// An enrolment link's page. The link's token is all it asks: whoever holds the link is the person it was made
/// for, until it is used or expires.
#[server(prefix = "/staff/api", endpoint = "enrolment")]
pub async fn enrolment_page(token: String) -> Result<Option<EnrolmentView>, ServerFnError> {
    Ok(service::enrolment(&crate::services::services()?, &token).await?)
}
