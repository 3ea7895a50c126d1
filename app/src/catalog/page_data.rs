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
