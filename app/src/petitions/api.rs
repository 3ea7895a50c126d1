//! Server functions behind the petition pages. Staff ones live under `/staff/api/` and check the caller's grant
//! themselves.

use super::page_data::{CaseFile, DispatchDesk, Queue, StatusView};
#[cfg(feature = "ssr")]
use super::service;
#[cfg(feature = "ssr")]
use crate::staff::{model::Grant, service::allowed};
use leptos::prelude::*;

/// A department's queue. Its handlers only.
#[server(prefix = "/staff/api", endpoint = "petitions/queue")]
pub async fn department_queue(department: String) -> Result<Option<Queue>, ServerFnError> {
    let (services, _) = allowed(&Grant::Handler { department: department.clone() }).await?;
    service::queue(&services, &department).await
}

/// The new petitions to route. The dispatch centre only.
#[server(prefix = "/staff/api", endpoint = "dispatch/new")]
pub async fn new_petitions() -> Result<DispatchDesk, ServerFnError> {
    let (services, _) = allowed(&Grant::Dispatcher).await?;
    service::dispatch_desk(&services).await
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
