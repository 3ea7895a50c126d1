//! The kiosk's pages: home, check-in and today's board, each inside `ui::kiosk::KioskFrame`.

use crate::booking::pages::{day_label, slot_label};
use crate::catalog::filter::TOPICS;
use crate::catalog::pages::Pagination;
use crate::kiosk::api::{bookable_here, find_kiosk_place, kiosk_board, link_for_phone, KioskPlace};
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::found_or_not_found;
use crate::ui::kiosk::KioskFrame;
use crate::ui::live::{Live, Topic};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// A kiosk page: its place (404 when there is no such place), framed, with `body` below, and the QR code of
/// `phone_path`, the same thing on the normal site.
#[component]
fn KioskPage(title: &'static str, body: fn(KioskPlace) -> AnyView, phone_path: &'static str) -> impl IntoView {
    let place_id = use_params_map().with_untracked(|p| p.get("place").unwrap_or_default());
    let place = Resource::new(move || place_id.clone(), find_kiosk_place);
    view! {
        <Title text=title />
        <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
            {move || Suspend::new(shown(async move {
                found_or_not_found(place.await, |place| view! {
                    <KioskFrame place_id=place.id.clone() place_name=place.name.clone()>
                        {body(place)}
                        <ContinueOnPhone path=phone_path />
                    </KioskFrame>
                })
            }))}
        </Suspense>
    }
}

/// "Continue on your phone": the QR code of the normal site's page, never of anything personal.
#[component]
fn ContinueOnPhone(path: &'static str) -> impl IntoView {
    let link = Resource::new(move || path.to_string(), link_for_phone);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(shown(async move {
                link.await.map(|link| view! {
                    <figure class="qr phone-link">
                        <div class="qr-code" inner_html=link.qr_svg></div>
                        <figcaption>"用手机扫码，在自己的手机上继续"<span class="url">{link.url}</span></figcaption>
                    </figure>
                })
            }))}
        </Suspense>
    }
}

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
        </ul>
    }
    .into_any()
}

/// `/kiosk/{place}/check-in`
#[component]
pub fn CheckInPage() -> impl IntoView {
    view! { <KioskPage title="预约签到" body=check_in phone_path="/bookings" /> }
}

/// The code is typed, or sent by a scanner that types it and presses Enter; the field has focus for that.
fn check_in(place: KioskPlace) -> AnyView {
    let done = use_query_map().with_untracked(|q| q.get("position"));
    view! {
        <ErrorSummary />
        {done.map(|position| view! {
            <p class="status success" role="status">{format!("签到成功！您是今天第 {position} 位签到的，请留意叫号。")}</p>
        })}
        <h1>"预约签到"</h1>
        <form method="post" action=format!("/kiosk/{}/check-in", place.id) autocomplete="off">
            <div class="field">
                <label for="code">"签到码（8位，在预约页面上）"</label>
                <FieldError field="code" />
                <input id="code" name="code" type="text" maxlength="12" autofocus spellcheck="false"
                    autocapitalize="characters" class="code-input" />
            </div>
            <button type="submit">"签到"</button>
        </form>
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

/// `/kiosk/{place}/board`
#[component]
pub fn BoardPage() -> impl IntoView {
    view! { <KioskPage title="今日预约情况" body=board phone_path="/" /> }
}

fn board(place: KioskPlace) -> AnyView {
    view! { <BoardTable place_id=place.id /> }.into_any()
}

#[component]
fn BoardTable(place_id: String) -> impl IntoView {
    let board = {
        let place_id = place_id.clone();
        Resource::new(move || place_id.clone(), kiosk_board)
    };
    view! {
        // Without a script the board hangs on the wall and reloads itself.
        <noscript><meta http-equiv="refresh" content="30" /></noscript>
        <Live id="board" topic=Topic::Slots key=place_id every_seconds=60>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    let board = board.await?;
                    Ok::<_, ServerFnError>(view! {
                        <h1>{format!("今日预约情况 · {}", day_label(board.day))}</h1>
                        {if board.rows.is_empty() {
                            view! { <p>"今天接下来的时段还没有预约。"</p> }.into_any()
                        } else {
                            view! {
                                <table class="board">
                                    <thead><tr><th>"时段"</th><th>"待签到"</th><th>"已签到"</th><th>"候补"</th></tr></thead>
                                    <tbody>
                                        {board.rows.into_iter().map(|row| view! {
                                            <tr>
                                                <td>{slot_label(row.starts)}</td>
                                                <td>{row.booked}</td>
                                                <td>{row.checked_in}</td>
                                                <td>{row.waiting}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                    })
                }))}
            </Suspense>
        </Live>
    }
}
