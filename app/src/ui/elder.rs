//! 长辈版 (elder mode): larger text and targets, remembered in a cookie and applied by the server when it renders.

use leptos::prelude::*;

pub const COOKIE: &str = "elder";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ElderMode(pub bool);

impl ElderMode {
    /// Read from the request's cookie while rendering on the server.
    pub fn from_request() -> Self {
        #[cfg(feature = "ssr")]
        {
            let on = use_context::<http::request::Parts>()
                .and_then(|parts| parts.headers.get(http::header::COOKIE)?.to_str().ok().map(str::to_owned))
                .is_some_and(|cookies| cookies_say_on(&cookies));
            Self(on)
        }
        #[cfg(not(feature = "ssr"))]
        Self(false)
    }

    pub fn html_class(self) -> &'static str {
        if self.0 {
            "elder"
        } else {
            ""
        }
    }
}

pub fn cookies_say_on(cookie_header: &str) -> bool {
    cookie_header.split(';').any(|pair| pair.trim() == format!("{COOKIE}=1"))
}

/// A plain form: it works before (and without) any script, and the server redirects back to the page. Pressed, it
/// turns the mode off again.
#[component]
pub fn ElderToggle() -> impl IntoView {
    let on = use_context::<ElderMode>().unwrap_or_default().0;
    let location = leptos_router::hooks::use_location();
    let back = move || {
        let search = location.search.get();
        let search = search.trim_start_matches('?');
        let path = location.pathname.get();
        if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        }
    };
    view! {
        <form method="post" action="/settings/elder" class="elder-toggle">
            <input type="hidden" name="on" value=if on { "0" } else { "1" } />
            <input type="hidden" name="back" value=back />
            // The name stays 长辈版 and aria-pressed says whether it is on ("长辈版, pressed"); the words after it
            // say so to the eye, hidden from screen readers, which have the state already.
            <button type="submit" aria-pressed=on.to_string()>
                "长辈版"
                {on.then(|| view! { <span class="state" aria-hidden="true">"已开启"</span> })}
            </button>
        </form>
    }
    // Erased: every page's frame nests this, and its full type overflowed the compiler's query depth in release.
    .into_any()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_cookie_among_others() {
        assert!(super::cookies_say_on("a=b; elder=1; c=d"));
        assert!(!super::cookies_say_on("elder=0"));
        assert!(!super::cookies_say_on("notelder=1"));
    }
}
