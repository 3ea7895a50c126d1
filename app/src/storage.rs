//! What every capability's storage answers when the backend fails (its trait, or the session). The server turns it
//! into the Chinese "try again later" page with a 503; the resident never sees its text.

#[derive(Debug, thiserror::Error)]
#[error("storage: {0}")]
pub struct StoreError(pub String);

/// A session that could not be read or written (its store is the database), as a server function reports it.
pub fn session_failed(error: impl std::fmt::Display) -> leptos::prelude::ServerFnError {
    leptos::prelude::ServerFnError::new(format!("session: {error}"))
}
