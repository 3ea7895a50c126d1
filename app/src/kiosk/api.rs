//! The server function behind the kiosk's own pages: what can be booked at its place.

use leptos::prelude::*;

/// The bookable items handled at the kiosk's place, by life-event topic, a page at a time.
#[server(endpoint = "kiosk/bookable")]
pub async fn bookable_here(
    place_id: String,
    topic: Option<String>,
    page: usize,
) -> Result<Option<crate::catalog::model::Page<crate::catalog::model::ItemSummary>>, ServerFnError> {
    use crate::catalog::filter::{topic_label, CatalogQuery, Channel};
    if topic.as_deref().is_some_and(|t| topic_label(t).is_none()) {
        return Err(crate::ui::rejected("没有这个主题分类，请从列表中选择。"));
    }
    let query = CatalogQuery {
        place: Some(place_id),
        topic,
        channel: Some(Channel::Bookable),
        page: page.max(1),
        ..Default::default()
    };
    Ok(crate::services::services()?.catalog.store.items(&query).await?)
}
