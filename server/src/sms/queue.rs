//! The text queue (`texts`). `add` queues texts inside the caller's transaction, so a text exists exactly when the
//! step that sends it commits: a step refused or rolled back texts nobody, and a committed one is delivered even
//! if the gateway is down or the server stops right after (`delivery` sends at least once: a text the gateway took
//! just before a crash goes again when its claim lapses). After the commit the caller calls `wake`.

use crate::db::codec::Instant;
use crate::db::{self, on_backend, Pool, Tx};
use crate::housekeeping::Chore;
use app::personal::mask_phone;
use app::sms::delivery::Standing;
use app::sms::{Kept, Outbox, Text, TextQueue};
use app::storage::StoreError;
use chrono::{DateTime, Duration, FixedOffset};
use std::sync::Arc;
use tokio::sync::Notify;

/// How long an ended text (sent or given up) is kept: its phone number is personal data.
const KEPT_FOR: Duration = Duration::days(7);

/// Queues `texts` in `tx`. Texts to no phone (erased after the retention period) are skipped.
pub async fn add(tx: &mut Tx, texts: &[Text], now: DateTime<FixedOffset>) -> sqlx::Result<()> {
    for text in texts.iter().filter(|text| !text.phone.is_empty()) {
        let id = tx.next_id("texts").await?;
        let message = serde_json::to_string(&text.template).expect("a template serialises");
        on_backend!(&mut *tx, |tx| {
            sqlx::query(
                "INSERT INTO texts (id, phone, template, message, words, queued_at, expires_at, next_try_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $6)",
            )
            .bind(id)
            .bind(&text.phone)
            .bind(text.template.name())
            .bind(message)
            .bind(text.template.words())
            .bind(Instant(now))
            .bind(Instant(now + text.template.worth_sending_for()))
            .execute(&mut **tx)
            .await
            .map(drop)
        })?;
    }
    Ok(())
}

/// The queue as the rest of the server holds it: its table, and the bell that tells this instance's deliverer a
/// text is waiting (the others find it when they next look).
#[derive(Clone)]
pub struct Queue {
    pub(crate) pool: Pool,
    pub(crate) due: Arc<Notify>,
}

impl Queue {
    pub fn new(pool: Pool) -> Self {
        Self { pool, due: Arc::new(Notify::new()) }
    }

    /// After a commit that queued texts.
    pub fn wake(&self) {
        self.due.notify_one();
    }
}

#[async_trait::async_trait]
impl TextQueue for Queue {
    async fn queue(&self, text: &Text, now: DateTime<FixedOffset>) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        add(&mut tx, std::slice::from_ref(text), now).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        self.wake();
        Ok(())
    }
}

#[async_trait::async_trait]
impl Outbox for Queue {
    async fn newest(&self, limit: u32) -> Result<Vec<Kept>, StoreError> {
        type Row = (Instant, String, String, i64, Option<Instant>, Option<Instant>, String);
        let rows: Vec<Row> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT queued_at, phone, words, attempts, sent_at, given_up_at, last_error FROM texts \
                 ORDER BY id DESC LIMIT $1",
            )
            .bind(i64::from(limit))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(at, phone, words, attempts, sent, given_up, last_error)| {
                let failures = u32::try_from(attempts).unwrap_or(u32::MAX).saturating_sub(u32::from(sent.is_some()));
                let standing = match (sent, given_up) {
                    (Some(_), _) => Standing::Sent,
                    (None, Some(_)) => Standing::GivenUp { failures, last_error },
                    (None, None) => Standing::Waiting { failures, last_error },
                };
                Kept {
                    at: at.0.format("%Y-%m-%d %H:%M:%S").to_string(),
                    phone_masked: mask_phone(&phone),
                    words,
                    state: standing.words(),
                }
            })
            .collect())
    }
}

/// Deletes texts that ended (sent or given up) more than a week ago.
#[async_trait::async_trait]
impl Chore for Queue {
    fn name(&self) -> &'static str {
        "ended texts"
    }

    async fn run(&self, now: DateTime<FixedOffset>) -> anyhow::Result<u64> {
        let before = Instant(now - KEPT_FOR);
        Ok(on_backend!(&self.pool, |pool| {
            sqlx::query("DELETE FROM texts WHERE COALESCE(sent_at, given_up_at) < $1")
                .bind(before)
                .execute(pool)
                .await
                .map(|done| done.rows_affected())
        })?)
    }
}
