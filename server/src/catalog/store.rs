//! The SQL behind `app::catalog::store::CatalogStore`: items, departments and places as the seed loaded them and
//! their editors changed them (`editing`).

use crate::db::codec::Day;
use crate::db::{self, on_backend, Pool};
use crate::live::Changes;
use app::catalog::editing::{Decided, Edit, Entry, Refused, Version};
use app::catalog::filter::{CatalogQuery, Channel, PER_PAGE};
use app::catalog::model::is_id_shaped;
use app::catalog::model::*;
use app::catalog::store::CatalogStore;
use app::staff::store::AuditEntry;
use app::storage::StoreError;
use quick_cache::sync::Cache;
use serde::de::DeserializeOwned;
use sqlx::{Database, Encode, FromRow, QueryBuilder, Type};
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};

pub struct SqlCatalog {
    pub(super) pool: Pool,
    pub(super) changes: Changes,
    /// What item pages read is kept once read: an item in full, and the places handling it (reading 133 places row
    /// by row was most of an item page's time). Bounded, and a failed read is not kept. An edit forgets what it
    /// changed, in every instance (`forget`).
    items: Cache<ItemId, Option<Item>>,
    places: Cache<ItemId, Vec<Place>>,
    /// Every entry's last review, which every standings page reads for its freshness component.
    reviews: RwLock<Option<Arc<Vec<Review>>>>,
    /// Counts what was forgotten: a read that began before an edit and ends after it keeps nothing, so the
    /// caches never hold what an edit replaced.
    forgotten: AtomicU64,
}

impl SqlCatalog {
    pub fn new(pool: Pool, changes: Changes) -> Self {
        Self {
            pool,
            changes,
            // Room for every item, and for ids that name none.
            items: Cache::new(1_024),
            places: Cache::new(1_024),
            reviews: RwLock::new(None),
            forgotten: AtomicU64::new(0),
        }
    }

    /// Forgets what is kept of `entry` (every entry's review dates with it); of everything when `None`.
    pub fn forget(&self, entry: Option<&Entry>) {
        self.forgotten.fetch_add(1, Ordering::SeqCst);
        match entry {
            None => self.items.clear(),
            Some(Entry { item: Some(item), .. }) => drop(self.items.remove(item)),
            Some(Entry { item: None, .. }) => {}
        }
        *self.reviews.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = None;
    }

    /// `read`'s answer, kept by `keep` unless something was forgotten while it ran.
    async fn kept<T: Clone>(
        &self,
        read: impl std::future::Future<Output = Result<T, StoreError>>,
        keep: impl FnOnce(T),
    ) -> Result<T, StoreError> {
        let before = self.forgotten.load(Ordering::SeqCst);
        let value = read.await?;
        if self.forgotten.load(Ordering::SeqCst) == before {
            keep(value.clone());
        }
        Ok(value)
    }

    async fn read_reviews(&self) -> Result<Vec<Review>, StoreError> {
        let rows: Vec<(String, Option<i64>, Option<String>, Day)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT id, NULL, NULL, responsibilities_reviewed_on FROM departments \
                 UNION ALL SELECT department_id, id, name, reviewed_on FROM items ORDER BY 1, 2 NULLS FIRST",
            )
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        rows.into_iter()
            .map(|(department, id, name, day)| {
                let item = match (id, name) {
                    (Some(id), Some(name)) => {
                        Some((ItemId::try_from(id).map_err(|e| db::unreadable("item id", e))?, name))
                    }
                    _ => None,
                };
                Ok(Review { department, item, reviewed_on: day.0 })
            })
            .collect()
    }

    /// Every item in full, for building the search index at start-up.
    pub async fn all_items(&self) -> Result<Vec<Item>, StoreError> {
        let sql = format!("{ITEM_SELECT} ORDER BY i.id");
        let rows: Vec<ItemRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).fetch_all(pool).await).map_err(db::failed)?;
        rows.into_iter().map(ItemRow::into_item).collect()
    }

    async fn read_item(&self, id: ItemId) -> Result<Option<Item>, StoreError> {
        let sql = format!("{ITEM_SELECT} WHERE i.id = $1");
        let row: Option<ItemRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).bind(id as i64).fetch_optional(pool).await)
                .map_err(db::failed)?;
        let Some(mut item) = row.map(ItemRow::into_item).transpose()? else { return Ok(None) };
        item.topics = on_backend!(&self.pool, |pool| {
            sqlx::query_scalar("SELECT topic FROM item_topics WHERE item_id = $1 ORDER BY topic")
                .bind(id as i64)
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(Some(item))
    }

    async fn read_places_handling(&self, item: ItemId) -> Result<Vec<Place>, StoreError> {
        let rows: Vec<PlaceRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT p.id, p.kind, p.name, p.street, p.address, p.phone FROM places p \
                 JOIN place_items pi ON pi.place_id = p.id WHERE pi.item_id = $1 ORDER BY p.id",
            )
            .bind(item as i64)
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        rows.into_iter().map(PlaceRow::into_place).collect()
    }
}

fn from_text<T: DeserializeOwned>(what: &str, text: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|e| db::unreadable(what, e))
}

pub(super) fn from_json<T: DeserializeOwned>(what: &str, json: &str) -> Result<T, StoreError> {
    serde_json::from_str(json).map_err(|e| db::unreadable(what, e))
}

pub(super) const ITEM_SELECT: &str =
    "SELECT i.*, d.name AS department_name FROM items i JOIN departments d ON d.id = i.department_id";
const SUMMARY_COLUMNS: &str = "i.id, i.name, i.kind, i.department_id, d.name AS department_name, i.promised_amount, \
    i.promised_unit, i.visits, i.online_depth, i.palm, i.kiosk, i.unmanned, i.bookable, i.one_id";

#[derive(FromRow)]
struct SummaryRow {
    id: i64,
    name: String,
    kind: i64,
    department_id: String,
    department_name: String,
    promised_amount: i64,
    promised_unit: String,
    visits: i64,
    #[sqlx(flatten)]
    channels: ChannelsRow,
}

#[derive(FromRow)]
struct ChannelsRow {
    online_depth: i64,
    palm: bool,
    kiosk: bool,
    unmanned: bool,
    bookable: bool,
    one_id: bool,
}

impl From<ChannelsRow> for Channels {
    fn from(r: ChannelsRow) -> Self {
        Channels {
            online_depth: r.online_depth as u8,
            palm: r.palm,
            kiosk: r.kiosk,
            unmanned: r.unmanned,
            bookable: r.bookable,
            one_id: r.one_id,
        }
    }
}

fn kind(code: i64) -> Result<ItemKind, StoreError> {
    ItemKind::try_from(code as u8).map_err(|e| db::unreadable("item kind", e))
}

impl SummaryRow {
    fn into_summary(self) -> Result<ItemSummary, StoreError> {
        Ok(ItemSummary {
            id: self.id as ItemId,
            name: self.name,
            kind: kind(self.kind)?,
            department_id: self.department_id,
            department_name: self.department_name,
            promised_limit: TimeLimit {
                amount: self.promised_amount as u16,
                unit: from_text("unit", &self.promised_unit)?,
            },
            visits: self.visits as u8,
            channels: self.channels.into(),
        })
    }
}

#[derive(FromRow)]
pub(super) struct ItemRow {
    id: i64,
    code: String,
    name: String,
    kind: i64,
    department_id: String,
    department_name: String,
    audience: String,
    description: String,
    legal_basis: String,
    conditions: String,
    handling: String,
    promised_amount: i64,
    promised_unit: String,
    statutory_amount: i64,
    statutory_unit: String,
    visits: i64,
    address: String,
    hours: String,
    phone: String,
    complaint: String,
    #[sqlx(flatten)]
    channels: ChannelsRow,
    reviewed_on: Day,
    version: i64,
    process_json: String,
    fees_json: String,
    materials_json: String,
}

impl ItemRow {
    pub(super) fn into_item(self) -> Result<Item, StoreError> {
        Ok(Item {
            id: self.id as ItemId,
            code: self.code,
            name: self.name,
            kind: kind(self.kind)?,
            department_id: self.department_id,
            department_name: self.department_name,
            audience: from_text("audience", &self.audience)?,
            topics: Vec::new(),
            description: self.description,
            legal_basis: self.legal_basis,
            conditions: self.conditions,
            process: from_json("process", &self.process_json)?,
            handling: from_text("handling", &self.handling)?,
            promised_limit: TimeLimit {
                amount: self.promised_amount as u16,
                unit: from_text("unit", &self.promised_unit)?,
            },
            statutory_limit: TimeLimit {
                amount: self.statutory_amount as u16,
                unit: from_text("unit", &self.statutory_unit)?,
            },
            fees: from_json("fees", &self.fees_json)?,
            visits: self.visits as u8,
            address: self.address,
            hours: self.hours,
            phone: self.phone,
            complaint: self.complaint,
            materials: from_json("materials", &self.materials_json)?,
            channels: self.channels.into(),
            reviewed_on: self.reviewed_on.0,
            version: self.version as u32,
        })
    }
}

#[derive(FromRow)]
struct DepartmentRow {
    id: String,
    name: String,
    phone: String,
    responsibilities_reviewed_on: Day,
    responsibilities_json: String,
}

/// A place as stored: `SELECT id, kind, name, street, address, phone FROM places`.
#[derive(FromRow)]
pub(crate) struct PlaceRow {
    id: String,
    kind: String,
    name: String,
    street: String,
    address: String,
    phone: String,
}

impl PlaceRow {
    pub(crate) fn into_place(self) -> Result<Place, StoreError> {
        Ok(Place {
            kind: from_text("place kind", &self.kind)?,
            id: self.id,
            name: self.name,
            street: self.street,
            address: self.address,
            phone: self.phone,
        })
    }
}

/// The WHERE clause of a catalog query, shared by the count and the page.
fn push_filters<'q, DB: Database>(sql: &mut QueryBuilder<'q, DB>, query: &'q CatalogQuery)
where
    &'q String: Encode<'q, DB> + Type<DB>,
{
    sql.push(" WHERE 1 = 1");
    if let Some(department) = &query.department {
        sql.push(" AND i.department_id = ").push_bind(department);
    }
    if let Some(place) = &query.place {
        sql.push(" AND EXISTS (SELECT 1 FROM place_items pi WHERE pi.item_id = i.id AND pi.place_id = ")
            .push_bind(place)
            .push(")");
    }
    if let Some(topic) = &query.topic {
        sql.push(" AND EXISTS (SELECT 1 FROM item_topics t WHERE t.item_id = i.id AND t.topic = ")
            .push_bind(topic)
            .push(")");
    }
    if let Some(channel) = query.channel {
        sql.push(match channel {
            Channel::Palm => " AND i.palm",
            Channel::Unmanned => " AND i.unmanned",
            Channel::OneId => " AND i.one_id",
            Channel::Bookable => " AND i.bookable",
        });
    }
}

#[async_trait::async_trait]
impl CatalogStore for SqlCatalog {
    async fn item(&self, id: ItemId) -> Result<Option<Item>, StoreError> {
        if let Some(item) = self.items.get(&id) {
            return Ok(item);
        }
        self.kept(self.read_item(id), |item| self.items.insert(id, item)).await
    }

    async fn items(&self, query: &CatalogQuery) -> Result<Option<Page<ItemSummary>>, StoreError> {
        if let Some(department) = &query.department {
            if self.department(department).await?.is_none() {
                return Ok(None);
            }
        }
        let (total, rows): (i64, Vec<SummaryRow>) = on_backend!(&self.pool, |pool| {
            let mut count = QueryBuilder::new("SELECT COUNT(*) FROM items i");
            push_filters(&mut count, query);
            let total = count.build_query_scalar().fetch_one(pool).await.map_err(db::failed)?;

            let mut select = QueryBuilder::new(format!(
                "SELECT {SUMMARY_COLUMNS} FROM items i JOIN departments d ON d.id = i.department_id"
            ));
            push_filters(&mut select, query);
            select
                .push(" ORDER BY i.id LIMIT ")
                .push_bind(PER_PAGE as i64)
                .push(" OFFSET ")
                .push_bind(((query.page.max(1) - 1) * PER_PAGE) as i64);
            Ok::<_, StoreError>((total, select.build_query_as().fetch_all(pool).await.map_err(db::failed)?))
        })?;
        Ok(Some(Page {
            items: rows.into_iter().map(SummaryRow::into_summary).collect::<Result<_, _>>()?,
            total: total as usize,
            page: query.page.max(1),
            per_page: PER_PAGE,
        }))
    }

    async fn department(&self, id: &str) -> Result<Option<Department>, StoreError> {
        if !is_id_shaped(id) {
            return Ok(None);
        }
        let row: Option<DepartmentRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT * FROM departments WHERE id = $1").bind(id).fetch_optional(pool).await
        })
        .map_err(db::failed)?;
        let Some(row) = row else { return Ok(None) };
        let former = self.former_names(Some(id)).await?.remove(id).unwrap_or_default();
        row.into_department(former).map(Some)
    }

    async fn departments(&self) -> Result<Vec<Department>, StoreError> {
        let rows: Vec<DepartmentRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT * FROM departments ORDER BY name").fetch_all(pool).await
        })
        .map_err(db::failed)?;
        // Every department's name history in one query, not one per department: the catalog's filter asks often.
        let mut history = self.former_names(None).await?;
        rows.into_iter()
            .map(|row| {
                let former = history.remove(&row.id).unwrap_or_default();
                row.into_department(former)
            })
            .collect()
    }

    async fn reviews(&self) -> Result<Arc<Vec<Review>>, StoreError> {
        if let Some(reviews) = self.reviews.read().unwrap_or_else(|poisoned| poisoned.into_inner()).clone() {
            return Ok(reviews);
        }
        let read = async { self.read_reviews().await.map(Arc::new) };
        self.kept(read, |reviews| {
            *self.reviews.write().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(reviews);
        })
        .await
    }

    async fn versions(&self, entry: &Entry) -> Result<Vec<Version>, StoreError> {
        self.read_versions(entry).await
    }

    async fn proposals(&self) -> Result<Vec<Version>, StoreError> {
        self.read_proposals().await
    }

    async fn version(&self, id: i64) -> Result<Option<Version>, StoreError> {
        self.read_version(id).await
    }

    async fn edit(&self, edit: &Edit, audit: &AuditEntry) -> Result<Result<(), Refused>, StoreError> {
        self.record_edit(edit, audit).await
    }

    async fn decide(
        &self,
        id: i64,
        approve: bool,
        decided: &Decided,
        audit: &AuditEntry,
    ) -> Result<Result<Version, Refused>, StoreError> {
        self.record_decision(id, approve, decided, audit).await
    }

    async fn places_handling(&self, item: ItemId) -> Result<Vec<Place>, StoreError> {
        self.places.get_or_insert_async(&item, self.read_places_handling(item)).await
    }

    async fn place(&self, id: &str) -> Result<Option<Place>, StoreError> {
        if !is_id_shaped(id) {
            return Ok(None);
        }
        let row: Option<PlaceRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT id, kind, name, street, address, phone FROM places WHERE id = $1")
                .bind(id)
                .fetch_optional(pool)
                .await
        })
        .map_err(db::failed)?;
        row.map(PlaceRow::into_place).transpose()
    }

    async fn places(&self) -> Result<Vec<Place>, StoreError> {
        let rows: Vec<PlaceRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT id, kind, name, street, address, phone FROM places ORDER BY kind, name")
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        rows.into_iter().map(PlaceRow::into_place).collect()
    }
}

impl SqlCatalog {
    /// Former names by department id, oldest first; of one department, or of all.
    async fn former_names(&self, department: Option<&str>) -> Result<HashMap<String, Vec<FormerName>>, StoreError> {
        let rows: Vec<(String, String, Day)> = on_backend!(&self.pool, |pool| {
            let mut sql = QueryBuilder::new("SELECT department_id, name, until FROM department_former_names");
            if let Some(id) = department {
                sql.push(" WHERE department_id = ").push_bind(id);
            }
            sql.push(" ORDER BY until");
            sql.build_query_as().fetch_all(pool).await
        })
        .map_err(db::failed)?;
        let mut history: HashMap<String, Vec<FormerName>> = HashMap::new();
        for (department_id, name, until) in rows {
            history.entry(department_id).or_default().push(FormerName { name, until: until.0 });
        }
        Ok(history)
    }
}

impl DepartmentRow {
    fn into_department(self, former_names: Vec<FormerName>) -> Result<Department, StoreError> {
        Ok(Department {
            former_names,
            responsibilities: from_json("responsibilities", &self.responsibilities_json)?,
            responsibilities_reviewed_on: self.responsibilities_reviewed_on.0,
            id: self.id,
            name: self.name,
            phone: self.phone,
        })
    }
}

// Keeps enum_text's round trip honest: what the seed writes, the store reads.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::seed::enum_text;

    #[test]
    fn enum_text_round_trips() {
        let unit: LimitUnit = from_text("unit", &enum_text(&LimitUnit::CalendarDays)).unwrap();
        assert_eq!(unit, LimitUnit::CalendarDays);
        let kind: PlaceKind = from_text("kind", &enum_text(&PlaceKind::Community)).unwrap();
        assert_eq!(kind, PlaceKind::Community);
    }
}
