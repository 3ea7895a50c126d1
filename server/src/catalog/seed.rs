//! Loads `server/seed/catalog.json` (written by `cargo xtask gen-data`) into an empty database. Idempotent:
//! every insert is `ON CONFLICT DO NOTHING` inside one transaction, so instances starting together are safe.

use crate::db::codec::Day;
use crate::db::{on_backend, Pool};
use anyhow::Context;
use app::catalog::model::{Department, Item, Place};
use serde::Deserialize;
use sqlx::QueryBuilder;

pub const CATALOG_JSON: &str = include_str!("../../seed/catalog.json");

#[derive(Deserialize)]
pub struct SeedCatalog {
    pub departments: Vec<Department>,
    pub items: Vec<Item>,
    pub places: Vec<SeedPlace>,
}

#[derive(Deserialize)]
pub struct SeedPlace {
    #[serde(flatten)]
    pub place: Place,
    pub counters: u32,
    pub hours: serde_json::Value,
    pub item_ids: Vec<u32>,
}

pub fn catalog() -> anyhow::Result<SeedCatalog> {
    serde_json::from_str(CATALOG_JSON).context("server/seed/catalog.json does not match the catalog types")
}

/// Rows per multi-row INSERT: well under SQLite's 32766 bound parameters.
const BATCH: usize = 200;

pub async fn seed(pool: &Pool) -> anyhow::Result<()> {
    let data = catalog()?;
    // The same statements on either backend; see `db::on_backend`.
    on_backend!(pool, |pool| {
        let present: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM items").fetch_one(pool).await?;
        if present as usize == data.items.len() {
            return Ok(());
        }
        let started = std::time::Instant::now();
        let mut tx = pool.begin().await?;
        for d in &data.departments {
            sqlx::query(
                "INSERT INTO departments (id, name, phone, responsibilities_reviewed_on, responsibilities_json) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(&d.id)
            .bind(&d.name)
            .bind(&d.phone)
            .bind(Day(d.responsibilities_reviewed_on))
            .bind(serde_json::to_string(&d.responsibilities)?)
            .execute(&mut *tx)
            .await?;
            for f in &d.former_names {
                sqlx::query("INSERT INTO department_former_names (department_id, name, until) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING")
                    .bind(&d.id)
                    .bind(&f.name)
                    .bind(Day(f.until))
                    .execute(&mut *tx)
                    .await?;
            }
        }
        for chunk in data.items.chunks(BATCH) {
            let mut insert = QueryBuilder::new(
                "INSERT INTO items (id, code, name, kind, department_id, audience, description, legal_basis, conditions, \
                 handling, promised_amount, promised_unit, statutory_amount, statutory_unit, visits, address, hours, phone, \
                 complaint, online_depth, palm, kiosk, unmanned, bookable, one_id, reviewed_on, version, process_json, \
                 fees_json, materials_json) ",
            );
            insert.push_values(chunk, |mut row, i| {
                row.push_bind(i.id as i64)
                    .push_bind(&i.code)
                    .push_bind(&i.name)
                    .push_bind(u8::from(i.kind) as i64)
                    .push_bind(&i.department_id)
                    .push_bind(enum_text(&i.audience))
                    .push_bind(&i.description)
                    .push_bind(&i.legal_basis)
                    .push_bind(&i.conditions)
                    .push_bind(enum_text(&i.handling))
                    .push_bind(i.promised_limit.amount as i64)
                    .push_bind(enum_text(&i.promised_limit.unit))
                    .push_bind(i.statutory_limit.amount as i64)
                    .push_bind(enum_text(&i.statutory_limit.unit))
                    .push_bind(i.visits as i64)
                    .push_bind(&i.address)
                    .push_bind(&i.hours)
                    .push_bind(&i.phone)
                    .push_bind(&i.complaint)
                    .push_bind(i.channels.online_depth as i64)
                    .push_bind(i.channels.palm)
                    .push_bind(i.channels.kiosk)
                    .push_bind(i.channels.unmanned)
                    .push_bind(i.channels.bookable)
                    .push_bind(i.channels.one_id)
                    .push_bind(Day(i.reviewed_on))
                    .push_bind(i.version as i64)
                    .push_bind(serde_json::to_string(&i.process).expect("strings serialise"))
                    .push_bind(serde_json::to_string(&i.fees).expect("fees serialise"))
                    .push_bind(serde_json::to_string(&i.materials).expect("materials serialise"));
            });
            insert.push(" ON CONFLICT DO NOTHING");
            insert.build().execute(&mut *tx).await?;
        }
        let topics: Vec<(u32, &str)> =
            data.items.iter().flat_map(|i| i.topics.iter().map(move |t| (i.id, t.as_str()))).collect();
        for chunk in topics.chunks(BATCH) {
            let mut insert = QueryBuilder::new("INSERT INTO item_topics (item_id, topic) ");
            insert.push_values(chunk, |mut row, (id, topic)| {
                row.push_bind(*id as i64).push_bind(*topic);
            });
            insert.push(" ON CONFLICT DO NOTHING");
            insert.build().execute(&mut *tx).await?;
        }
        for p in &data.places {
            sqlx::query(
                "INSERT INTO places (id, kind, name, street, address, phone, counters, hours_json) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING",
            )
            .bind(&p.place.id)
            .bind(enum_text(&p.place.kind))
            .bind(&p.place.name)
            .bind(&p.place.street)
            .bind(&p.place.address)
            .bind(&p.place.phone)
            .bind(p.counters as i64)
            .bind(p.hours.to_string())
            .execute(&mut *tx)
            .await?;
            for chunk in p.item_ids.chunks(BATCH) {
                let mut insert = QueryBuilder::new("INSERT INTO place_items (place_id, item_id) ");
                insert.push_values(chunk, |mut row, id| {
                    row.push_bind(&p.place.id).push_bind(*id as i64);
                });
                insert.push(" ON CONFLICT DO NOTHING");
                insert.build().execute(&mut *tx).await?;
            }
        }
        tx.commit().await?;
        tracing::info!(items = data.items.len(), places = data.places.len(), elapsed = ?started.elapsed(), "seeded the catalog");
        Ok(())
    })
}

/// The serde name of a unit-variant enum ("working_days"), the form the database keeps.
pub fn enum_text<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        other => panic!("not a unit enum: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use app::catalog::model::{Handling, LimitUnit, PlaceKind};
    use std::collections::HashSet;

    #[test]
    fn the_district_has_763_items_131_unmanned_and_133_places() {
        let data = catalog().unwrap();
        assert_eq!(data.items.len(), 763);
        assert_eq!(data.items.iter().filter(|i| i.channels.unmanned).count(), 131);
        assert_eq!(data.places.len(), 133);
        let count = |kind| data.places.iter().filter(|p| p.place.kind == kind).count();
        assert_eq!((count(PlaceKind::Hall), count(PlaceKind::Point), count(PlaceKind::Community)), (2, 13, 118));
        let streets: HashSet<&str> = data.places.iter().map(|p| p.place.street.as_str()).collect();
        assert_eq!(streets.len(), 10, "the district's 10 streets");
    }

    #[test]
    fn every_item_is_complete_and_plausible() {
        let data = catalog().unwrap();
        let departments: HashSet<&str> = data.departments.iter().map(|d| d.id.as_str()).collect();
        let mut ids = HashSet::new();
        let mut codes = HashSet::new();
        let mut names = HashSet::new();
        for i in &data.items {
            assert!(ids.insert(i.id) && codes.insert(&i.code) && names.insert(&i.name), "duplicate: {}", i.name);
            assert!(departments.contains(i.department_id.as_str()), "{}: unknown department", i.name);
            for text in
                [&i.name, &i.description, &i.legal_basis, &i.conditions, &i.address, &i.hours, &i.phone, &i.complaint]
            {
                assert!(!text.trim().is_empty(), "{}: an empty field", i.name);
            }
            assert_eq!(i.code.len(), 29, "{}: implementation code", i.code);
            assert!(!i.materials.is_empty() && !i.process.is_empty(), "{}: materials and process", i.name);
            assert!(
                i.promised_limit.amount <= i.statutory_limit.amount
                    || i.statutory_limit.unit == LimitUnit::CalendarDays,
                "{}: the promise must not exceed the statutory limit",
                i.name
            );
            assert_eq!(i.handling == Handling::Immediate, i.promised_limit.amount == 0, "{}: 即办件 ⇔ no wait", i.name);
            assert!((1..=4).contains(&i.channels.online_depth));
            assert!(i.visits <= 2);
            assert!(!i.channels.unmanned || i.channels.kiosk, "{}: 无人审批 happens at a kiosk", i.name);
            assert!(!i.channels.bookable || i.visits >= 1, "{}: a booking is a visit", i.name);
            assert_eq!(i.visits == 0, i.channels.online_depth == 4, "{}: 零跑动 ⇔ fully online", i.name);
        }
    }

    #[test]
    fn every_item_is_handled_somewhere_and_places_name_real_items() {
        let data = catalog().unwrap();
        let ids: HashSet<u32> = data.items.iter().map(|i| i.id).collect();
        let handled: HashSet<u32> = data.places.iter().flat_map(|p| p.item_ids.iter().copied()).collect();
        assert!(handled.is_subset(&ids));
        assert_eq!(handled, ids, "every item can be handled at some place");
        assert!(data.places.iter().all(|p| !p.item_ids.is_empty()));
    }

    #[test]
    fn every_petition_category_is_handled_by_a_department_of_the_catalog() {
        let data = catalog().unwrap();
        let departments: HashSet<&str> = data.departments.iter().map(|d| d.id.as_str()).collect();
        for category in app::categories::categories() {
            if let Some(department) = category.department {
                assert!(departments.contains(department), "{}: no department {department}", category.id);
            }
        }
    }

    #[test]
    fn departments_keep_their_name_history_and_some_lists_are_stale() {
        let data = catalog().unwrap();
        let health = data.departments.iter().find(|d| d.id == "health").unwrap();
        assert_eq!(health.former_names[0].name, "河北区卫生和计划生育委员会");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let stale = data.departments.iter().filter(|d| d.is_stale(today)).count();
        assert!(stale > 0 && stale < data.departments.len(), "some stale, some fresh: {stale}");
        // The source document: lists entered between 2017-12-28 and 2018-01-24 and never updated.
        let first = chrono::NaiveDate::from_ymd_opt(2017, 12, 28).unwrap();
        let last = chrono::NaiveDate::from_ymd_opt(2018, 1, 24).unwrap();
        assert!(data
            .departments
            .iter()
            .filter(|d| d.is_stale(today))
            .all(|d| (first..=last).contains(&d.responsibilities_reviewed_on)));
    }
}
