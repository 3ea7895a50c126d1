//! What the catalog's pages are shown when a page needs more than one thing: the answers of its server
//! functions that `catalog::service` makes.

use super::model::{Department, Item, ItemSummary, Page, Place};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetails {
    pub item: Item,
    pub places: Vec<Place>,
    /// The page's public URL and its QR code, so a kiosk user can carry the page away on a phone.
    pub public_url: String,
    pub qr_svg: String,
    /// The materials this visitor ticked and saved (`checklist`).
    pub ticked: Vec<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentDetails {
    pub department: Department,
    pub stale: bool,
    pub items: Page<ItemSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentOverview {
    pub department: Department,
    pub stale: bool,
}

/// The staff report of stale disclosure: each department's entries, the stalest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StalenessReport {
    /// 2026年11月30日: the day it was worked out for.
    pub today: String,
    pub departments: Vec<DepartmentStaleness>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentStaleness {
    pub id: String,
    pub name: String,
    /// When its responsibility list was last reviewed (2018年1月19日), and whether that is over a year ago.
    pub list_reviewed_on: String,
    pub list_stale: bool,
    pub items: u32,
    /// Its items not reviewed for over a year: (id, name, last reviewed), the oldest first.
    pub stale_items: Vec<(u32, String, String)>,
    /// The share of its entries (list and items) reviewed within the year, as a percentage.
    pub fresh_share: String,
}
