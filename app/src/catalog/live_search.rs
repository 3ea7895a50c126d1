//! The search box that answers as you type: the catalog's one island. Without WASM it is a plain GET form.
//!
//! The result list is rendered by the server, on page load and on every refresh (`GET /search/results?q=…`
//! answers the same `SearchResultsList` as an HTML fragment), and the island swaps it in. One renderer for both
//! paths, and the phone downloads no list-rendering, JSON-decoding or server-function client code: the bundle is
//! the input handling and one fetch. The form and the list are the island's server-rendered children.

use crate::ui::dom::Refresher;
use leptos::prelude::*;
use std::time::Duration;

/// Wait for a pause in typing before asking the server: a cheap phone on a slow network sends one request per
/// pause, not one per keystroke.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The id of the element holding the result list.
pub const RESULTS: &str = "search-results";

#[island]
pub fn LiveSearch(children: Children) -> impl IntoView {
    let (hydrated, set_hydrated) = signal(false);
    // Effects run only in the browser: this marks the island as live (tests wait for it).
    Effect::new(move |_| set_hydrated.set(true));

    let pending = StoredValue::new(None::<TimeoutHandle>);
    let results = Refresher::default();
    // The search field's input events bubble up to here; the form has no other field.
    let on_input = move |ev| {
        let q = event_target_value(&ev);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        pending.set_value(set_timeout_with_handle(move || show_results(results, &q), DEBOUNCE).ok());
    };

    view! { <div class="live-search" data-live=move || hydrated.get().then_some("true") on:input=on_input>{children()}</div> }
}

/// Shows the results for `q`, and makes the URL follow (so reload and share work) without a navigation:
/// routers don't reach into islands.
fn show_results(results: Refresher, q: &str) {
    #[cfg(feature = "hydrate")]
    {
        use crate::ui::dom::{encode_component, Answer};
        let q = encode_component(q);
        let url = format!("/search?q={q}");
        results.load(format!("/search/results?q={q}"), RESULTS.into(), Answer::Fragment, move || {
            if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (results, q);
}
