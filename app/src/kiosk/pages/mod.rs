//! The kiosk's own pages: its home, the choice of what to book there, and petitions (file on the phone, look one
//! up on the keypad), each a `ui::kiosk_frame::KioskPage`.
//! Check-in and today's board at a kiosk are booking's pages, in the same frame.

use crate::catalog::filter::TOPICS;
use crate::kiosk::api::bookable_here;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::kiosk_frame::{Keypad, KeypadKeys, KioskPage, KioskPlace};
use crate::ui::{shown, Pagination};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// `/kiosk/{place}`
#[component]
pub fn KioskHomePage() -> impl IntoView {
    view! { <KioskPage title="自助终端" body=home phone_path="/" /> }
}

fn home(place: KioskPlace) -> AnyView {
    view! {
        <h1>"您好，请选择要办的事"</h1>
        <ul class="kiosk-actions">
            <li><a class="button" href=format!("/kiosk/{}/book", place.id)>"预约办理"<span>"选事项、选时间，领取签到码"</span></a></li>
            <li><a class="button" href=format!("/kiosk/{}/check-in", place.id)>"预约签到"<span>"输入或扫描签到码"</span></a></li>
            <li><a class="button" href=format!("/kiosk/{}/board", place.id)>"今日预约情况"<span>"各时段待签到、已签到和候补人数"</span></a></li>
            <li><a class="button" href=format!("/kiosk/{}/petitions", place.id)>"反映问题 · 查询进度"<span>"用手机扫码反映，或输入受理编号查询"</span></a></li>
            <li><a class="button" href=format!("/kiosk/{}/rankings", place.id)>"部门考评排名"<span>"各部门本月办理群众诉求的情况"</span></a></li>
        </ul>
    }
    .into_any()
}

/// `/kiosk/{place}/book?topic=…&page=…`: which item to book here, chosen by tapping (nothing to type).
#[component]
pub fn KioskBookPage() -> impl IntoView {
    view! { <KioskPage title="预约办理" body=book phone_path="/book" /> }
}

fn book(place: KioskPlace) -> AnyView {
    view! { <BookableHere place_id=place.id /> }.into_any()
}

#[component]
fn BookableHere(place_id: String) -> impl IntoView {
    let (topic, page) = use_query_map()
        .with_untracked(|q| (q.get("topic"), q.get("page").and_then(|p| p.parse::<usize>().ok()).unwrap_or(1)));
    let items = {
        let (place_id, topic) = (place_id.clone(), topic.clone());
        Resource::new(move || (place_id.clone(), topic.clone(), page), |(p, t, n)| bookable_here(p, t, n))
    };
    let here = format!("/kiosk/{place_id}/book");
    view! {
        <h1>"预约办理：选择事项"</h1>
        <ul class="tiles topics">
            <li><a href=here.clone() class:current=topic.is_none()>"全部"</a></li>
            {TOPICS.iter().take(11).map(|(slug, label)| view! {
                <li><a href=format!("{here}?topic={slug}") class:current=topic.as_deref() == Some(*slug)>{*label}</a></li>
            }).collect_view()}
        </ul>
        <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
            {move || {
                let (place_id, here, topic) = (place_id.clone(), here.clone(), topic.clone());
                Suspend::new(shown(async move {
                    let Some(items) = items.await? else { return Ok::<_, ServerFnError>(().into_any()) };
                    let href = move |n: usize| match &topic {
                        Some(t) => format!("{here}?topic={t}&page={n}"),
                        None => format!("{here}?page={n}"),
                    };
                    Ok(view! {
                        <p class="result-count">{format!("本办理点可预约 {} 项", items.total)}</p>
                        <ul class="choices">
                            {items.items.clone().into_iter().map(|item| view! {
                                <li>
                                    <form method="post" action="/book/start">
                                        <input type="hidden" name="item" value=item.id.to_string() />
                                        <input type="hidden" name="kiosk" value=place_id.clone() />
                                        <button type="submit" class="choice">{item.name}<span class="hint">{item.department_name}</span></button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                        <Pagination page=items href />
                    }.into_any())
                }))
            }}
        </Suspense>
    }
}

/// `/kiosk/{place}/petitions`: a petition is written on the resident's own phone (the kiosk has no Chinese input
/// method), from the QR code below; one already filed is looked up here with its number and code on the keypad.
#[component]
pub fn KioskPetitionsPage() -> impl IntoView {
    view! { <KioskPage title="反映问题 · 查询进度" body=petitions phone_path="/petitions/new?from=kiosk" /> }
}

fn petitions(place: KioskPlace) -> AnyView {
    let field = |id: &'static str, label: &'static str, max: &'static str| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                <FieldError field=id />
                <input id=id name=id type="text" inputmode="numeric" maxlength=max autocomplete="off" class="code-input" />
                <Keypad><KeypadKeys field=id with_x=false /></Keypad>
            </div>
        }
    };
    view! {
        <h1>"反映问题 · 查询进度"</h1>
        <p>"反映问题需要输入文字，请用手机扫描下方二维码，在自己的手机上填写。"</p>
        <ErrorSummary />
        <h2>"查询诉求进度"</h2>
        <form method="post" action="/petitions/lookup" autocomplete="off">
            <input type="hidden" name="kiosk" value=place.id />
            {field("number", "受理编号（19位数字）", "30")}
            {field("code", "查询码（8位数字）", "12")}
            <button type="submit">"查询"</button>
        </form>
    }
    .into_any()
}

/// The route group of the kiosk's own pages, which the app's router lists. Every page renders async,
/// so the status a page sets reaches the response.
#[component(transparent)]
pub fn KioskRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/kiosk/:place") view=KioskHomePage ssr=SsrMode::Async />
        <Route path=path!("/kiosk/:place/book") view=KioskBookPage ssr=SsrMode::Async />
        <Route path=path!("/kiosk/:place/petitions") view=KioskPetitionsPage ssr=SsrMode::Async />
    }
    .into_inner()
}
