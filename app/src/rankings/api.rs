//! Server functions behind the standings pages. The figures are public and feed the pages' rendering only; the
//! publication's staff page lives under `/staff/api/` and checks the caller itself.

use super::page_data::{DepartmentHistory, MonthView, RankingDesk, StandingsView};
#[cfg(feature = "ssr")]
use super::service;
use leptos::prelude::*;

#[server(endpoint = "rankings/current")]
pub async fn current_standings() -> Result<StandingsView, ServerFnError> {
    service::current(&crate::services::services()?).await
}

/// A published month's final standings; `None` when that month is not published.
#[server(endpoint = "rankings/month")]
pub async fn published_month(month: String) -> Result<Option<MonthView>, ServerFnError> {
    service::month_view(&crate::services::services()?, &month).await
}

/// A department's last twelve months; `None` for no such department.
#[server(endpoint = "rankings/department")]
pub async fn department_months(department: String) -> Result<Option<DepartmentHistory>, ServerFnError> {
    service::department_history(&crate::services::services()?, &department).await
}

/// The monthly publication's staff page. Admins and department heads only.
#[server(prefix = "/staff/api", endpoint = "rankings/desk")]
pub async fn publication_desk() -> Result<RankingDesk, ServerFnError> {
    let (services, user) = crate::staff::service::allowed_by(service::may_see_desk).await?;
    service::desk(&services, &user).await
}
