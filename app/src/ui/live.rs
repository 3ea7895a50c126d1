//! Parts of a page that follow the server. The server signals changes at `/live` (a topic and a key, never the
//! data); a live region that hears its own re-reads the page's own address and swaps in its new contents. The
//! page's route renders them, so the region shows exactly what a reload would, with the same checks on who may
//! see what, and the region needs no endpoint of its own. Without a script the region stays as rendered.

use crate::ui::WithIslands;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the server signals changes of, and live regions follow. A capability whose pages follow its changes adds
/// its topic here: the one shared edit it makes besides its routes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    /// The seats at a place (key: the place's id): a booking, a cancellation, a check-in, a closure.
    Slots,
    /// The petitions a desk works (key: a department's id, or `dispatch` for the dispatch centre): one filed,
    /// routed, acted on or decided.
    Queue,
    /// One petition (key: its internal id, which says nothing about it): any step taken on it.
    Petition,
    /// Something the standings count (key: `DISTRICT`): a resident's callback given or its rating changed, or
    /// enforcement records imported.
    Standings,
    /// A disclosure entry an editor changed or an admin decided on (key: `item:<id>` or `department:<id>`).
    Catalog,
}

/// The key of a topic about the whole district.
pub const DISTRICT: &str = "district";

impl Topic {
    pub const ALL: [Topic; 5] = [Topic::Slots, Topic::Queue, Topic::Petition, Topic::Standings, Topic::Catalog];

    /// Its name in `/live?topics=…` and in the signals.
    pub const fn name(self) -> &'static str {
        match self {
            Topic::Slots => "slots",
            Topic::Queue => "queue",
            Topic::Petition => "petition",
            Topic::Standings => "standings",
            Topic::Catalog => "catalog",
        }
    }

    pub fn named(name: &str) -> Option<Topic> {
        Topic::ALL.into_iter().find(|topic| topic.name() == name)
    }
}

/// `children`, kept up to date: read again when `/live` signals `topic`/`key`, when the signal stream
/// (re)connects (signals may have been missed meanwhile), and every `every_seconds` if what it shows also
/// changes with the clock. The children are plain server HTML: an island among them would not hydrate again
/// after a swap. A region that can no longer change (`still = true`) is a plain element with the same id, which
/// costs the page no script, and is what a live region that reads it again finds.
#[component]
pub fn Live(
    id: &'static str,
    topic: Topic,
    key: String,
    #[prop(optional)] every_seconds: Option<u32>,
    #[prop(optional)] still: bool,
    children: Children,
) -> impl IntoView {
    if still {
        return view! { <div id=id>{children()}</div> }.into_any();
    }
    view! {
        <WithIslands>
            <LiveRegion>
                <div id=id data-topic=topic.name() data-key=key data-every=every_seconds>{children()}</div>
            </LiveRegion>
        </WithIslands>
    }
    .into_any()
}

/// Follows the signals for its one child (rendered by `Live`), which it finds by its `data-topic`: islands
/// here take no props (see `ui::dom`). `data-live="connected"` says the stream is open (tests wait for it).
#[island]
fn LiveRegion(children: Children) -> impl IntoView {
    let (connected, set_connected) = signal(false);
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(region) = root.get().and_then(|root| root.query_selector("[data-topic]").ok().flatten()) {
            follow(region, set_connected);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_connected;
    });
    view! {
        <div class="live-region" data-live=move || connected.get().then_some("connected") node_ref=root>
            {children()}
        </div>
    }
}

/// The longest a live region waits between hearing a change and reading it, in milliseconds.
#[cfg(feature = "hydrate")]
const SPREAD_MS: f64 = 1000.0;

#[cfg(feature = "hydrate")]
fn follow(region: web_sys::Element, set_connected: WriteSignal<bool>) {
    use crate::ui::dom::{Answer, Refresher};
    use wasm_bindgen::{closure::Closure, JsCast};

    let (Some(topic), Some(key)) = (region.get_attribute("data-topic"), region.get_attribute("data-key")) else {
        return;
    };
    let Ok(events) = web_sys::EventSource::new(&format!("/live?topics={topic}")) else { return };
    let refresher = Refresher::default();
    let id = StoredValue::new(region.id());
    let read_again = move || {
        let Some(location) = web_sys::window().map(|w| w.location()) else { return };
        let here = location.pathname().unwrap_or_default() + &location.search().unwrap_or_default();
        refresher.load(here, id.get_value(), Answer::Page, || {});
    };
    // Many pages may watch one busy place, and every instance restart reconnects them all: each page waits a
    // random moment up to `SPREAD_MS` before reading, so their reads are spread out and a burst of signals costs one.
    let waiting = StoredValue::new(false);
    let read_soon = move || {
        if !waiting.get_value() {
            waiting.set_value(true);
            let delay = std::time::Duration::from_millis((js_sys::Math::random() * SPREAD_MS) as u64);
            set_timeout(
                move || {
                    waiting.set_value(false);
                    read_again();
                },
                delay,
            );
        }
    };

    let mine = format!("{topic}/{key}");
    let on_change = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        if event.data().as_string().as_deref() == Some(mine.as_str()) {
            read_soon();
        }
    });
    let on_open = Closure::<dyn Fn()>::new(move || {
        set_connected.set(true);
        read_soon();
    });
    let on_resync = Closure::<dyn Fn()>::new(read_soon);
    // The browser reconnects by itself after an error; `open` then fires again.
    let on_error = Closure::<dyn Fn()>::new(move || set_connected.set(false));
    for (event, handler) in [
        ("change", on_change.as_ref()),
        ("open", on_open.as_ref()),
        ("resync", on_resync.as_ref()),
        ("error", on_error.as_ref()),
    ] {
        let _ = events.add_event_listener_with_callback(event, handler.unchecked_ref());
    }
    // The stream and its handlers live as long as the page.
    for handler in [on_open, on_resync, on_error] {
        handler.forget();
    }
    on_change.forget();

    if let Some(seconds) = region.get_attribute("data-every").and_then(|s| s.parse::<u32>().ok()) {
        let _ = set_interval_with_handle(read_again, std::time::Duration::from_secs(seconds.into()));
    }
}
