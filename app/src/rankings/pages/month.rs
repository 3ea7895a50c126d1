//! A published month's final standings: its latest version, every correction's date and reason, and the
//! departments named in public (公开通报).

use super::standings::{Method, StandingsTable};
use crate::rankings::api::published_month;
use crate::rankings::page_data::{MonthView, VersionNote};
use crate::ui::{found_or_not_found, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/rankings/2026-10`: a published month; 404 for a month not published.
#[component]
pub fn MonthPage() -> impl IntoView {
    let month = use_params_map().with_untracked(|p| p.get("month").unwrap_or_default());
    let view = Resource::new(move || month.clone(), published_month);
    view! {
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(async move {
                    found_or_not_found(view.await, |month| view! { <MonthPart month /> })
                })}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn MonthPart(month: MonthView) -> impl IntoView {
    let MonthView { code, words, versions, minimum, weights, missing, ranked, too_few, named } = month;
    let title = format!("{words}部门考评排名");
    let latest = versions.last().cloned();
    view! {
        <Title text=title.clone() />
        <h1>{title}</h1>
        {latest.map(|VersionNote { version, published_at, reason }| {
            let corrected = if reason.is_empty() { String::new() } else { format!("更正理由：{reason}") };
            view! { <p class="hint">{format!("第{version}版，{published_at}公布。{corrected}")}</p> }
        })}
        <p><a href=format!("/rankings/{code}/card.png") download=format!("河北区部门考评{code}.png")>
            "下载分享图片（供政务网、公众号、微博、抖音和APP转发，含本页二维码）"
        </a></p>
        {(!named.is_empty()).then(|| view! {
            <section class="notice public-notice">
                <h2>"公开通报"</h2>
                <ul>
                    {named.into_iter().map(|(department, months)| view! {
                        <li>{format!("{department}：{months}进入后三名")}</li>
                    }).collect_view()}
                </ul>
            </section>
        })}
        <h2>"最终排名"</h2>
        <StandingsTable ranked too_few mark="公开通报" />
        <Method weights missing minimum />
        {(versions.len() > 1).then(|| view! {
            <h2>"版本记录"</h2>
            <ol class="versions">
                {versions.into_iter().map(|VersionNote { version, published_at, reason }| {
                    let corrected = if reason.is_empty() { String::new() } else { format!("：{reason}") };
                    view! { <li>{format!("第{version}版，{published_at}公布{corrected}")}</li> }
                }).collect_view()}
            </ol>
        })}
    }
}
