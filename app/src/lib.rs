//! 掌上办: the routes of the citizen-facing app. Every page renders on the server; the interactive parts are
//! islands (`#[island]`), the only code the browser downloads.

pub mod booking;
pub mod calendar;
pub mod catalog;
pub mod categories;
pub mod clock;
pub mod deadline;
pub mod kiosk;
pub mod personal;
pub mod petitions;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub mod random;
pub mod rankings;
#[cfg(feature = "ssr")]
pub mod services;
pub mod sms;
pub mod staff;
#[cfg(feature = "ssr")]
pub mod storage;
pub mod ui;

use booking::pages::BookingRoutes;
use catalog::pages::CatalogRoutes;
use kiosk::pages::KioskRoutes;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::components::{Router, Routes};
use petitions::pages::PetitionRoutes;
use rankings::pages::RankingRoutes;
use sms::outbox_page::DevelopmentRoutes;
use staff::pages::StaffRoutes;
use ui::{elder::ElderMode, DemoBanner, NotFound};

/// The site's one style sheet (about 3 KB compressed), which every page carries in its head, allowed by its
/// digest in the policy (`ui::csp`).
pub(crate) const STYLE: &str = include_str!("../../style/main.css");

/// The HTML document around every page. The elder mode is decided here, on the server, so there is no flash.
/// The islands bundle is not loaded here but by the pages that have an island (`ui::WithIslands`).
/// (leptos_axum hands it the options; the document needs none of them.)
pub fn shell(_options: LeptosOptions) -> impl IntoView {
    let elder = ElderMode::from_request();
    // Islands mode: nothing outside an island hydrates, so no resource data needs to travel to the browser.
    if let Some(context) = leptos::reactive::owner::Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    view! {
        <!DOCTYPE html>
        <html lang="zh-CN" class=elder.html_class()>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // The style sheet is in the page: no request stands between the HTML and its first paint.
                <style inner_html=STYLE></style>
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
        <DemoBanner />
        <Router>
            // One group per capability; each lists its own pages.
            <Routes fallback=NotFound>
                <CatalogRoutes />
                <BookingRoutes />
                <KioskRoutes />
                <StaffRoutes />
                <PetitionRoutes />
                <RankingRoutes />
                <DevelopmentRoutes />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    // No panic hook: its formatting code costs more bundle than a console message is worth on a phone.
    // The reactive root the islands hydrate under; the loader (ui/islands.js) then makes each island live and
    // says so on <html data-hydrated>, which browser tests wait for, so a broken bundle cannot pass unnoticed
    // through the plain-HTML path.
    leptos::mount::hydrate_islands();
}
