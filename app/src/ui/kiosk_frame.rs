//! The kiosk's frame, for every page shown on a kiosk (the kiosk's own pages, and booking's there): the place it
//! stands in, its chrome, and the QR code that carries the page on to a resident's phone.
//!
//! A kiosk forgets each person. After a minute without a touch or a key it warns for ten seconds (any touch
//! carries on), then ends the kiosk's server session and reloads its home page, which clears every form. The
//! "结束并清除" button does the same at once, and works without any script.
//!
//! The markup (the end form and the warning) is rendered by the server as the island's children; the island only
//! counts and shows or hides the warning. Rendering it in the island would put its whole view into the bundle
//! every phone downloads for the search page too.

#[cfg(feature = "hydrate")]
use crate::ui::dom::element;
use crate::ui::{shown, NotFound, WithIslands};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;
use std::time::Duration;

/// A page on the kiosk at `place_id`: its name, the way back to the kiosk's home, the end button and the idle
/// reset; no site header with links that leave the kiosk.
#[component]
pub fn KioskFrame(place_id: String, place_name: String, children: Children) -> impl IntoView {
    view! {
        <WithIslands>
            <div class="kiosk">
                <header class="kiosk-header">
                    <a class="kiosk-home" href=format!("/kiosk/{place_id}")>"掌上办 · 自助终端"</a>
                    <span class="kiosk-place">{place_name}</span>
                    <IdleReset><IdleResetParts place_id /></IdleReset>
                </header>
                <main id="main">{children()}</main>
            </div>
        </WithIslands>
    }
}

const IDLE_SECONDS: u32 = 60;
const WARNING_SECONDS: u32 = 10;

/// Ids of the server-rendered parts the island drives.
const END_FORM: &str = "kiosk-end";
const WARNING: &str = "idle-warning";
const SECONDS_LEFT: &str = "idle-seconds";

#[island]
pub fn IdleReset(children: Children) -> impl IntoView {
    let (live, set_live) = signal(false);
    // Effects run only in the browser: start the clock there, and mark the island live (tests wait for it).
    Effect::new(move |_| {
        set_live.set(true);
        let idle = StoredValue::new(0u32);
        // The listeners live as long as the page. Untyped: the event itself is not read.
        for event in ["pointerdown", "keydown"] {
            let _ = window_event_listener_untyped(event, move |_| {
                idle.set_value(0);
                show_warning(None);
            });
        }
        let _ = set_interval_with_handle(
            move || {
                let seconds = idle.get_value() + 1;
                idle.set_value(seconds);
                match (IDLE_SECONDS + WARNING_SECONDS).checked_sub(seconds) {
                    Some(0) | None => end_session(),
                    Some(left) if seconds >= IDLE_SECONDS => show_warning(Some(left)),
                    Some(_) => {}
                }
            },
            Duration::from_secs(1),
        );
    });
    view! { <div class="idle-reset" data-idle=move || live.get().then_some("live")>{children()}</div> }
}

/// The kiosk's end form and its idle warning (hidden until the island shows it), rendered on the server.
#[component]
fn IdleResetParts(place_id: String) -> impl IntoView {
    view! {
        <form id=END_FORM class="kiosk-end" method="post" action=format!("/kiosk/{place_id}/end")>
            <button type="submit">"结束并清除"</button>
        </form>
        <div id=WARNING class="idle-warning" role="alertdialog" aria-labelledby="idle-warning-text" hidden>
            <p id="idle-warning-text">
                "还在使用吗？"<span id=SECONDS_LEFT>{WARNING_SECONDS}</span>" 秒后将清除已填写的信息，回到首页。"
            </p>
            <button type="button">"继续使用"</button>
        </div>
    }
}

/// Shows the warning with the seconds left, or hides it.
fn show_warning(left: Option<u32>) {
    #[cfg(feature = "hydrate")]
    {
        if let (Some(warning), Some(seconds)) = (element(WARNING), element(SECONDS_LEFT)) {
            if let Some(left) = left {
                seconds.set_text_content(Some(&left.to_string()));
            }
            let _ = warning.toggle_attribute_with_force("hidden", left.is_none());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = left;
}

/// Empties the browser's storage and posts the end form: the server forgets the session and sends the kiosk home.
fn end_session() {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(window) = web_sys::window() {
            for storage in [window.local_storage(), window.session_storage()].into_iter().flatten().flatten() {
                let _ = storage.clear();
            }
        }
        if let Some(form) = element(END_FORM).and_then(|e| e.dyn_into::<web_sys::HtmlFormElement>().ok()) {
            let _ = form.submit();
        }
    }
}

/// The kiosk's keypad for digits and X: a kiosk has a touch screen and no input method, and ID and phone numbers
/// need nothing else. The keys are server-rendered buttons (`KeypadKeys`); the island only listens for a press
/// and edits the field it belongs to. Without a script the keys do nothing and the field takes typing as usual.
/// It has no "live" marker of its own: it hydrates with the page's `IdleReset`, whose marker says both are live.
#[island]
pub fn Keypad(children: Children) -> impl IntoView {
    view! { <div class="keypad" on:click=press>{children()}</div> }
}

/// The keys for the field `field`: 1–9, X, 0 and delete, in the usual layout.
#[component]
pub fn KeypadKeys(field: &'static str, with_x: bool) -> impl IntoView {
    let keys = ["1", "2", "3", "4", "5", "6", "7", "8", "9", if with_x { "X" } else { "" }, "0", "⌫"];
    view! {
        <div class="keys" data-for=field>
            {keys.into_iter().map(|key| match key {
                "" => view! { <span></span> }.into_any(),
                "⌫" => view! { <button type="button" data-key="back" aria-label="删除一位">"⌫"</button> }.into_any(),
                key => view! { <button type="button" data-key=key>{key}</button> }.into_any(),
            }).collect_view()}
        </div>
    }
}

/// One press: the key's character goes on the end of its field, or "back" takes the last one off.
fn press(event: leptos::ev::MouseEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let Some(key) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let (Some(value), Some(field)) =
            (key.get_attribute("data-key"), key.parent_element().and_then(|keys| keys.get_attribute("data-for")))
        else {
            return;
        };
        let input = element(&field).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok());
        if let Some(input) = input {
            let mut text = input.value();
            if value == "back" {
                text.pop();
            } else {
                text.push_str(&value);
            }
            input.set_value(&text);
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = event;
}

/// The place a kiosk stands in.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct KioskPlace {
    pub id: String,
    pub name: String,
    pub address: String,
}

#[server(endpoint = "kiosk/place")]
pub async fn find_kiosk_place(place_id: String) -> Result<Option<KioskPlace>, ServerFnError> {
    let services = crate::services::services()?;
    Ok(services.catalog.store.place(&place_id).await?.map(|p| KioskPlace {
        id: p.id,
        name: p.name,
        address: p.address,
    }))
}

/// The normal (not kiosk) address of a page, and its QR code, so a resident can carry on with their phone.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PhoneLink {
    pub url: String,
    pub qr_svg: String,
}

/// `path` is one of our own pages; nothing personal ever goes into it.
#[server(endpoint = "kiosk/phone_link")]
pub async fn link_for_phone(path: String) -> Result<PhoneLink, ServerFnError> {
    let Some(path) = crate::ui::own_page::own_page(&path) else {
        return Err(crate::ui::rejected("只能是本站的页面。"));
    };
    let url = format!("{}{path}", crate::services::services()?.site.public_base_url);
    let qr_svg =
        crate::ui::qr::public_qr_svg(&url).map_err(|_| crate::ui::rejected("页面地址太长，无法生成二维码。"))?;
    Ok(PhoneLink { qr_svg, url })
}

/// A kiosk page: its place (404 when there is no such place), framed, with `body` below, and the QR code of
/// `phone_path`, the same thing on the normal site.
#[component]
pub fn KioskPage(title: &'static str, body: fn(KioskPlace) -> AnyView, phone_path: &'static str) -> impl IntoView {
    let place_id = use_params_map().with_untracked(|p| p.get("place").unwrap_or_default());
    let place = Resource::new(move || place_id.clone(), find_kiosk_place);
    view! {
        <Title text=title />
        <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
            {move || Suspend::new(shown(async move {
                // No kiosk frame for a place that is not one: the site's 404 page.
                Ok::<_, ServerFnError>(match place.await? {
                    Some(place) => view! {
                        <KioskFrame place_id=place.id.clone() place_name=place.name.clone()>
                            {body(place)}
                            <ContinueOnPhone path=phone_path />
                        </KioskFrame>
                    }
                    .into_any(),
                    None => view! { <NotFound /> }.into_any(),
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
