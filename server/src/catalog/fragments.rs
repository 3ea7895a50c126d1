//! `GET /search/results?q=…`: the search result list as an HTML fragment, for the live-search island. The same
//! component renders it as the search page does; a GET, so there is no state to guard and proxies may cache it.

use app::catalog::{pages::SearchResultsList, validate_query};
use app::services::Services;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::Html,
};
use leptos::prelude::*;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct SearchParams {
    #[serde(default)]
    q: String,
}

pub async fn search_results(
    State(services): State<Services>,
    Query(params): Query<SearchParams>,
) -> Result<Html<String>, (StatusCode, Html<String>)> {
    validate_query(&params.q).map_err(|message| {
        (StatusCode::BAD_REQUEST, Html(view! { <p class="error" role="alert">{message}</p> }.to_html()))
    })?;
    let results = services.catalog.search.results(&params.q);
    Ok(Html(view! { <SearchResultsList results /> }.to_html()))
}
