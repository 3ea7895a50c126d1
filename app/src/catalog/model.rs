//! The service-item data as residents see it; the fields of a 事项实施清单 (item implementation list).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub type ItemId = u32;

/// Whether `id` has the shape of a department's or place's id (`civil-affairs`, `hall-1`): lowercase letters,
/// digits and hyphens. Ids come from addresses, and one of another shape names nothing; checking first keeps
/// what a visitor typed (a NUL byte, which PostgreSQL cannot hold in text) away from the database.
pub fn is_id_shaped(id: &str) -> bool {
    (1..=64).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// 事项类型, with the national code numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub enum ItemKind {
    Licensing = 1,
    Benefit = 5,
    Confirmation = 7,
    OtherPower = 10,
    PublicService = 20,
}

impl ItemKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Licensing => "行政许可",
            Self::Benefit => "行政给付",
            Self::Confirmation => "行政确认",
            Self::OtherPower => "其他行政权力",
            Self::PublicService => "公共服务",
        }
    }
}

impl TryFrom<u8> for ItemKind {
    type Error = String;
    fn try_from(code: u8) -> Result<Self, String> {
        Ok(match code {
            1 => Self::Licensing,
            5 => Self::Benefit,
            7 => Self::Confirmation,
            10 => Self::OtherPower,
            20 => Self::PublicService,
            other => return Err(format!("unknown item kind {other}")),
        })
    }
}

impl From<ItemKind> for u8 {
    fn from(kind: ItemKind) -> u8 {
        kind as u8
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    Person,
    Business,
}

/// 即办件 (done on the spot) or 承诺件 (done within the promised limit).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Handling {
    Immediate,
    Promised,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LimitUnit {
    WorkingDays,
    CalendarDays,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeLimit {
    pub amount: u16,
    pub unit: LimitUnit,
}

impl TimeLimit {
    /// "5个工作日", "60日"; a zero limit is 当场办结. The unit is always spelled out.
    pub fn describe(self) -> String {
        match (self.amount, self.unit) {
            (0, _) => "当场办结".to_string(),
            (n, LimitUnit::WorkingDays) => format!("{n}个工作日"),
            (n, LimitUnit::CalendarDays) => format!("{n}日（自然日）"),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fee {
    pub item: String,
    pub amount: String,
    pub basis: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MaterialForm {
    Original,
    Copy,
    OriginalAndCopy,
}

impl MaterialForm {
    pub fn label(self) -> &'static str {
        match self {
            Self::Original => "原件",
            Self::Copy => "复印件",
            Self::OriginalAndCopy => "原件和复印件",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Material {
    pub name: String,
    pub required: bool,
    pub form: MaterialForm,
    /// Paper copies to hand in; 0 = shown and handed back.
    pub copies: u8,
    pub source: String,
    pub notes: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Channels {
    /// 网上办理深度 1–4 (4 = fully online, no visit).
    pub online_depth: u8,
    pub palm: bool,
    pub kiosk: bool,
    pub unmanned: bool,
    pub bookable: bool,
    pub one_id: bool,
}

/// What a list or search result shows of an item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemSummary {
    pub id: ItemId,
    pub name: String,
    pub kind: ItemKind,
    pub department_id: String,
    pub department_name: String,
    pub promised_limit: TimeLimit,
    pub visits: u8,
    pub channels: Channels,
}

/// Everything a resident needs before going.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: ItemId,
    pub code: String,
    pub name: String,
    pub kind: ItemKind,
    pub department_id: String,
    #[serde(default)]
    pub department_name: String,
    pub audience: Audience,
    pub topics: Vec<String>,
    pub description: String,
    pub legal_basis: String,
    pub conditions: String,
    pub process: Vec<String>,
    pub handling: Handling,
    pub promised_limit: TimeLimit,
    pub statutory_limit: TimeLimit,
    pub fees: Vec<Fee>,
    pub visits: u8,
    pub address: String,
    pub hours: String,
    pub phone: String,
    pub complaint: String,
    pub materials: Vec<Material>,
    pub channels: Channels,
    pub reviewed_on: NaiveDate,
    pub version: u32,
}

impl Item {
    pub fn summary(&self) -> ItemSummary {
        ItemSummary {
            id: self.id,
            name: self.name.clone(),
            kind: self.kind,
            department_id: self.department_id.clone(),
            department_name: self.department_name.clone(),
            promised_limit: self.promised_limit,
            visits: self.visits,
            channels: self.channels,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormerName {
    pub name: String,
    pub until: NaiveDate,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Stable across renames and reorganisation: petitions and rankings key on it.
    pub id: String,
    pub name: String,
    pub former_names: Vec<FormerName>,
    pub phone: String,
    pub responsibilities: Vec<String>,
    pub responsibilities_reviewed_on: NaiveDate,
}

/// A responsibility list not reviewed for a year is stale: the source document's named problem.
pub const STALE_AFTER_DAYS: i64 = 365;

/// Whether a disclosure entry last reviewed `on` is stale `today`: more than a year since.
pub fn is_stale(on: NaiveDate, today: NaiveDate) -> bool {
    (today - on).num_days() > STALE_AFTER_DAYS
}

impl Department {
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        is_stale(self.responsibilities_reviewed_on, today)
    }
}

impl Item {
    pub fn is_stale(&self, today: NaiveDate) -> bool {
        is_stale(self.reviewed_on, today)
    }
}

/// When one disclosure entry of a department was last reviewed: its responsibility list (`item` none), or one of
/// its items (id and name).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Review {
    pub department: String,
    pub item: Option<(ItemId, String)>,
    pub reviewed_on: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Hall,
    Point,
    Community,
}

impl PlaceKind {
    pub fn label(self) -> &'static str {
        match self {
            Self::Hall => "无人审批超市",
            Self::Point => "无人审批网点",
            Self::Community => "社区党群服务中心",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub id: String,
    pub kind: PlaceKind,
    pub name: String,
    pub street: String,
    pub address: String,
    pub phone: String,
}

/// One page of a list, with the total so the page can say how many there are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: usize,
    pub page: usize,
    pub per_page: usize,
}

impl<T> Page<T> {
    pub fn page_count(&self) -> usize {
        self.total.div_ceil(self.per_page).max(1)
    }
}

/// Results shown as you type; the query is echoed so a late answer to an old query can be recognised.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub total: usize,
    pub items: Vec<ItemSummary>,
}

/// How many results a search shows; past that, people refine the query.
pub const SEARCH_LIMIT: usize = 30;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_always_carry_their_unit() {
        let five = TimeLimit { amount: 5, unit: LimitUnit::WorkingDays };
        assert_eq!(five.describe(), "5个工作日");
        let sixty = TimeLimit { amount: 60, unit: LimitUnit::CalendarDays };
        assert_eq!(sixty.describe(), "60日（自然日）");
        assert_eq!(TimeLimit { amount: 0, unit: LimitUnit::WorkingDays }.describe(), "当场办结");
    }

    #[test]
    fn a_list_reviewed_over_a_year_ago_is_stale() {
        let dept = Department {
            id: "x".into(),
            name: "x".into(),
            former_names: vec![],
            phone: String::new(),
            responsibilities: vec![],
            responsibilities_reviewed_on: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
        };
        assert!(!dept.is_stale(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()));
        assert!(dept.is_stale(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()));
    }
}
