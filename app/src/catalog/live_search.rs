//! The search box that answers as you type: the catalog's one island. Without WASM it is a plain GET form.
//!
//! The result list is rendered by the server, on page load and on every refresh (`GET /search/results?q=…`
//! answers the same `SearchResultsList` as an HTML fragment), and the island swaps it in. One renderer for both
//! paths, and the phone downloads no list-rendering, JSON-decoding or server-function client code: the bundle is
//! the input handling and one fetch.

use leptos::{html, prelude::*, task::spawn_local};
use std::time::Duration;

/// Wait for a pause in typing before asking the server: a cheap phone on a slow network sends one request per
/// pause, not one per keystroke.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[island]
pub fn LiveSearch(query: String, children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser: this marks the island as live (tests wait for it).
    Effect::new(move |_| set_hydrated.set(true));

    let results = NodeRef::<html::Div>::new();
    let pending = StoredValue::new(None::<TimeoutHandle>);
    // Answers can arrive out of order; only the one for the latest query is shown.
    let latest = StoredValue::new(0u32);

    let refresh = move |q: String| {
        let ticket = latest.get_value().wrapping_add(1);
        latest.set_value(ticket);
        spawn_local(async move {
            let Some(fragment) = fetch_results(&q).await else { return };
            if latest.get_value() == ticket {
                if let Some(div) = results.get_untracked() {
                    div.set_inner_html(&fragment);
                    keep_url_in_step(&q);
                }
            }
        });
    };
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(move || refresh(q), DEBOUNCE).ok());
    };

    view! {
        <form class="big-search" method="get" action="/search" role="search" data-live=move || hydrated.get().then_some("true")>
            <label class="visually-hidden" for="search-q">"搜索办事事项"</label>
            <input id="search-q" type="search" name="q" maxlength="50" autocomplete="off"
                placeholder="输入事项名称或拼音，如：社会保障卡、shbzk" value=query on:input=on_input />
            <button type="submit">"搜索"</button>
        </form>
        <div class="search-results" aria-live="polite" node_ref=results>{children()}</div>
    }
}

/// The results fragment for `q`; `None` on a network or server failure, which leaves the last results showing.
#[cfg(feature = "hydrate")]
async fn fetch_results(q: &str) -> Option<String> {
    let url = format!("/search/results?q={}", js_sys::encode_uri_component(q));
    let response = gloo_net::http::Request::get(&url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// Islands' event handlers never run on the server.
#[cfg(not(feature = "hydrate"))]
async fn fetch_results(_q: &str) -> Option<String> {
    None
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
