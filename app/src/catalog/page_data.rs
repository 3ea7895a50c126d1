//! What the catalog's pages are shown when a page needs more than one thing: the answers of its server
//! functions that `catalog::service` makes.

use super::editing::{Field, Version};
use super::model::{Department, Item, ItemSummary, Page, Place};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemDetails {
    pub item: Item,
    pub places: Vec<Place>,
    /// The page's public URL and its QR code, so a kiosk user can carry the page away on a phone.
    pub public_url: String,
    pub qr_svg: String,
    /// The materials this visitor ticked and saved, by name (`checklist`).
    pub ticked: Vec<String>,
    /// Not reviewed for over a year: the page says so.
    pub stale: bool,
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

/// An editor's own disclosure: the departments they keep, each with its list and items and when each was last
/// reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditorIndex {
    pub today: String,
    pub departments: Vec<EditableDepartment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditableDepartment {
    pub id: String,
    pub name: String,
    pub list: EntryLine,
    /// The stalest first.
    pub items: Vec<EntryLine>,
}

/// One entry in an editor's list: where its editor opens, what it is called, when it was last reviewed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryLine {
    pub href: String,
    pub name: String,
    pub reviewed_on: String,
    pub stale: bool,
}

/// An entry's editor: its fields as they stand, the stamp its form carries, and its versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntryEditor {
    /// 河北区民政局职责清单, 结婚登记.
    pub title: String,
    pub department_name: String,
    /// Where the form posts, and where the public reads the entry.
    pub action: String,
    pub public_href: String,
    pub fields: Vec<(Field, String)>,
    pub stamp: u32,
    pub reviewed_on: String,
    pub stale: bool,
    pub versions: Vec<Version>,
}

/// Legal changes waiting for the service office, each with what it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub version: Version,
    pub department_name: String,
    pub item_name: String,
    /// Whether every change's `before` is still what the entry holds: if not, it can only be rejected.
    pub current: bool,
}
