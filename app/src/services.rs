//! What server functions and form handlers reach the capabilities through, provided once per request by the
//! server: one field per capability, so a server that leaves one out does not compile. Server-only; the browser
//! build never sees it.

use crate::booking::store::BookingStore;
use crate::catalog::store::Catalog;
use crate::clock::Clock;
use crate::petitions::store::PetitionStore;
use crate::rankings::store::RankingStore;
use crate::sms::Sms;
use crate::staff::store::StaffStore;
use leptos::prelude::*;
use std::sync::Arc;

#[derive(Clone)]
pub struct Services {
    pub site: Site,
    pub catalog: Catalog,
    pub booking: Arc<dyn BookingStore>,
    pub staff: Arc<dyn StaffStore>,
    pub petitions: Arc<dyn PetitionStore>,
    pub rankings: Arc<dyn RankingStore>,
    pub sms: Sms,
}

/// What every capability shares: the time, and the address the site is reached at.
#[derive(Clone)]
pub struct Site {
    pub clock: Clock,
    /// Where QR codes point; configured, never taken from the Host header.
    pub public_base_url: Arc<str>,
    /// The demo petition history is loaded: every page says so.
    pub demo: bool,
}

pub fn services() -> Result<Services, ServerFnError> {
    use_context::<Services>().ok_or_else(|| ServerFnError::new("Services missing from context"))
}

/// The services and the visitor's session: what every server function of a resident's questions starts from.
pub async fn services_and_session() -> Result<(Services, tower_sessions::Session), ServerFnError> {
    Ok((services()?, leptos_axum::extract().await?))
}
