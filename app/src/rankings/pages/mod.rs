//! The rankings pages: this month's live standings, each published month and each department's twelve months
//! (public), the kiosk's board; the monthly publication (staff).

mod board;
mod department;
mod desk;
mod month;
mod standings;

pub use board::BoardPage;
pub use department::DepartmentPage;
pub use desk::DeskPage;
pub use month::MonthPage;
pub use standings::StandingsPage;

use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// The rankings pages, which the app's router lists.
#[component(transparent)]
pub fn RankingRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/rankings") view=StandingsPage ssr=SsrMode::Async />
        <Route path=path!("/rankings/:month") view=MonthPage ssr=SsrMode::Async />
        <Route path=path!("/rankings/departments/:id") view=DepartmentPage ssr=SsrMode::Async />
        <Route path=path!("/staff/rankings") view=DeskPage ssr=SsrMode::Async />
        <Route path=path!("/kiosk/:place/rankings") view=BoardPage ssr=SsrMode::Async />
    }
    .into_inner()
}
