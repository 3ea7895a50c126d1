//! 掌上办: the routes of the citizen-facing app. Every page renders on the server; the interactive parts are
//! islands (`#[island]`), the only code the browser downloads.

pub mod booking;
pub mod calendar;
pub mod catalog;
pub mod clock;
pub mod kiosk;
pub mod personal;
#[cfg(feature = "ssr")]
pub mod services;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod ui;

use booking::pages::{
    BookStartPage, BookingPage, CheckPage, ConsentPage, DayPage, LookupPage, MyBookingsPage, PlacePage, ReschedulePage,
    SlotPage, WhoPage,
};
use catalog::pages::{CatalogPage, DepartmentPage, DepartmentsPage, HomePage, ItemPage, SearchPage};
use kiosk::pages::{BoardPage, CheckInPage, KioskBookPage, KioskHomePage};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
};
use ui::{elder::ElderMode, NotFound};

/// The HTML document around every page. The elder mode is decided here, on the server, so there is no flash.
/// The islands bundle is not loaded here but by the pages that have an island (`ui::WithIslands`).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let elder = ElderMode::from_request();
    // Islands mode: nothing outside an island hydrates, so no resource data needs to travel to the browser.
    // (HydrationScripts says the same, but only pages with an island render it.)
    if let Some(context) = leptos::reactive::owner::Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let css = format!("/{}/main.css", options.site_pkg_dir);
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN" class=elder.html_class()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <link rel="stylesheet" href=css />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(ElderMode::from_request());
    view! {
        // leptos_meta writes the title into the head unescaped, and page titles carry request data (a search).
        <Title formatter=|page: String| format!("{} - 掌上办 · 天津市河北区", html_escape::encode_text(&page)) />
        <Meta name="description" content="天津市河北区政务服务：763项政务服务事项掌上查、掌上办。" />
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml" />
        <Router>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                <Route path=path!("/items") view=CatalogPage ssr=SsrMode::Async />
                <Route path=path!("/items/:id") view=ItemPage ssr=SsrMode::Async />
                <Route path=path!("/search") view=SearchPage ssr=SsrMode::Async />
                <Route path=path!("/departments") view=DepartmentsPage ssr=SsrMode::Async />
                <Route path=path!("/departments/:id") view=DepartmentPage ssr=SsrMode::Async />
                <Route path=path!("/book") view=BookStartPage ssr=SsrMode::Async />
                <Route path=path!("/book/place") view=PlacePage ssr=SsrMode::Async />
                <Route path=path!("/book/day") view=DayPage ssr=SsrMode::Async />
                <Route path=path!("/book/slot") view=SlotPage ssr=SsrMode::Async />
                <Route path=path!("/book/who") view=WhoPage ssr=SsrMode::Async />
                <Route path=path!("/book/consent") view=ConsentPage ssr=SsrMode::Async />
                <Route path=path!("/book/check") view=CheckPage ssr=SsrMode::Async />
                <Route path=path!("/bookings") view=LookupPage ssr=SsrMode::Async />
                <Route path=path!("/my-bookings") view=MyBookingsPage ssr=SsrMode::Async />
                <Route path=path!("/bookings/:token") view=BookingPage ssr=SsrMode::Async />
                <Route path=path!("/bookings/:token/reschedule") view=ReschedulePage ssr=SsrMode::Async />
                <Route path=path!("/kiosk/:place") view=KioskHomePage ssr=SsrMode::Async />
                <Route path=path!("/kiosk/:place/check-in") view=CheckInPage ssr=SsrMode::Async />
                <Route path=path!("/kiosk/:place/board") view=BoardPage ssr=SsrMode::Async />
                <Route path=path!("/kiosk/:place/book") view=KioskBookPage ssr=SsrMode::Async />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // No panic hook: its formatting code costs more bundle than a console message is worth on a phone.
    leptos::mount::hydrate_islands();
    // The islands are live: browser tests wait for this before acting, so a broken bundle cannot pass unnoticed
    // through the plain-HTML path.
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("data-hydrated", "");
    }
}
