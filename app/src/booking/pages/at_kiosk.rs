//! Booking's pages on a kiosk, each a `ui::kiosk_frame::KioskPage`: checking in, and today's board.

use super::slot_label;
use crate::booking::api::board_today;
use crate::calendar::day_label;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::kiosk_frame::{KioskPage, KioskPlace};
use crate::ui::live::{Live, Topic};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

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
        Resource::new(move || place_id.clone(), board_today)
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
