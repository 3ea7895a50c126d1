//! Server functions behind the staff pages, under `/staff/api/`, where the staff cookie reaches them. They answer
//! callers from outside too, and each checks the caller's grant itself (`service::allowed`), so one reached
//! without its page refuses just the same.

#[cfg(feature = "ssr")]
use super::model::Grant;
use super::page_data::{AccountDetail, Accounts, AuditLine, Desk, EnrolmentView, PartnerKeys};
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

#[server(prefix = "/staff/api", endpoint = "partner_keys")]
pub async fn all_partner_keys() -> Result<PartnerKeys, ServerFnError> {
    let (services, _) = service::allowed(&Grant::Admin).await?;
    Ok(service::partner_keys(&services).await?)
}

/// An enrolment link's page. The link's token is all it asks: whoever holds the link is the person it was made
/// for, until it is used or expires. Nobody is signed in yet, so it is not a staff function: it feeds the page's
/// rendering only, like every private one under `/api/`.
#[server(endpoint = "staff/enrolment")]
pub async fn enrolment_page(token: String) -> Result<Option<EnrolmentView>, ServerFnError> {
    Ok(service::enrolment(&crate::services::services()?, &token).await?)
}
