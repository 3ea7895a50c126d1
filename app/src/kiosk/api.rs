//! Server functions behind the kiosk pages.

use crate::booking::model::BoardRow;
use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The place a kiosk stands in.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KioskPlace {
    pub id: String,
    pub name: String,
    pub address: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Board {
    pub day: NaiveDate,
    /// Slots from the current one on.
    pub rows: Vec<BoardRow>,
}

#[server(endpoint = "kiosk/place")]
pub async fn find_kiosk_place(place_id: String) -> Result<Option<KioskPlace>, ServerFnError> {
    let services = crate::store::services()?;
    Ok(services.bookings.bookable_place(&place_id).await?.map(|p| KioskPlace {
        id: p.place.id,
        name: p.place.name,
        address: p.place.address,
    }))
}

#[server(endpoint = "kiosk/board")]
pub async fn kiosk_board(place_id: String) -> Result<Board, ServerFnError> {
    let services = crate::store::services()?;
    let now = services.clock.now().naive_local();
    let day = now.date();
    // The slot under way stays on the board until it ends.
    let current = now.time() - chrono::Duration::minutes(crate::booking::slots::SLOT_MINUTES);
    let rows = services.bookings.board(&place_id, day).await?.into_iter().filter(|r| r.starts > current).collect();
    Ok(Board { day, rows })
}
