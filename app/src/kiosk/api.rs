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
    let services = crate::services::services()?;
    Ok(services.booking.bookable_place(&place_id).await?.map(|p| KioskPlace {
        id: p.place.id,
        name: p.place.name,
        address: p.place.address,
    }))
}

#[server(endpoint = "kiosk/board")]
pub async fn kiosk_board(place_id: String) -> Result<Board, ServerFnError> {
    let services = crate::services::services()?;
    let now = services.site.clock.now().naive_local();
    let day = now.date();
    // The slot under way stays on the board until it ends.
    let current = now.time() - chrono::Duration::minutes(crate::booking::slots::SLOT_MINUTES);
    let rows = services.booking.board(&place_id, day).await?.into_iter().filter(|r| r.starts > current).collect();
    Ok(Board { day, rows })
}

/// The normal (not kiosk) address of a page, and its QR code, so a resident can carry on with their phone.
#[derive(Clone, Debug, Serialize, Deserialize)]
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
    let qr_svg = crate::ui::qr::qr_svg(&url).map_err(|_| crate::ui::rejected("页面地址太长，无法生成二维码。"))?;
    Ok(PhoneLink { qr_svg, url })
}

/// The bookable items handled at the kiosk's place, by life-event topic, a page at a time.
#[server(endpoint = "kiosk/bookable")]
pub async fn bookable_here(
    place_id: String,
    topic: Option<String>,
    page: usize,
) -> Result<Option<crate::catalog::model::Page<crate::catalog::model::ItemSummary>>, ServerFnError> {
    use crate::catalog::filter::{topic_label, CatalogQuery, Channel};
    if topic.as_deref().is_some_and(|t| topic_label(t).is_none()) {
        return Err(crate::ui::rejected("没有这个主题分类，请从列表中选择。"));
    }
    let query = CatalogQuery {
        place: Some(place_id),
        topic,
        channel: Some(Channel::Bookable),
        page: page.max(1),
        ..Default::default()
    };
    Ok(crate::services::services()?.catalog.store.items(&query).await?)
}
