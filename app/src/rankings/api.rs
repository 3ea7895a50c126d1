//! Server functions behind the standings pages. The figures are public; they feed the pages' rendering only.

use super::page_data::StandingsView;
use leptos::prelude::*;

#[server(endpoint = "rankings/current")]
pub async fn current_standings() -> Result<StandingsView, ServerFnError> {
    super::service::current(&crate::services::services()?).await
}
