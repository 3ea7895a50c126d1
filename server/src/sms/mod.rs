//! Where texts go (`app::sms::Notifier`): the outbox table when no gateway is configured, the default for
//! development and tests (a development server also shows it at `/dev/outbox`); or Alibaba Cloud SMS (`aliyun`).

pub mod aliyun;

use crate::db::codec::Instant;
use crate::db::{self, on_backend, Pool};
use app::personal::mask_phone;
use app::sms::{Kept, NotSent, Notifier, Outbox, Text};
use app::storage::StoreError;
use chrono::{DateTime, FixedOffset};

/// The `sms_outbox` table, as a notifier and for reading back.
pub struct SqlOutbox {
    pool: Pool,
}

impl SqlOutbox {
    pub fn new(pool: Pool) -> Self {
        Self { pool }
    }
}

#[async_trait::async_trait]
impl Notifier for SqlOutbox {
    async fn send(&self, text: &Text, now: DateTime<FixedOffset>) -> Result<(), NotSent> {
        let failed = |e: sqlx::Error| NotSent(e.to_string());
        let mut tx = self.pool.begin_write().await.map_err(failed)?;
        let id = tx.next_id("sms_outbox").await.map_err(failed)?;
        on_backend!(&mut tx, |tx| {
            sqlx::query("INSERT INTO sms_outbox (id, phone, template, words, queued_at) VALUES ($1, $2, $3, $4, $5)")
                .bind(id)
                .bind(&text.phone)
                .bind(text.template.name())
                .bind(text.template.words())
                .bind(Instant(now))
                .execute(&mut **tx)
                .await
                .map(drop)
        })
        .map_err(failed)?;
        tx.commit().await.map_err(failed)
    }
}

#[async_trait::async_trait]
impl Outbox for SqlOutbox {
    async fn newest(&self, limit: u32) -> Result<Vec<Kept>, StoreError> {
        let rows: Vec<(Instant, String, String)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT queued_at, phone, words FROM sms_outbox ORDER BY id DESC LIMIT $1")
                .bind(i64::from(limit))
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(at, phone, words)| Kept {
                at: at.0.format("%Y-%m-%d %H:%M:%S").to_string(),
                phone_masked: mask_phone(&phone),
                words,
            })
            .collect())
    }
}
