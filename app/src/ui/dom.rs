//! The few browser calls islands share. Islands here take no props: they find the server-rendered markup they
//! drive by id, so no island needs props decoded from JSON and the bundle carries no JSON decoder (taking the
//! search box's one prop away took 22 KB off the bundle). Nothing here runs on the server, where islands'
//! effects and handlers never run.

use leptos::prelude::*;

/// The element with `id` in the page.
#[cfg(feature = "hydrate")]
pub fn element(id: &str) -> Option<web_sys::Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// `text` with its URL-reserved characters escaped, for a query string.
#[cfg(feature = "hydrate")]
pub fn encode_component(text: &str) -> String {
    js_sys::encode_uri_component(text).into()
}

/// What the server answers when a part of the page is read again.
#[derive(Clone, Copy)]
pub enum Answer {
    /// Just the new contents: an HTML fragment endpoint, rendered by the same component as the page.
    Fragment,
    /// A whole page, the page's own address read again: the new contents are those of its element with the
    /// same id. No endpoint of its own, and the page's own route decides what the resident may see.
    Page,
}

/// Reads one part of the page (an element with an id) again from the server and swaps the answer in. Answers
/// can arrive out of order; only the newest request's is shown.
#[derive(Clone, Copy, Default)]
pub struct Refresher {
    // Read only by `load`, which only the browser has.
    #[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
    latest: StoredValue<u32>,
}

impl Refresher {
    /// Reads `url` and shows its contents for `id`; `shown` runs once they are in place. A network or server
    /// failure leaves what the page shows, and the next signal tries again.
    #[cfg(feature = "hydrate")]
    pub fn load(self, url: String, id: String, answer: Answer, shown: impl FnOnce() + 'static) {
        let ticket = self.latest.get_value().wrapping_add(1);
        self.latest.set_value(ticket);
        leptos::task::spawn_local(async move {
            let Some(html) = fetch_text(&url).await else { return };
            if self.latest.get_value() != ticket {
                return;
            }
            let contents = match answer {
                Answer::Fragment => Some(html),
                Answer::Page => contents_in_page(&html, &id),
            };
            if let (Some(contents), Some(target)) = (contents, element(&id)) {
                replace_keeping_choices(&target, &contents);
                shown();
            }
        });
    }
}

#[cfg(feature = "hydrate")]
async fn fetch_text(url: &str) -> Option<String> {
    let response = gloo_net::http::Request::get(url).send().await.ok()?;
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}

/// The inner HTML of the element `id` in the page `html`.
#[cfg(feature = "hydrate")]
fn contents_in_page(html: &str, id: &str) -> Option<String> {
    let page = web_sys::DomParser::new().ok()?.parse_from_string(html, web_sys::SupportedType::TextHtml).ok()?;
    Some(page.get_element_by_id(id)?.inner_html())
}

/// Swaps `html` in as `target`'s contents, keeping what the person had chosen and where their focus was: a
/// radio they ticked stays ticked if it is still there (and may still be chosen).
#[cfg(feature = "hydrate")]
fn replace_keeping_choices(target: &web_sys::Element, html: &str) {
    use wasm_bindgen::JsCast;
    let document = web_sys::window().and_then(|w| w.document());
    let focused = document.as_ref().and_then(|d| d.active_element()).map(|e| e.id()).filter(|id| !id.is_empty());
    let mut ticked = Vec::new();
    if let Ok(inputs) = target.query_selector_all("input:checked") {
        for n in 0..inputs.length() {
            if let Some(input) = inputs.item(n).and_then(|i| i.dyn_into::<web_sys::Element>().ok()) {
                ticked.push(input.id());
            }
        }
    }
    target.set_inner_html(html);
    for id in ticked {
        if let Some(input) = element(&id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            if !input.disabled() {
                input.set_checked(true);
            }
        }
    }
    if let Some(focused) = focused.and_then(|id| element(&id)).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = focused.focus();
    }
}
