//! The petition pages. So far the staff's: a department's queue, and the dispatch centre's new petitions.

mod dispatch;
mod queue;

pub use dispatch::DispatchPage;
pub use queue::QueuePage;

use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// The petition pages, which the app's router lists. Every page renders async, so the status a page sets reaches
/// the response.
#[component(transparent)]
pub fn PetitionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/staff/petitions/:department") view=QueuePage ssr=SsrMode::Async />
        <Route path=path!("/staff/dispatch") view=DispatchPage ssr=SsrMode::Async />
    }
    .into_inner()
}
