//! The booking pages, residents' and the counter staff's. Every form posts to a plain handler in
//! `server/src/booking/`, which sends the visitor on (303) or renders the same page again with a `FormProblem`.

mod at_kiosk;
mod booking;
mod counter;
mod lookup;
mod steps;

pub use at_kiosk::{BoardPage, CheckInPage};
pub use booking::{BookingPage, ReschedulePage};
pub use counter::{CounterBookingPage, CounterPage};
pub use lookup::{LookupPage, MyBookingsPage};
pub use steps::{BookStartPage, CheckPage, ConsentPage, DayPage, PlacePage, SlotPage, WhoPage};

use crate::booking::draft::StartedAtKiosk;
use crate::ui::kiosk_frame::KioskFrame;
use crate::ui::shown;
use crate::ui::PageFrame;
use chrono::NaiveTime;
use leptos::prelude::*;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// A booking page's frame: the kiosk's when the booking was started at a kiosk, the site's otherwise.
#[component]
fn BookingFrame(children: ChildrenFn) -> impl IntoView {
    let kiosk = Resource::new(|| (), |_| crate::booking::api::kiosk_of_draft());
    view! {
        <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(shown(async move {
                    Ok::<_, ServerFnError>(match kiosk.await? {
                        Some(StartedAtKiosk { place_id, place_name }) => {
                            view! { <KioskFrame place_id place_name>{children()}</KioskFrame> }.into_any()
                        }
                        None => view! { <PageFrame>{children()}</PageFrame> }.into_any(),
                    })
                }))
            }}
        </Suspense>
    }
}

/// A name, or a word for none (a kiosk does not ask for one).
fn or_unnamed(name: &str) -> &str {
    if name.is_empty() {
        "（未填写姓名）"
    } else {
        name
    }
}

/// 09:00–09:30
pub fn slot_label(starts: NaiveTime) -> String {
    let ends = starts + chrono::Duration::minutes(crate::booking::slots::SLOT_MINUTES);
    format!("{}–{}", starts.format("%H:%M"), ends.format("%H:%M"))
}

/// The item being booked and the way back, above each question.
#[component]
fn StepHeader(item_name: String, back: &'static str) -> impl IntoView {
    let caption =
        if item_name.is_empty() { "预约办理".to_string() } else { format!("预约办理 · {item_name}") };
    view! {
        <p class="back"><a href=back>"‹ 返回上一步"</a></p>
        <p class="caption">{caption}</p>
    }
}

/// The route group of booking's pages, on a phone and at a kiosk, which the app's router lists. Every page renders async,
/// so the status a page sets reaches the response.
#[component(transparent)]
pub fn BookingRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
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
        <Route path=path!("/kiosk/:place/check-in") view=CheckInPage ssr=SsrMode::Async />
        <Route path=path!("/kiosk/:place/board") view=BoardPage ssr=SsrMode::Async />
        <Route path=path!("/staff/counter/:place") view=CounterPage ssr=SsrMode::Async />
        <Route path=path!("/staff/counter/:place/bookings/:token") view=CounterBookingPage ssr=SsrMode::Async />
    }
    .into_inner()
}
