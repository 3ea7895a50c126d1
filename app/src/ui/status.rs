/// Sets the HTTP status of the page being rendered (404, 400 …). Pages render only on the server, so in the
/// browser build this does nothing.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(status)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::StatusCode::from_u16(code))
    {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
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

/// Sends the browser to `path` instead of the page being rendered (a 302). Unlike `leptos_axum::redirect`, it does
/// not depend on the request's Accept header: a page request always gets a real redirect.
pub fn redirect_to(path: &str) {
    #[cfg(feature = "ssr")]
    if let (Some(response), Ok(location)) =
        (leptos::prelude::use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(path))
    {
        response.insert_header(http::header::LOCATION, location);
        response.set_status(http::StatusCode::FOUND);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = path;
}

/// An expected refusal (bad input) from a server function: the message for the resident, with a 400 status,
/// so a JSON caller sees a client error and not a server fault. It is an `Args` error, which a page shows with
/// its message (`ui::shown`); any other error is a fault of ours.
#[cfg(feature = "ssr")]
pub fn rejected(message: impl Into<String>) -> leptos::prelude::ServerFnError {
    set_status(http::StatusCode::BAD_REQUEST.as_u16());
    leptos::prelude::ServerFnError::Args(message.into())
}
