//! The SQL behind `app::petitions::store::PetitionStore`. Filing claims the form's key, takes the day's next
//! sequence number and inserts the petition in one write transaction; an action checks the version it was taken
//! on, applies the lifecycle's rules, and writes the new stage, the clocks' effects, the milestone and the texts it
//! sends together.

use crate::db::codec::{Day, Instant};
use crate::db::{self, on_backend, Pool, Tx};
use crate::guards::idempotency::{self, Claim};
use crate::live::{Change, Changes, Topic};
use crate::sms::queue::{self, Queue};
use app::calendar::WorkCalendar;
use app::deadline::Pause;
use app::petitions::callback::{CallbackRecord, Rating};
use app::petitions::lifecycle::{judge, Action, Actor, Callback, Case, Effect, Request, Stage};
use app::petitions::model::{first_dues, Channel, Filed, NewPetition, Petition, PublicPetition};
use app::petitions::model::{KEEP_PERSONAL_DATA_DAYS, KEEP_UNFILED_PHOTOS_HOURS, MAX_PHOTOS};
use app::petitions::roster::Shift;
use app::petitions::store::TextsOnFiling;
use app::petitions::store::{Milestone, NotTaken, PetitionStore, PhotoInfo, PhotosOf, PublicFilter, ReviewStep, Step};
use app::petitions::tiers::Tier;
use app::petitions::tracking::TrackingNumber;
use app::petitions::warning::WarningNote;
use app::photos::Photo;
use app::staff::store::AuditEntry;
use app::storage::StoreError;
use app::ui::live::DISTRICT;
use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::FromRow;
use std::collections::HashMap;

const IDEMPOTENCY_SCOPE: &str = "petition";

pub struct SqlPetitions {
    pool: Pool,
    changes: Changes,
    texts: Queue,
}

/// The dispatch centre's desk, as the queue topic's key.
const DISPATCH: &str = "dispatch";

impl SqlPetitions {
    pub fn new(pool: Pool, changes: Changes, texts: Queue) -> Self {
        Self { pool, changes, texts }
    }

    /// Erases the personal data of petitions that ended `KEEP_PERSONAL_DATA_DAYS` ago (their name, phone, place
    /// detail and photos), and removes unfiled drafts' photos; how many petitions were erased.
    pub async fn erase_old(&self, now: DateTime<FixedOffset>) -> sqlx::Result<u64> {
        let ended: Vec<String> = Stage::ALL
            .into_iter()
            .filter(|stage| !stage.is_open() && *stage != Stage::Closed)
            .map(|s| format!("'{}'", s.code()))
            .collect();
        let before = now.timestamp() - i64::from(KEEP_PERSONAL_DATA_DAYS) * 86_400;
        let unfiled_before = now.timestamp() - i64::from(KEEP_UNFILED_PHOTOS_HOURS) * 3_600;
        // The stage codes are the code's own, never a visitor's.
        let erase = format!(
            "UPDATE petitions SET applicant_name = '', phone = '', place_detail = '', personal_erased = TRUE \
             WHERE NOT personal_erased AND stage IN ({}) \
             AND (SELECT MAX(at) FROM petition_events WHERE petition_id = petitions.id) < $1",
            ended.join(", ")
        );
        let mut tx = self.pool.begin_write().await?;
        let erased = on_backend!(&mut tx, |tx| {
            let erased = sqlx::query(&erase).bind(before).execute(&mut **tx).await?.rows_affected();
            sqlx::query(
                "DELETE FROM petition_photos WHERE petition_id IN (SELECT id FROM petitions WHERE personal_erased) \
                 OR (petition_id IS NULL AND added_at < $1)",
            )
            .bind(unfiled_before)
            .execute(&mut **tx)
            .await?;
            Ok::<_, sqlx::Error>(erased)
        })?;
        tx.commit().await?;
        Ok(erased)
    }

    /// Works out again the stored deadlines of every petition whose are missing or were worked out under another
    /// calendar (see `petition_dues`); how many.
    pub async fn redate_stale(&self, now: DateTime<FixedOffset>) -> Result<u64, StoreError> {
        let condition = "id NOT IN (SELECT petition_id FROM petition_dues WHERE calendar = $1)";
        self.redate(condition, &[WorkCalendar::official().version()], now).await
    }

    /// Works out the deadlines of the petitions matching `condition` and stores them, unless newer ones are.
    async fn redate(&self, condition: &str, values: &[&str], now: DateTime<FixedOffset>) -> Result<u64, StoreError> {
        let calendar = WorkCalendar::official();
        let petitions = self.find(condition, values, now).await?;
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        for chunk in petitions.chunks(500) {
            on_backend!(&mut tx, |tx| {
                let mut sql = sqlx::QueryBuilder::new(
                    "INSERT INTO petition_dues (petition_id, version, response_due_at, result_due_at, calendar) ",
                );
                sql.push_values(chunk, |mut row, petition| {
                    row.push_bind(petition.id)
                        .push_bind(petition.version)
                        .push_bind(Instant(petition.response_due(calendar).at))
                        .push_bind(Instant(petition.result_due(calendar).at))
                        .push_bind(calendar.version());
                });
                sql.push(
                    " ON CONFLICT (petition_id) DO UPDATE SET version = excluded.version, \
                     response_due_at = excluded.response_due_at, result_due_at = excluded.result_due_at, \
                     calendar = excluded.calendar \
                     WHERE petition_dues.version < excluded.version OR petition_dues.calendar <> excluded.calendar",
                );
                sql.build().execute(&mut **tx).await.map(drop)
            })
            .map_err(db::failed)?;
        }
        tx.commit().await.map_err(db::failed)?;
        Ok(petitions.len() as u64)
    }

    /// Open pages showing these re-read them: a signal says only which desk or petition changed.
    async fn signal(&self, changes: impl IntoIterator<Item = (Topic, String)>) {
        for (topic, key) in changes {
            if let Err(e) = self.changes.publish(Change { topic, key }).await {
                tracing::warn!(error = %e, "changed a petition, but could not signal it");
            }
        }
    }
}

#[derive(FromRow)]
struct PetitionRow {
    id: i64,
    tracking_number: String,
    token: String,
    access_code: String,
    channel: String,
    category: String,
    tier: String,
    stage: String,
    department: Option<String>,
    pending_request: Option<String>,
    before_waiting: Option<String>,
    extended_by: i64,
    rehandled: bool,
    version: i64,
    street: String,
    community: String,
    title: String,
    body: String,
    place_detail: String,
    applicant_name: String,
    phone: String,
    public_wanted: bool,
    anonymous: bool,
    filed_at: Instant,
    responded_at: Option<Instant>,
    result_started_at: Instant,
    result_met_at: Option<Instant>,
    assignee: Option<String>,
}

fn unreadable(what: &str, value: &str) -> StoreError {
    db::unreadable(what, value)
}

impl PetitionRow {
    fn into_petition(self, pauses: Vec<Pause>) -> Result<Petition, StoreError> {
        let stage = |code: &str| Stage::from_code(code).ok_or_else(|| unreadable("petition stage", code));
        let tier = Tier::from_code(&self.tier).ok_or_else(|| unreadable("petition tier", &self.tier))?;
        let pending: Option<Request> = match &self.pending_request {
            Some(json) => Some(serde_json::from_str(json).map_err(|e| db::unreadable("pending request", e))?),
            None => None,
        };
        Ok(Petition {
            case: Case {
                tier,
                stage: stage(&self.stage)?,
                department: self.department,
                pending,
                before_waiting: self.before_waiting.as_deref().map(stage).transpose()?,
                extended_by: self.extended_by as u32,
                rehandled: self.rehandled,
            },
            filed: NewPetition {
                channel: Channel::from_code(&self.channel).ok_or_else(|| unreadable("channel", &self.channel))?,
                category: self.category,
                tier,
                street: self.street,
                community: self.community,
                place_detail: self.place_detail,
                title: self.title,
                body: self.body,
                applicant_name: self.applicant_name,
                phone: self.phone,
                public_wanted: self.public_wanted,
                anonymous: self.anonymous,
                joins: None,
            },
            id: self.id,
            number: self.tracking_number,
            token: self.token,
            access_code: self.access_code,
            filed_at: self.filed_at.0,
            responded_at: self.responded_at.map(|at| at.0),
            result_started_at: self.result_started_at.0,
            result_met_at: self.result_met_at.map(|at| at.0),
            pauses,
            version: self.version,
            assignee: self.assignee,
        })
    }
}

impl SqlPetitions {
    /// The petitions matching `condition` with its `values` ($1, $2, …), each with its pauses (a standing one
    /// runs to `now`).
    async fn find(
        &self,
        condition: &str,
        values: &[&str],
        now: DateTime<FixedOffset>,
    ) -> Result<Vec<Petition>, StoreError> {
        let sql = format!(
            "SELECT petitions.*, (SELECT staff_number FROM petition_assignees a WHERE a.petition_id = petitions.id) \
             AS assignee FROM petitions WHERE {condition}"
        );
        let rows: Vec<PetitionRow> = on_backend!(&self.pool, |pool| {
            values.iter().fold(sqlx::query_as(&sql), |query, value| query.bind(*value)).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let mut pauses: HashMap<i64, Vec<Pause>> = HashMap::new();
        if !ids.is_empty() {
            let stood: Vec<(i64, Instant, Option<Instant>)> = on_backend!(&self.pool, |pool| {
                let mut sql = sqlx::QueryBuilder::new(
                    "SELECT petition_id, from_at, until_at FROM petition_pauses WHERE petition_id IN (",
                );
                let mut list = sql.separated(", ");
                for id in &ids {
                    list.push_bind(*id);
                }
                sql.push(") ORDER BY from_at");
                sql.build_query_as().fetch_all(pool).await
            })
            .map_err(db::failed)?;
            for (id, from, until) in stood {
                pauses.entry(id).or_default().push(Pause { from: from.0, until: until.map_or(now, |until| until.0) });
            }
        }
        rows.into_iter()
            .map(|row| {
                let stood = pauses.remove(&row.id).unwrap_or_default();
                row.into_petition(stood)
            })
            .collect()
    }

    async fn find_one(
        &self,
        condition: &str,
        values: &[&str],
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Petition>, StoreError> {
        Ok(self.find(condition, values, now).await?.into_iter().next())
    }
}

#[async_trait::async_trait]
impl PetitionStore for SqlPetitions {
    async fn file(
        &self,
        petition: &NewPetition,
        key: &str,
        texts: &TextsOnFiling,
        now: DateTime<FixedOffset>,
    ) -> Result<Filed, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        if let Claim::Repeat(token) =
            idempotency::claim(&mut tx, IDEMPOTENCY_SCOPE, key, now.timestamp()).await.map_err(db::failed)?
        {
            drop(tx);
            let filed = self.by_token(&token, now).await?.ok_or_else(|| unreadable("filed petition", &token))?;
            return Ok(Filed { number: filed.number, token: filed.token, access_code: filed.access_code });
        }
        let filed = insert(&mut tx, petition, now).await.map_err(db::failed)?;
        attach_photos(&mut tx, key, &filed.token).await.map_err(db::failed)?;
        idempotency::record(&mut tx, IDEMPOTENCY_SCOPE, key, &filed.token).await.map_err(db::failed)?;
        queue::add(&mut tx, &texts(&filed), now).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        self.texts.wake();
        self.signal([(Topic::Queue, DISPATCH.to_string())]).await;
        Ok(filed)
    }

    async fn by_token(&self, token: &str, now: DateTime<FixedOffset>) -> Result<Option<Petition>, StoreError> {
        self.find_one("token = $1", &[token], now).await
    }

    async fn by_number(
        &self,
        number: &str,
        access_code: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Petition>, StoreError> {
        self.find_one("tracking_number = $1 AND access_code = $2", &[number, access_code], now).await
    }

    async fn by_tracking_number(
        &self,
        number: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Option<Petition>, StoreError> {
        self.find_one("tracking_number = $1", &[number], now).await
    }

    async fn act(
        &self,
        id: i64,
        version: i64,
        step: Step<'_>,
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Petition, NotTaken>, StoreError> {
        let Step { actor, action, note, audit, texts } = step;
        let token: Option<String> = on_backend!(&self.pool, |pool| {
            sqlx::query_scalar("SELECT token FROM petitions WHERE id = $1").bind(id).fetch_optional(pool).await
        })
        .map_err(db::failed)?;
        let Some(token) = token else { return Ok(Err(NotTaken::NotFound)) };
        let Some(before) = self.by_token(&token, now).await? else { return Ok(Err(NotTaken::NotFound)) };
        if before.version != version {
            return Ok(Err(NotTaken::Changed));
        }
        let (case, effects) = match judge(&before.case, actor, action) {
            Ok(judged) => judged,
            Err(refusal) => return Ok(Err(NotTaken::Refused(refusal))),
        };
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let written = write_change(&mut tx, &before, &case, &effects, now).await.map_err(db::failed)?;
        if !written {
            // Another change committed since it was read.
            return Ok(Err(NotTaken::Changed));
        }
        record_milestone(&mut tx, id, version + 1, actor, action, note, now).await.map_err(db::failed)?;
        if let Action::Callback(callback) = action {
            record_callback(&mut tx, id, callback, now).await.map_err(db::failed)?;
        }
        if let Some(entry) = audit {
            crate::staff::audit::record(&mut tx, entry).await.map_err(db::failed)?;
        }
        queue::add(&mut tx, texts, now).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        self.texts.wake();
        // Before the signals: the standings re-read on a callback's count which cases met their deadlines.
        self.redate("id = CAST($1 AS BIGINT)", &[&id.to_string()], now).await?;
        // The desks it was and is on, the dispatch centre's (routing and requests), and its own page.
        let desks = [before.case.department.clone(), case.department.clone(), Some(DISPATCH.to_string())];
        let mut signals: Vec<(Topic, String)> = desks.into_iter().flatten().map(|desk| (Topic::Queue, desk)).collect();
        signals.dedup();
        signals.push((Topic::Petition, id.to_string()));
        if matches!(action, Action::Callback(_)) {
            signals.push((Topic::Standings, DISTRICT.to_string()));
        }
        self.signal(signals).await;
        Ok(self.by_token(&token, now).await?.ok_or(NotTaken::NotFound))
    }

    async fn open_in(&self, department: &str, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError> {
        let open = Stage::ALL.into_iter().filter(|stage| stage.is_open() && *stage != Stage::Filed);
        let stages: Vec<String> = open.map(|stage| format!("'{}'", stage.code())).collect();
        // The stage codes are the code's own, never a visitor's.
        let condition = format!("department = $1 AND stage IN ({})", stages.join(", "));
        self.find(&condition, &[department], now).await
    }

    async fn unrouted(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError> {
        self.find("stage = $1 ORDER BY filed_at, id", &[Stage::Filed.code()], now).await
    }

    async fn in_stages(&self, stages: &[Stage], now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError> {
        let codes: Vec<String> = stages.iter().map(|stage| format!("'{}'", stage.code())).collect();
        // The stage codes are the code's own, never a visitor's.
        self.find(&format!("stage IN ({}) ORDER BY filed_at, id", codes.join(", ")), &[], now).await
    }

    async fn with_requests(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError> {
        self.find("pending_request IS NOT NULL ORDER BY filed_at, id", &[], now).await
    }

    async fn history(&self, id: i64) -> Result<Vec<Milestone>, StoreError> {
        let rows: Vec<(Instant, String, String, String)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT at, actor, action, note FROM petition_events WHERE petition_id = $1 ORDER BY version",
            )
            .bind(id)
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows.into_iter().map(|(at, actor, action, note)| Milestone { at: at.0, actor, action, note }).collect())
    }

    async fn add_photo(&self, key: &str, photo: &Photo, now: DateTime<FixedOffset>) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        // Taken first: it holds the table's lock, so two uploads at once cannot both be the third.
        let id = tx.next_id("petition_photos").await.map_err(db::failed)?;
        let count: i64 = on_backend!(&mut tx, |tx| {
            sqlx::query_scalar("SELECT COUNT(*) FROM petition_photos WHERE draft_key = $1 AND petition_id IS NULL")
                .bind(key)
                .fetch_one(&mut **tx)
                .await
        })
        .map_err(db::failed)?;
        if count >= MAX_PHOTOS as i64 {
            return Ok(false);
        }
        on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO petition_photos (id, draft_key, petition_id, width, height, jpeg, added_at) \
                 VALUES ($1, $2, NULL, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(key)
            .bind(i64::from(photo.width))
            .bind(i64::from(photo.height))
            .bind(&photo.jpeg)
            .bind(Instant(now))
            .execute(&mut **tx)
            .await
            .map(drop)
        })
        .map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        Ok(true)
    }

    async fn remove_photo(&self, key: &str, id: i64) -> Result<(), StoreError> {
        on_backend!(&self.pool, |pool| {
            sqlx::query("DELETE FROM petition_photos WHERE id = $1 AND draft_key = $2 AND petition_id IS NULL")
                .bind(id)
                .bind(key)
                .execute(pool)
                .await
                .map(drop)
        })
        .map_err(db::failed)?;
        Ok(())
    }

    async fn photos(&self, of: PhotosOf<'_>) -> Result<Vec<PhotoInfo>, StoreError> {
        let sql = format!("SELECT id, width, height FROM petition_photos WHERE {} ORDER BY id", owner(of));
        let rows: Vec<(i64, i64, i64)> = on_backend!(&self.pool, |pool| {
            let query = sqlx::query_as(&sql);
            match of {
                PhotosOf::Draft(key) => query.bind(key).fetch_all(pool).await,
                PhotosOf::Petition(id) => query.bind(id).fetch_all(pool).await,
            }
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(id, width, height)| PhotoInfo { id, width: width as u32, height: height as u32 })
            .collect())
    }

    async fn photo(&self, of: PhotosOf<'_>, id: i64) -> Result<Option<Vec<u8>>, StoreError> {
        let sql = format!("SELECT jpeg FROM petition_photos WHERE {} AND id = $2", owner(of));
        on_backend!(&self.pool, |pool| {
            let query = sqlx::query_scalar(&sql);
            match of {
                PhotosOf::Draft(key) => query.bind(key).bind(id).fetch_optional(pool).await,
                PhotosOf::Petition(petition) => query.bind(petition).bind(id).fetch_optional(pool).await,
            }
        })
        .map_err(db::failed)
    }

    async fn callbacks(&self, petition_id: i64) -> Result<Vec<CallbackRecord>, StoreError> {
        let rows: Vec<CallbackRow> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT * FROM petition_callbacks WHERE petition_id = $1 ORDER BY round")
                .bind(petition_id)
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        rows.into_iter().map(CallbackRow::into_record).collect()
    }

    async fn rerate(&self, petition_id: i64, changed: &CallbackRecord) -> Result<bool, StoreError> {
        let rerated = on_backend!(&self.pool, |pool| {
            sqlx::query(
                "UPDATE petition_callbacks SET rating = $1, rerated = TRUE, bad_review_from = $2 \
                 WHERE petition_id = $3 AND rerated = FALSE \
                 AND round = (SELECT MAX(round) FROM petition_callbacks WHERE petition_id = $3)",
            )
            .bind(changed.rating.code())
            .bind(changed.bad_review_from.map(Instant))
            .bind(petition_id)
            .execute(pool)
            .await
            .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if rerated {
            self.signal([(Topic::Petition, petition_id.to_string()), (Topic::Standings, DISTRICT.to_string())]).await;
        }
        Ok(rerated)
    }

    async fn review_step(
        &self,
        petition_id: i64,
        step: ReviewStep,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError> {
        // The column is the code's own choice, never a visitor's.
        let column = match step {
            ReviewStep::Called => "review_called_at",
            ReviewStep::Fixed => "review_fixed_at",
        };
        let sql = format!(
            "UPDATE petition_callbacks SET {column} = $1 WHERE petition_id = $2 AND bad_review_from IS NOT NULL \
             AND {column} IS NULL AND round = (SELECT MAX(round) FROM petition_callbacks WHERE petition_id = $2)"
        );
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let recorded = on_backend!(&mut tx, |tx| {
            sqlx::query(&sql)
                .bind(Instant(now))
                .bind(petition_id)
                .execute(&mut **tx)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if recorded {
            crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
            tx.commit().await.map_err(db::failed)?;
        }
        Ok(recorded)
    }

    async fn awaiting_publication(&self, now: DateTime<FixedOffset>) -> Result<Vec<Petition>, StoreError> {
        let stages: Vec<String> = [Stage::Withdrawn, Stage::Merged].iter().map(|s| format!("'{}'", s.code())).collect();
        // The stage codes are the code's own, never a visitor's.
        let condition = format!(
            "public_wanted AND NOT personal_erased AND stage NOT IN ({}) \
             AND id NOT IN (SELECT petition_id FROM petition_public) ORDER BY filed_at, id",
            stages.join(", ")
        );
        self.find(&condition, &[], now).await
    }

    async fn decide_publication(
        &self,
        petition_id: i64,
        text: Option<(&str, &str)>,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<bool, StoreError> {
        let (title, body) = text.unwrap_or(("", ""));
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let decided = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO petition_public (petition_id, approved, title, body, decided_at) \
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            )
            .bind(petition_id)
            .bind(text.is_some())
            .bind(title)
            .bind(body)
            .bind(Instant(now))
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if decided {
            crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
            tx.commit().await.map_err(db::failed)?;
        }
        Ok(decided)
    }

    async fn public(&self, filter: &PublicFilter) -> Result<Vec<PublicPetition>, StoreError> {
        let open: Vec<String> =
            Stage::ALL.into_iter().filter(|s| s.is_open()).map(|s| format!("'{}'", s.code())).collect();
        let rows: Vec<PublicRow> = on_backend!(&self.pool, |pool| {
            let mut sql = sqlx::QueryBuilder::new(
                "SELECT p.id, p.tracking_number, x.title, x.body, p.category, p.street, p.community, p.stage, \
                 p.filed_at, p.result_met_at, \
                 (SELECT COUNT(*) FROM petition_links l WHERE l.joined = p.id) AS joined, p.department, \
                 (SELECT MAX(e.at) FROM petition_events e WHERE e.petition_id = p.id) AS updated_at, \
                 d.result_due_at \
                 FROM petitions p JOIN petition_public x ON x.petition_id = p.id \
                 LEFT JOIN petition_dues d ON d.petition_id = p.id \
                 WHERE x.approved AND p.public_wanted",
            );
            for (column, value) in [("p.street", &filter.street), ("p.community", &filter.community)] {
                if !value.is_empty() {
                    sql.push(format!(" AND {column} = ")).push_bind(value.clone());
                }
            }
            for (column, values) in [("p.category", &filter.categories), ("p.tracking_number", &filter.numbers)] {
                if !values.is_empty() {
                    sql.push(format!(" AND {column} IN ("));
                    let mut listed = sql.separated(", ");
                    for value in values {
                        listed.push_bind(value.clone());
                    }
                    sql.push(")");
                }
            }
            if let Some((from, until)) = filter.filed {
                sql.push(" AND p.filed_at >= ").push_bind(Instant(from));
                sql.push(" AND p.filed_at <= ").push_bind(Instant(until));
            }
            match filter.open {
                Some(true) => sql.push(format!(" AND p.stage IN ({})", open.join(", "))),
                Some(false) => sql.push(format!(" AND p.stage NOT IN ({})", open.join(", "))),
                None => &mut sql,
            };
            sql.push(" ORDER BY p.filed_at DESC, p.id DESC LIMIT ").push_bind(i64::from(filter.limit));
            sql.push(" OFFSET ").push_bind(i64::from(filter.offset));
            sql.build_query_as().fetch_all(pool).await
        })
        .map_err(db::failed)?;
        rows.into_iter().map(PublicRow::into_public).collect()
    }

    async fn assign(
        &self,
        petition: &Petition,
        staff_number: Option<&str>,
        audit: &AuditEntry,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        on_backend!(&mut tx, |tx| {
            sqlx::query("DELETE FROM petition_assignees WHERE petition_id = $1")
                .bind(petition.id)
                .execute(&mut **tx)
                .await?;
            if let Some(number) = staff_number {
                sqlx::query(
                    "INSERT INTO petition_assignees (petition_id, staff_number, assigned_at) VALUES ($1, $2, $3)",
                )
                .bind(petition.id)
                .bind(number)
                .bind(Instant(now))
                .execute(&mut **tx)
                .await?;
            }
            Ok::<_, sqlx::Error>(())
        })
        .map_err(db::failed)?;
        crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        let mut signals: Vec<(Topic, String)> =
            petition.case.department.iter().map(|d| (Topic::Queue, d.clone())).collect();
        signals.push((Topic::Petition, petition.id.to_string()));
        self.signal(signals).await;
        Ok(())
    }

    async fn filed_between(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<(NaiveDate, String, String)>, StoreError> {
        let rows: Vec<(Instant, String, String)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT filed_at, street, category FROM petitions WHERE filed_at >= $1 AND filed_at < $2")
                .bind(Instant(from))
                .bind(Instant(until))
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(rows.into_iter().map(|(at, street, category)| (at.0.date_naive(), street, category)).collect())
    }

    async fn warning_notes(&self, since: NaiveDate) -> Result<Vec<WarningNote>, StoreError> {
        let rows: Vec<(Day, String, String, String, String, Instant)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT week, street, category, note, noted_by, noted_at FROM petition_warning_notes WHERE week >= $1",
            )
            .bind(Day(since))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(week, street, category, note, by, at)| WarningNote {
                week: week.0,
                street,
                category,
                note,
                by,
                at: at.0,
            })
            .collect())
    }

    async fn acknowledge(&self, note: &WarningNote, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let kept = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO petition_warning_notes (week, street, category, note, noted_by, noted_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (week, street, category) DO NOTHING",
            )
            .bind(Day(note.week))
            .bind(&note.street)
            .bind(&note.category)
            .bind(&note.note)
            .bind(&note.by)
            .bind(Instant(note.at))
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !kept {
            return Ok(false);
        }
        crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        Ok(true)
    }

    async fn shifts(
        &self,
        from: DateTime<FixedOffset>,
        until: DateTime<FixedOffset>,
    ) -> Result<Vec<Shift>, StoreError> {
        let rows: Vec<(i64, String, Instant, Instant)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT id, staff_number, starts_at, ends_at FROM dispatch_shifts \
                 WHERE ends_at > $1 AND starts_at < $2 ORDER BY starts_at, staff_number",
            )
            .bind(Instant(from))
            .bind(Instant(until))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(id, staff_number, starts, ends)| Shift { id, staff_number, starts: starts.0, ends: ends.0 })
            .collect())
    }

    async fn add_shift(&self, shift: &Shift, audit: &AuditEntry) -> Result<i64, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let id = tx.next_id("dispatch_shifts").await.map_err(db::failed)?;
        on_backend!(&mut tx, |tx| {
            sqlx::query("INSERT INTO dispatch_shifts (id, staff_number, starts_at, ends_at) VALUES ($1, $2, $3, $4)")
                .bind(id)
                .bind(&shift.staff_number)
                .bind(Instant(shift.starts))
                .bind(Instant(shift.ends))
                .execute(&mut **tx)
                .await
                .map(drop)
        })
        .map_err(db::failed)?;
        crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        Ok(id)
    }

    async fn remove_shift(&self, id: i64, audit: &AuditEntry) -> Result<bool, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let removed = on_backend!(&mut tx, |tx| {
            sqlx::query("DELETE FROM dispatch_shifts WHERE id = $1")
                .bind(id)
                .execute(&mut **tx)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !removed {
            return Ok(false);
        }
        crate::staff::audit::record(&mut tx, audit).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        Ok(true)
    }
}

#[derive(FromRow)]
struct PublicRow {
    id: i64,
    tracking_number: String,
    title: String,
    body: String,
    category: String,
    street: String,
    community: String,
    stage: String,
    filed_at: Instant,
    result_met_at: Option<Instant>,
    joined: i64,
    department: Option<String>,
    updated_at: Option<Instant>,
    result_due_at: Option<Instant>,
}

impl PublicRow {
    fn into_public(self) -> Result<PublicPetition, StoreError> {
        Ok(PublicPetition {
            stage: Stage::from_code(&self.stage).ok_or_else(|| unreadable("petition stage", &self.stage))?,
            id: self.id,
            number: self.tracking_number,
            title: self.title,
            body: self.body,
            category: self.category,
            street: self.street,
            community: self.community,
            filed_at: self.filed_at.0,
            result_met_at: self.result_met_at.map(|at| at.0),
            joined: self.joined,
            department: self.department,
            // Every petition has its filing as a step; a row without one has nothing later than its filing either.
            updated_at: self.updated_at.map_or(self.filed_at.0, |at| at.0),
            result_due_at: self.result_due_at.map(|at| at.0),
        })
    }
}

#[derive(FromRow)]
struct CallbackRow {
    at: Instant,
    contacted: bool,
    solved: bool,
    rating: String,
    rerated: bool,
    bad_review_from: Option<Instant>,
    review_called_at: Option<Instant>,
    review_fixed_at: Option<Instant>,
}

impl CallbackRow {
    fn into_record(self) -> Result<CallbackRecord, StoreError> {
        Ok(CallbackRecord {
            at: self.at.0,
            contacted: self.contacted,
            solved: self.solved,
            rating: Rating::from_code(&self.rating).ok_or_else(|| unreadable("rating", &self.rating))?,
            rerated: self.rerated,
            bad_review_from: self.bad_review_from.map(|at| at.0),
            review_called_at: self.review_called_at.map(|at| at.0),
            review_fixed_at: self.review_fixed_at.map(|at| at.0),
        })
    }
}

/// Records the resident's callback as the petition's next round.
async fn record_callback(tx: &mut Tx, id: i64, callback: &Callback, now: DateTime<FixedOffset>) -> sqlx::Result<()> {
    let record = CallbackRecord::new(now, callback.contacted, callback.solved, callback.rating);
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO petition_callbacks (petition_id, round, at, contacted, solved, rating, rerated, \
             bad_review_from, review_called_at, review_fixed_at) \
             SELECT $1, COALESCE(MAX(round), 0) + 1, $2, $3, $4, $5, FALSE, $6, NULL, NULL \
             FROM petition_callbacks WHERE petition_id = $1",
        )
        .bind(id)
        .bind(Instant(now))
        .bind(record.contacted)
        .bind(record.solved)
        .bind(record.rating.code())
        .bind(record.bad_review_from.map(Instant))
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}

/// The condition on `petition_photos` for `of`'s photos, with its key or id as $1.
fn owner(of: PhotosOf<'_>) -> &'static str {
    match of {
        PhotosOf::Draft(_) => "draft_key = $1 AND petition_id IS NULL",
        PhotosOf::Petition(_) => "petition_id = $1",
    }
}

/// Gives the draft's photos to the petition just filed with its key.
async fn attach_photos(tx: &mut Tx, key: &str, token: &str) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query(
            "UPDATE petition_photos SET petition_id = (SELECT id FROM petitions WHERE token = $1) \
             WHERE draft_key = $2 AND petition_id IS NULL",
        )
        .bind(token)
        .bind(key)
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}

/// Inserts a filed petition with the day's next tracking number, and its first milestone.
async fn insert(tx: &mut Tx, petition: &NewPetition, now: DateTime<FixedOffset>) -> sqlx::Result<Filed> {
    let day = Day(now.date_naive());
    let sequence: i64 = on_backend!(&mut *tx, |tx| {
        sqlx::query("INSERT INTO petition_day_counters (day, last_sequence) VALUES ($1, 0) ON CONFLICT DO NOTHING")
            .bind(&day)
            .execute(&mut **tx)
            .await?;
        // The counter's row stays locked until commit: two filings at once get different numbers.
        sqlx::query_scalar(
            "UPDATE petition_day_counters SET last_sequence = last_sequence + 1 WHERE day = $1 RETURNING last_sequence",
        )
        .bind(&day)
        .fetch_one(&mut **tx)
        .await
    })?;
    let number = TrackingNumber::new(now.date_naive(), sequence as u32)
        .ok_or_else(|| sqlx::Error::Protocol("more than 99,999 petitions in a day".into()))?;
    let id = tx.next_id("petitions").await?;
    let filed = Filed::new_secrets(number.to_string());
    let initial = Case::filed(petition.tier);
    on_backend!(&mut *tx, |tx| {
        sqlx::query(
            "INSERT INTO petitions (id, tracking_number, token, access_code, channel, category, tier, stage, \
             department, pending_request, before_waiting, extended_by, rehandled, version, street, community, title, \
             body, place_detail, applicant_name, phone, public_wanted, anonymous, filed_at, responded_at, \
             result_started_at, result_met_at, personal_erased) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, 0, FALSE, 0, $9, $10, $11, $12, $13, $14, \
             $15, $16, $17, $18, NULL, $18, NULL, FALSE)",
        )
        .bind(id)
        .bind(&filed.number)
        .bind(&filed.token)
        .bind(&filed.access_code)
        .bind(petition.channel.code())
        .bind(&petition.category)
        .bind(petition.tier.code())
        .bind(initial.stage.code())
        .bind(&petition.street)
        .bind(&petition.community)
        .bind(&petition.title)
        .bind(&petition.body)
        .bind(&petition.place_detail)
        .bind(&petition.applicant_name)
        .bind(&petition.phone)
        .bind(petition.public_wanted)
        .bind(petition.anonymous)
        .bind(Instant(now))
        .execute(&mut **tx)
        .await
        .map(drop)
    })?;
    if let Some(joined) = petition.joins {
        on_backend!(&mut *tx, |tx| {
            sqlx::query("INSERT INTO petition_links (petition_id, joined) VALUES ($1, $2)")
                .bind(id)
                .bind(joined)
                .execute(&mut **tx)
                .await
                .map(drop)
        })?;
    }
    // Its deadlines, in the same transaction: a filing is the busiest write, and needs no second one.
    let calendar = WorkCalendar::official();
    let (response, result) = first_dues(petition.tier, now, calendar);
    on_backend!(&mut *tx, |tx| {
        sqlx::query(
            "INSERT INTO petition_dues (petition_id, version, response_due_at, result_due_at, calendar) \
             VALUES ($1, 0, $2, $3, $4)",
        )
        .bind(id)
        .bind(Instant(response.at))
        .bind(Instant(result.at))
        .bind(calendar.version())
        .execute(&mut **tx)
        .await
        .map(drop)
    })?;
    on_backend!(&mut *tx, |tx| {
        sqlx::query(
            "INSERT INTO petition_events (petition_id, version, at, actor, action, note) \
             VALUES ($1, 0, $2, 'resident', 'file', '')",
        )
        .bind(id)
        .bind(Instant(now))
        .execute(&mut **tx)
        .await
        .map(drop)
    })?;
    Ok(filed)
}

/// Writes the judged case and its clocks' effects, if the petition is still at the version judged; whether it was.
async fn write_change(
    tx: &mut Tx,
    before: &Petition,
    case: &Case,
    effects: &[Effect],
    now: DateTime<FixedOffset>,
) -> sqlx::Result<bool> {
    let pending = case.pending.as_ref().map(|request| serde_json::to_string(request).expect("a request serialises"));
    let updated = on_backend!(&mut *tx, |tx| {
        sqlx::query(
            "UPDATE petitions SET stage = $1, department = $2, pending_request = $3, before_waiting = $4, \
             extended_by = $5, rehandled = $6, version = version + 1 WHERE id = $7 AND version = $8",
        )
        .bind(case.stage.code())
        .bind(&case.department)
        .bind(&pending)
        .bind(case.before_waiting.map(Stage::code))
        .bind(i64::from(case.extended_by))
        .bind(case.rehandled)
        .bind(before.id)
        .bind(before.version)
        .execute(&mut **tx)
        .await
        .map(|done| done.rows_affected() == 1)
    })?;
    if !updated {
        return Ok(false);
    }
    // Its deadlines may move: they are worked out again once this commits.
    on_backend!(&mut *tx, |tx| {
        sqlx::query("DELETE FROM petition_dues WHERE petition_id = $1")
            .bind(before.id)
            .execute(&mut **tx)
            .await
            .map(drop)
    })?;
    for effect in effects {
        let sql = match effect {
            Effect::ResponseMet => "UPDATE petitions SET responded_at = $1 WHERE id = $2 AND responded_at IS NULL",
            Effect::ResultMet => "UPDATE petitions SET result_met_at = $1 WHERE id = $2",
            Effect::ResultRestarts => "UPDATE petitions SET result_started_at = $1, result_met_at = NULL WHERE id = $2",
            Effect::PauseBegins => "INSERT INTO petition_pauses (from_at, petition_id) VALUES ($1, $2)",
            Effect::PauseEnds => "UPDATE petition_pauses SET until_at = $1 WHERE petition_id = $2 AND until_at IS NULL",
            // Its own field: `extended_by`, written above with the case.
            Effect::ResultExtended(_) => continue,
        };
        on_backend!(&mut *tx, |tx| {
            sqlx::query(sql).bind(Instant(now)).bind(before.id).execute(&mut **tx).await.map(drop)
        })?;
    }
    Ok(true)
}

async fn record_milestone(
    tx: &mut Tx,
    id: i64,
    version: i64,
    actor: &Actor,
    action: &Action,
    note: &str,
    now: DateTime<FixedOffset>,
) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO petition_events (petition_id, version, at, actor, action, note) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(version)
        .bind(Instant(now))
        .bind(actor.code())
        .bind(action.code())
        .bind(note)
        .execute(&mut **tx)
        .await
        .map(drop)
    })
}
