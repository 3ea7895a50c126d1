//! `/kiosk/{place}/rankings`: this month's standings in large type for a community centre's kiosk, read again
//! when a callback changes them (and every minute; without a script the page reloads itself).

use crate::rankings::api::current_standings;
use crate::rankings::page_data::{StandingRow, StandingsView};
use crate::ui::kiosk_frame::{KioskPage, KioskPlace};
use crate::ui::live::{Live, Topic, DISTRICT};
use crate::ui::shown;
use leptos::prelude::*;

#[component]
pub fn BoardPage() -> impl IntoView {
    view! { <KioskPage title="部门考评排名" body=board phone_path="/rankings" /> }
}

fn board(_: KioskPlace) -> AnyView {
    let standings = Resource::new(|| (), |_| current_standings());
    view! {
        <noscript><meta http-equiv="refresh" content="30" /></noscript>
        <Live id="standings-board" topic=Topic::Standings key=DISTRICT.to_string() every_seconds=60>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    standings.await.map(|standings| view! { <Board standings /> })
                }))}
            </Suspense>
        </Live>
    }
    .into_any()
}

#[component]
fn Board(standings: StandingsView) -> impl IntoView {
    let StandingsView { month, cut_off, ranked, too_few, published, .. } = standings;
    let named: Vec<String> = published.into_iter().next().map(|latest| latest.named).unwrap_or_default();
    view! {
        <h1>{format!("{month}部门考评排名")}</h1>
        <p class="hint">{format!("截至{cut_off}，随回访实时更新")}</p>
        {ranked.is_empty().then(|| view! { <p>"本月还没有部门达到排名所需的回访数。"</p> })}
        <ol class="rankings-board">
            {ranked.into_iter().map(|StandingRow { department, rank, composite, n, .. }| view! {
                <li>
                    <span class="rank">{rank.map(|r| r.to_string()).unwrap_or_default()}</span>
                    <span class="name">{department}</span>
                    <span class="score">{composite}</span>
                    <span class="n">{format!("{n}件")}</span>
                </li>
            }).collect_view()}
        </ol>
        {(!too_few.is_empty()).then(|| view! {
            <h2>"样本不足"</h2>
            <ul class="too-few">
                {too_few.into_iter().map(|row| view! {
                    <li>{format!("{}：有效回访{}件", row.department, row.n)}</li>
                }).collect_view()}
            </ul>
        })}
        {(!named.is_empty()).then(|| view! {
            <p class="notice">{format!("上月公开通报：{}", named.join("、"))}</p>
        })}
    }
}
