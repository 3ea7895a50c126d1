//! The search box that answers as you type: the catalog's one island. Without WASM it is a plain GET form.

use super::api::{search_items, SearchResults};
use super::pages::ItemCard;
use leptos::prelude::*;
use std::time::Duration;

/// Wait for a pause in typing before asking the server: a cheap phone on a slow network sends one request per
/// pause, not one per keystroke.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[island]
pub fn LiveSearch(query: String, results: SearchResults) -> impl IntoView {
    let (typed, set_typed) = signal(query);
    let (shown, set_shown) = signal(results);
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser: this marks the island as live (tests wait for it).
    Effect::new(move |_| set_hydrated.set(true));

    let search = Action::new(|q: &String| search_items(q.clone()));
    Effect::new(move |_| {
        if let Some(Ok(found)) = search.value().get() {
            // An answer to an older query that arrived late is dropped.
            if found.query == typed.get_untracked() {
                set_shown.set(found);
            }
        }
    });

    let pending = StoredValue::new(None::<TimeoutHandle>);
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        set_typed.set(q.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(
            move || {
                keep_url_in_step(&q);
                search.dispatch(q);
            },
            DEBOUNCE,
        );
        pending.set_value(handle.ok());
    };

    view! {
        <form class="big-search" method="get" action="/search" role="search" data-live=move || hydrated.get().then_some("true")>
            <label class="visually-hidden" for="search-q">"搜索办事事项"</label>
            <input id="search-q" type="search" name="q" maxlength="50" autocomplete="off"
                placeholder="输入事项名称或拼音，如：社会保障卡、shbzk"
                prop:value=move || typed.get() on:input=on_input />
            <button type="submit">"搜索"</button>
        </form>
        <div class="search-results" aria-live="polite">
            {move || shown.with(|found| {
                if found.query.trim().is_empty() {
                    return view! { <p class="hint">"可以输入中文、全拼或拼音首字母，例如“shbzk”可以找到社会保障卡。"</p> }.into_any();
                }
                if found.items.is_empty() {
                    return view! { <p class="result-count">{format!("没有找到与“{}”相关的事项。换个说法试试，或浏览全部事项。", found.query)}</p> }.into_any();
                }
                let more = (found.total > found.items.len()).then(|| format!("，显示前 {} 项", found.items.len()));
                view! {
                    <p class="result-count">{format!("找到 {} 项{}", found.total, more.unwrap_or_default())}</p>
                    <ul class="item-list">
                        {found.items.iter().cloned().map(|item| view! { <ItemCard item /> }).collect_view()}
                    </ul>
                }.into_any()
            })}
        </div>
    }
}

/// The URL follows the query (so reload and share work) without a navigation: routers don't reach into islands.
fn keep_url_in_step(q: &str) {
    #[cfg(feature = "hydrate")]
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("/search?q={}", js_sys::encode_uri_component(q));
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = q;
}
