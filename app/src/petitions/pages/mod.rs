//! The petition pages: a petition's status page and the lookup by number and code (residents'); a department's
//! queue and the dispatch centre's new petitions (staff's).

mod case;
mod dispatch;
mod filing;
mod queue;
mod roster;
mod status;
mod warnings;

pub use case::CasePage;
pub use dispatch::DispatchPage;
pub use filing::{
    CategoryPage, CodePage, ContactPage, FileStartPage, FiledPage, FilingCheckPage, PhotosPage, PublicPetitionsPage,
    SharingPage, TextPage, TierPage, WherePage,
};
pub use queue::QueuePage;
pub use roster::RosterPage;
pub use status::{LookupPage, StatusPage};
pub use warnings::WarningsPage;

use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// The petition pages, which the app's router lists. Every page renders async, so the status a page sets reaches
/// the response.
#[component(transparent)]
pub fn PetitionRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/staff/petitions/:department") view=QueuePage ssr=SsrMode::Async />
        <Route path=path!("/staff/petitions/:department/:number") view=CasePage ssr=SsrMode::Async />
        <Route path=path!("/staff/dispatch") view=DispatchPage ssr=SsrMode::Async />
        <Route path=path!("/staff/dispatch/roster") view=RosterPage ssr=SsrMode::Async />
        <Route path=path!("/staff/warnings") view=WarningsPage ssr=SsrMode::Async />
        <Route path=path!("/petitions") view=LookupPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/public") view=PublicPetitionsPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new") view=FileStartPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/category") view=CategoryPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/tier") view=TierPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/place") view=WherePage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/text") view=TextPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/photos") view=PhotosPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/contact") view=ContactPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/code") view=CodePage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/sharing") view=SharingPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/check") view=FilingCheckPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/new/filed") view=FiledPage ssr=SsrMode::Async />
        <Route path=path!("/petitions/:token") view=StatusPage ssr=SsrMode::Async />
    }
    .into_inner()
}
