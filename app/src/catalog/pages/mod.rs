//! The catalog's pages. They render only on the server; what hydrates is the `LiveSearch` island.

mod catalog;
mod department;
mod editing;
mod home;
mod item;
mod search;
mod staleness;

pub use catalog::CatalogPage;
pub use department::{DepartmentPage, DepartmentsPage};
pub use editing::{ApprovalsPage, EditorIndexPage, EntryEditorPage};
pub use home::HomePage;
pub use item::ItemPage;
pub use search::{SearchPage, SearchResultsList};
pub use staleness::StalenessPage;

use super::model::ItemSummary;
use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// One item in a list: name, department, promised limit, and its channels as words (never colour alone).
#[component]
pub fn ItemCard(item: ItemSummary) -> impl IntoView {
    let limit = item.promised_limit.describe();
    let channels = channel_badges(&item);
    view! {
        <li class="item-card">
            <a href=format!("/items/{}", item.id)>
                <span class="item-name">{item.name}</span>
                <span class="item-meta">{item.department_name}" · 承诺时限 "{limit}</span>
                <span class="badges">
                    {channels.into_iter().map(|label| view! { <span class="badge">{label}</span> }).collect_view()}
                </span>
            </a>
        </li>
    }
}

fn channel_badges(item: &ItemSummary) -> Vec<&'static str> {
    let c = item.channels;
    [
        (item.visits == 0, "零跑动"),
        (c.palm, "掌上办"),
        (c.unmanned, "无人审批"),
        (c.one_id, "一证通办"),
        (c.bookable, "可预约"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect()
}

/// The route group of the catalog's pages, which the app's router lists. Every page renders async,
/// so the status a page sets reaches the response.
#[component(transparent)]
pub fn CatalogRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
        <Route path=path!("/items") view=CatalogPage ssr=SsrMode::Async />
        <Route path=path!("/items/:id") view=ItemPage ssr=SsrMode::Async />
        <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
        <Route path=path!("/departments") view=DepartmentsPage ssr=SsrMode::Async />
        <Route path=path!("/departments/:id") view=DepartmentPage ssr=SsrMode::Async />
        <Route path=path!("/staff/disclosure") view=StalenessPage ssr=SsrMode::Async />
        <Route path=path!("/staff/disclosure/edit") view=EditorIndexPage ssr=SsrMode::Async />
        <Route path=path!("/staff/disclosure/edit/:kind/:id") view=EntryEditorPage ssr=SsrMode::Async />
        <Route path=path!("/staff/disclosure/approvals") view=ApprovalsPage ssr=SsrMode::Async />
    }
    .into_inner()
}
