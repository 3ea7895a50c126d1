//! What every capability's storage trait answers when the backend fails. The server turns it into the Chinese
//! "try again later" page with a 503; the resident never sees its text.

#[derive(Debug, thiserror::Error)]
#[error("storage: {0}")]
pub struct StoreError(pub String);
