/// The response of the page being rendered, taken where a page begins. A part rendered after an `.await` (inside a
/// `Suspend`) that holds it sets the page's own status, whatever the reactive owner is by then; looked up again
/// there, the context could be missing, and the status silently not set. Pages render only on the server, so in
/// the browser build it holds nothing.
#[derive(Clone, Default)]
pub struct PageResponse {
    #[cfg(feature = "ssr")]
    options: Option<leptos_axum::ResponseOptions>,
}

impl PageResponse {
    pub fn here() -> Self {
        Self {
            #[cfg(feature = "ssr")]
            options: leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        }
    }

    /// Sets the HTTP status (404, 400 …).
    pub fn set_status(&self, code: u16) {
        #[cfg(feature = "ssr")]
        if let (Some(response), Ok(status)) = (&self.options, http::StatusCode::from_u16(code)) {
            response.set_status(status);
        }
        #[cfg(not(feature = "ssr"))]
        let _ = code;
    }

    /// Sends the browser to `path` instead of the page (a 302). Unlike `leptos_axum::redirect`, it does not depend
    /// on the request's Accept header: a page request always gets a real redirect.
    pub fn redirect_to(&self, path: &str) {
        #[cfg(feature = "ssr")]
        if let (Some(response), Ok(location)) = (&self.options, http::HeaderValue::from_str(path)) {
            response.insert_header(http::header::LOCATION, location);
            response.set_status(http::StatusCode::FOUND);
        }
        #[cfg(not(feature = "ssr"))]
        let _ = path;
    }
}

/// Sets the HTTP status of the page being rendered (`PageResponse::set_status`, looked up here).
pub fn set_status(code: u16) {
    PageResponse::here().set_status(code);
}

/// The status a part of the page being rendered set already (a refusal's 403, a redirect), if any.
pub fn status_set() -> Option<u16> {
    #[cfg(feature = "ssr")]
    {
        let response = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()?;
        let status = response.0.read().ok()?.status;
        status.map(|status| status.as_u16())
    }
    #[cfg(not(feature = "ssr"))]
    None
}

/// Sends the browser to `path` instead of the page being rendered (`PageResponse::redirect_to`, looked up here).
pub fn redirect_to(path: &str) {
    PageResponse::here().redirect_to(path);
}

/// An expected refusal (bad input) from a server function: the message for the resident, with a 400 status,
/// so a JSON caller sees a client error and not a server fault. It is an `Args` error, which a page shows with
/// its message (`ui::shown`); any other error is a fault of ours.
#[cfg(feature = "ssr")]
pub fn rejected(message: impl Into<String>) -> leptos::prelude::ServerFnError {
    set_status(http::StatusCode::BAD_REQUEST.as_u16());
    leptos::prelude::ServerFnError::Args(message.into())
}
