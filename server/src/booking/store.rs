//! The SQL behind `app::booking::store::BookingStore`. Every write runs in one write transaction: the form's idempotency
//! key, the per-person lock, the seat and the booking commit together or not at all.

use crate::catalog::PlaceRow;
use crate::db::codec::{Day, Instant, Time};
use crate::db::{self, on_backend, Pool, Tx};
use crate::guards::idempotency::{self, Claim};
use crate::live::{Change, Changes, Topic};
use crate::staff::audit;
use app::booking::check_in::{self, CheckIn};
use app::booking::codes::{new_check_in_code, new_token};
use app::booking::counter::{judge_no_show, NoShowRefusal};
use app::booking::model::{
    Applicant, BoardRow, Booking, BookingRequest, BookingStatus, CounterLine, Refusal, SlotRef,
    KEEP_PERSONAL_DATA_DAYS, MAX_ACTIVE,
};
use app::booking::slots::OpeningHours;
use app::booking::slots::SeatCount;
use app::booking::store::{BookablePlace, BookingStore};
use app::catalog::model::is_id_shaped;
use app::personal::IdType;
use app::staff::store::AuditEntry;
use app::storage::StoreError;
use chrono::{DateTime, FixedOffset, NaiveDate};
use sqlx::FromRow;
use std::ops::RangeInclusive;

const IDEMPOTENCY_SCOPE: &str = "booking";

pub struct SqlBookings {
    pool: Pool,
    changes: Changes,
}

impl SqlBookings {
    pub fn new(pool: Pool, changes: Changes) -> Self {
        Self { pool, changes }
    }
}

/// The ID number's stand-in for locks and limits.
fn id_digest(id_type: IdType, id_number: &str) -> String {
    crate::guards::digest(&format!("{}:{id_number}", id_type.code()))
}

#[derive(FromRow)]
struct BookingRow {
    token: String,
    check_in_code: String,
    item_id: i64,
    item_name: String,
    place_id: String,
    place_name: String,
    day: Day,
    starts: Time,
    status: String,
    applicant_name: String,
    id_type: String,
    id_number: String,
    phone: String,
    on_behalf: bool,
    promoted_at: Option<Instant>,
}

/// A booking's columns, and its places in line (which only the counter's list reads).
const BOOKING_SELECT: &str = "SELECT b.token, b.check_in_code, b.item_id, i.name AS item_name, b.place_id, \
    p.name AS place_name, b.day, b.starts, b.status, b.applicant_name, b.id_type, b.id_number, b.phone, b.on_behalf, \
    b.promoted_at, b.waiting_position, b.check_in_position \
    FROM bookings b JOIN items i ON i.id = b.item_id JOIN places p ON p.id = b.place_id";

impl BookingRow {
    fn into_booking(self) -> Result<Booking, StoreError> {
        Ok(Booking {
            slot: SlotRef { place_id: self.place_id, day: self.day.0, starts: self.starts.0 },
            status: BookingStatus::from_code(&self.status)
                .ok_or_else(|| db::unreadable("booking status", &self.status))?,
            applicant: Applicant {
                name: self.applicant_name,
                id_type: IdType::from_code(&self.id_type).ok_or_else(|| db::unreadable("ID type", &self.id_type))?,
                id_number: self.id_number,
                phone: self.phone,
                on_behalf: self.on_behalf,
            },
            token: self.token,
            check_in_code: self.check_in_code,
            item_id: self.item_id as u32,
            item_name: self.item_name,
            place_name: self.place_name,
            promoted_at: self.promoted_at.map(|instant| instant.0),
        })
    }
}

#[async_trait::async_trait]
impl BookingStore for SqlBookings {
    async fn bookable_place(&self, place_id: &str) -> Result<Option<BookablePlace>, StoreError> {
        if !is_id_shaped(place_id) {
            return Ok(None);
        }
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            place: PlaceRow,
            counters: i64,
            hours_json: String,
        }
        let row: Option<Row> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT id, kind, name, street, address, phone, counters, hours_json FROM places WHERE id = $1",
            )
            .bind(place_id)
            .fetch_optional(pool)
            .await
        })
        .map_err(db::failed)?;
        let Some(row) = row else { return Ok(None) };
        let spans = serde_json::from_str(&row.hours_json).map_err(|e| db::unreadable("opening hours", e))?;
        Ok(Some(BookablePlace {
            hours: OpeningHours::parse(&spans).map_err(|e| db::unreadable("opening hours", e))?,
            capacity: row.counters as u32,
            place: row.place.into_place()?,
        }))
    }

    // Days are stored as ISO 8601 text, which sorts as the dates do: BETWEEN works on both databases.
    async fn closures(
        &self,
        place_id: &str,
        days: RangeInclusive<NaiveDate>,
    ) -> Result<Vec<(NaiveDate, String)>, StoreError> {
        let rows: Vec<(Day, String)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as("SELECT day, reason FROM place_closures WHERE place_id = $1 AND day BETWEEN $2 AND $3")
                .bind(place_id)
                .bind(Day(*days.start()))
                .bind(Day(*days.end()))
                .fetch_all(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(rows.into_iter().map(|(day, reason)| (day.0, reason)).collect())
    }

    async fn seats(&self, place_id: &str, days: RangeInclusive<NaiveDate>) -> Result<Vec<SeatCount>, StoreError> {
        let rows: Vec<(Day, Time, i64, i64)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT day, starts, capacity, taken FROM slots WHERE place_id = $1 AND day BETWEEN $2 AND $3 \
                 ORDER BY day, starts",
            )
            .bind(place_id)
            .bind(Day(*days.start()))
            .bind(Day(*days.end()))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        Ok(rows
            .into_iter()
            .map(|(day, starts, capacity, taken)| SeatCount {
                day: day.0,
                starts: starts.0,
                capacity: capacity as u32,
                taken: taken as u32,
            })
            .collect())
    }

    async fn book(
        &self,
        request: &BookingRequest,
        capacity: u32,
        key: &str,
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError> {
        let token = match self.book_in_transaction(request, capacity, key, now).await.map_err(db::failed)? {
            Ok(token) => token,
            Err(refusal) => return Ok(Err(refusal)),
        };
        // A repeated submission finds the booking the first one made.
        let booking =
            self.booking(&token).await?.ok_or_else(|| db::unreadable("booking", format!("{token} is missing")))?;
        self.signal(&booking.slot.place_id).await;
        Ok(Ok(booking))
    }

    async fn booking(&self, token: &str) -> Result<Option<Booking>, StoreError> {
        let sql = format!("{BOOKING_SELECT} WHERE b.token = $1");
        let row: Option<BookingRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).bind(token).fetch_optional(pool).await)
                .map_err(db::failed)?;
        row.map(BookingRow::into_booking).transpose()
    }

    async fn check_in(
        &self,
        place_id: &str,
        code: &str,
        now: DateTime<FixedOffset>,
        by: Option<&AuditEntry>,
    ) -> Result<CheckIn, StoreError> {
        let sql = format!("{BOOKING_SELECT} WHERE b.check_in_code = $1");
        let row: Option<BookingRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).bind(code).fetch_optional(pool).await)
                .map_err(db::failed)?;
        let Some(booking) = row.map(BookingRow::into_booking).transpose()? else { return Ok(CheckIn::Unknown) };
        let starts = booking.slot.day.and_time(booking.slot.starts);
        if booking.status == BookingStatus::CheckedIn && booking.slot.place_id == place_id {
            return Ok(CheckIn::AlreadyDone { position: self.check_in_position(&booking.token).await? });
        }
        let here = (booking.slot.place_id.as_str(), booking.place_name.as_str());
        if let Err(refusal) = check_in::judge(booking.status, here, place_id, starts, now.naive_local()) {
            return Ok(refusal);
        }
        let day = Day(booking.slot.day);
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let position: Option<i64> = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO check_in_counters (place_id, day, checked_in) VALUES ($1, $2, 0) ON CONFLICT DO NOTHING",
            )
            .bind(place_id)
            .bind(&day)
            .execute(&mut **tx)
            .await?;
            // The counter row stays locked to commit: two arrivals at once get different positions.
            let position: i64 = sqlx::query_scalar(
                "UPDATE check_in_counters SET checked_in = checked_in + 1 WHERE place_id = $1 AND day = $2 \
                 RETURNING checked_in",
            )
            .bind(place_id)
            .bind(&day)
            .fetch_one(&mut **tx)
            .await?;
            let updated = sqlx::query(
                "UPDATE bookings SET status = 'checked_in', checked_in_at = $1, check_in_position = $2 \
                 WHERE token = $3 AND status = 'booked'",
            )
            .bind(Instant(now))
            .bind(position)
            .bind(&booking.token)
            .execute(&mut **tx)
            .await?
            .rows_affected();
            Ok::<_, sqlx::Error>((updated == 1).then_some(position))
        })
        .map_err(db::failed)?;
        let Some(position) = position else {
            // Cancelled or checked in a moment ago, elsewhere: give the position back and the write lock up, then
            // answer from what is stored now.
            drop(tx);
            return Box::pin(self.check_in(place_id, code, now, by)).await;
        };
        if let Some(entry) = by {
            audit::record(&mut tx, entry).await.map_err(db::failed)?;
        }
        tx.commit().await.map_err(db::failed)?;
        self.signal(place_id).await;
        Ok(CheckIn::Done { position: position as u32, item_name: booking.item_name })
    }

    async fn board(&self, place_id: &str, day: NaiveDate) -> Result<Vec<BoardRow>, StoreError> {
        if !is_id_shaped(place_id) {
            return Ok(Vec::new());
        }
        let counts: Vec<(Time, String, i64)> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(
                "SELECT starts, status, COUNT(*) FROM bookings WHERE place_id = $1 AND day = $2 \
                 AND status IN ('booked', 'checked_in', 'waiting') GROUP BY starts, status ORDER BY starts",
            )
            .bind(place_id)
            .bind(Day(day))
            .fetch_all(pool)
            .await
        })
        .map_err(db::failed)?;
        let mut rows: Vec<BoardRow> = Vec::new();
        for (starts, status, count) in counts {
            let starts = starts.0;
            if rows.last().is_none_or(|row| row.starts != starts) {
                rows.push(BoardRow { starts, ..Default::default() });
            }
            let row = rows.last_mut().expect("just pushed");
            match status.as_str() {
                "booked" => row.booked = count as u32,
                "checked_in" => row.checked_in = count as u32,
                _ => row.waiting = count as u32,
            }
        }
        Ok(rows)
    }

    async fn bookings_by_phone(&self, phone: &str) -> Result<Vec<Booking>, StoreError> {
        let sql = format!(
            "{BOOKING_SELECT} WHERE b.phone = $1 AND NOT b.anonymised ORDER BY b.day DESC, b.starts DESC LIMIT 50"
        );
        let rows: Vec<BookingRow> =
            on_backend!(&self.pool, |pool| sqlx::query_as(&sql).bind(phone).fetch_all(pool).await)
                .map_err(db::failed)?;
        rows.into_iter().map(BookingRow::into_booking).collect()
    }

    async fn cancel(&self, token: &str, now: DateTime<FixedOffset>) -> Result<Option<Booking>, StoreError> {
        let Some(before) = self.booking(token).await? else { return Ok(None) };
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let cancelled = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "UPDATE bookings SET status = 'cancelled', waiting_position = NULL \
                 WHERE token = $1 AND status IN ('booked', 'waiting') AND (day > $2 OR (day = $2 AND starts > $3))",
            )
            .bind(token)
            .bind(Day(now.date_naive()))
            .bind(Time(now.time()))
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !cancelled {
            return Ok(None);
        }
        if before.status == BookingStatus::Booked {
            release_seat(&mut tx, &before.slot, now).await.map_err(db::failed)?;
        }
        tx.commit().await.map_err(db::failed)?;
        self.signal(&before.slot.place_id).await;
        self.booking(token).await
    }

    async fn counter_day(&self, place_id: &str, day: NaiveDate) -> Result<Vec<CounterLine>, StoreError> {
        #[derive(FromRow)]
        struct Row {
            #[sqlx(flatten)]
            booking: BookingRow,
            waiting_position: Option<i64>,
            check_in_position: Option<i64>,
        }
        let sql = format!(
            "{BOOKING_SELECT} WHERE b.place_id = $1 AND b.day = $2 \
             ORDER BY b.starts, b.waiting_position IS NOT NULL, b.waiting_position, b.created_at"
        );
        let rows: Vec<Row> = on_backend!(&self.pool, |pool| {
            sqlx::query_as(&sql).bind(place_id).bind(Day(day)).fetch_all(pool).await
        })
        .map_err(db::failed)?;
        rows.into_iter()
            .map(|row| {
                Ok(CounterLine {
                    booking: row.booking.into_booking()?,
                    waiting_position: row.waiting_position.map(|p| p as u32),
                    check_in_position: row.check_in_position.map(|p| p as u32),
                })
            })
            .collect()
    }

    async fn mark_no_show(
        &self,
        place_id: &str,
        token: &str,
        now: DateTime<FixedOffset>,
        audit: &AuditEntry,
    ) -> Result<Option<Result<Booking, NoShowRefusal>>, StoreError> {
        let Some(booking) = self.booking(token).await?.filter(|b| b.slot.place_id == place_id) else {
            return Ok(None);
        };
        let starts = booking.slot.day.and_time(booking.slot.starts);
        if let Err(refusal) = judge_no_show(booking.status, starts, now.naive_local()) {
            return Ok(Some(Err(refusal)));
        }
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        // Conditional on the status judged: an arrival a moment ago wins.
        let marked = on_backend!(&mut tx, |tx| {
            sqlx::query("UPDATE bookings SET status = 'no_show' WHERE token = $1 AND status = 'booked'")
                .bind(token)
                .execute(&mut **tx)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !marked {
            drop(tx);
            return Box::pin(self.mark_no_show(place_id, token, now, audit)).await;
        }
        self.commit_audited(tx, audit, place_id).await?;
        Ok(Some(Ok(Booking { status: BookingStatus::NoShow, ..booking })))
    }

    async fn close_place(
        &self,
        place_id: &str,
        day: NaiveDate,
        reason: &str,
        audit: &AuditEntry,
    ) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let affected = on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO place_closures (place_id, day, reason) VALUES ($1, $2, $3) \
                 ON CONFLICT (place_id, day) DO UPDATE SET reason = excluded.reason",
            )
            .bind(place_id)
            .bind(Day(day))
            .bind(reason)
            .execute(&mut **tx)
            .await?;
            sqlx::query(
                "UPDATE bookings SET status_before_closure = status, \
                 waiting_position_before_closure = waiting_position, status = 'place_closed', waiting_position = NULL \
                 WHERE place_id = $1 AND day = $2 AND status IN ('booked', 'waiting')",
            )
            .bind(place_id)
            .bind(Day(day))
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected())
        })
        .map_err(db::failed)?;
        self.commit_audited(tx, audit, place_id).await?;
        Ok(affected)
    }

    async fn reopen_place(&self, place_id: &str, day: NaiveDate, audit: &AuditEntry) -> Result<u64, StoreError> {
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        let restored = on_backend!(&mut tx, |tx| {
            sqlx::query("DELETE FROM place_closures WHERE place_id = $1 AND day = $2")
                .bind(place_id)
                .bind(Day(day))
                .execute(&mut **tx)
                .await?;
            sqlx::query(
                "UPDATE bookings SET status = status_before_closure, \
                 waiting_position = waiting_position_before_closure, status_before_closure = NULL, \
                 waiting_position_before_closure = NULL \
                 WHERE place_id = $1 AND day = $2 AND status = 'place_closed' AND status_before_closure IS NOT NULL",
            )
            .bind(place_id)
            .bind(Day(day))
            .execute(&mut **tx)
            .await
            .map(|done| done.rows_affected())
        })
        .map_err(db::failed)?;
        self.commit_audited(tx, audit, place_id).await?;
        Ok(restored)
    }

    async fn reschedule(
        &self,
        token: &str,
        slot: &SlotRef,
        capacity: u32,
        now: DateTime<FixedOffset>,
    ) -> Result<Result<Booking, Refusal>, StoreError> {
        let Some(before) = self.booking(token).await? else { return Ok(Err(Refusal::NotChangeable)) };
        let starts_later = |s: &SlotRef| s.day.and_time(s.starts) > now.naive_local();
        if before.status != BookingStatus::Booked
            || !starts_later(&before.slot)
            || before.slot.place_id != slot.place_id
        {
            return Ok(Err(Refusal::NotChangeable));
        }
        if before.slot == *slot {
            return Ok(Ok(before));
        }
        let mut tx = self.pool.begin_write().await.map_err(db::failed)?;
        // The new seat first: if there is none, nothing has changed.
        if !take_seat(&mut tx, slot, capacity).await.map_err(db::failed)? {
            return Ok(Err(Refusal::Full));
        }
        let moved = on_backend!(&mut tx, |tx| {
            sqlx::query("UPDATE bookings SET day = $1, starts = $2 WHERE token = $3 AND status = 'booked' AND day = $4 AND starts = $5")
                .bind(Day(slot.day))
                .bind(Time(slot.starts))
                .bind(token)
                .bind(Day(before.slot.day))
                .bind(Time(before.slot.starts))
                .execute(&mut **tx)
                .await
                .map(|done| done.rows_affected() == 1)
        })
        .map_err(db::failed)?;
        if !moved {
            return Ok(Err(Refusal::NotChangeable)); // changed meanwhile; rolling back returns the new seat
        }
        release_seat(&mut tx, &before.slot, now).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        self.signal(&slot.place_id).await;
        self.booking(token).await?.map(Ok).ok_or_else(|| db::unreadable("booking", format!("{token} is missing")))
    }
}

/// Takes one seat in `slot` if one is free; the slot's row is made on first use.
async fn take_seat(tx: &mut Tx, slot: &SlotRef, capacity: u32) -> sqlx::Result<bool> {
    let (day, starts) = (Day(slot.day), Time(slot.starts));
    on_backend!(tx, |tx| {
        sqlx::query(
            "INSERT INTO slots (place_id, day, starts, capacity, taken) VALUES ($1, $2, $3, $4, 0) \
             ON CONFLICT DO NOTHING",
        )
        .bind(&slot.place_id)
        .bind(&day)
        .bind(&starts)
        .bind(capacity as i64)
        .execute(&mut **tx)
        .await?;
        // The one statement that hands out seats: it never takes the last seat twice.
        sqlx::query(
            "UPDATE slots SET taken = taken + 1 WHERE place_id = $1 AND day = $2 AND starts = $3 AND taken < capacity",
        )
        .bind(&slot.place_id)
        .bind(&day)
        .bind(&starts)
        .execute(&mut **tx)
        .await
        .map(|done| done.rows_affected() == 1)
    })
}

/// The next position in `slot`'s waiting line. The slot's row stays locked until commit, so two people joining
/// at once get different positions.
async fn join_waiting_line(tx: &mut Tx, slot: &SlotRef) -> sqlx::Result<i64> {
    on_backend!(tx, |tx| {
        sqlx::query_scalar(
            "UPDATE slots SET waiting_joined = waiting_joined + 1 WHERE place_id = $1 AND day = $2 AND starts = $3 \
             RETURNING waiting_joined",
        )
        .bind(&slot.place_id)
        .bind(Day(slot.day))
        .bind(Time(slot.starts))
        .fetch_one(&mut **tx)
        .await
    })
}

/// Gives a freed seat in `slot` to the first in its waiting line (noting when, for their booking page), or back
/// to the slot when nobody waits.
async fn release_seat(tx: &mut Tx, slot: &SlotRef, now: DateTime<FixedOffset>) -> sqlx::Result<()> {
    let (day, starts) = (Day(slot.day), Time(slot.starts));
    on_backend!(tx, |tx| {
        loop {
            let first: Option<String> = sqlx::query_scalar(
                "SELECT token FROM bookings WHERE place_id = $1 AND day = $2 AND starts = $3 AND status = 'waiting' \
                 ORDER BY waiting_position LIMIT 1",
            )
            .bind(&slot.place_id)
            .bind(&day)
            .bind(&starts)
            .fetch_optional(&mut **tx)
            .await?;
            let Some(first) = first else {
                sqlx::query("UPDATE slots SET taken = taken - 1 WHERE place_id = $1 AND day = $2 AND starts = $3")
                    .bind(&slot.place_id)
                    .bind(&day)
                    .bind(&starts)
                    .execute(&mut **tx)
                    .await?;
                return Ok(());
            };
            // Another cancellation may have promoted this one a moment ago: then try the next in line.
            let promoted = sqlx::query(
                "UPDATE bookings SET status = 'booked', waiting_position = NULL, promoted_at = $2 \
                 WHERE token = $1 AND status = 'waiting'",
            )
            .bind(&first)
            .bind(Instant(now))
            .execute(&mut **tx)
            .await?
            .rows_affected();
            if promoted == 1 {
                return Ok(());
            }
        }
    })
}

impl SqlBookings {
    /// Blanks the name, ID number and phone of bookings whose day is more than `KEEP_PERSONAL_DATA_DAYS` before
    /// `today`. What remains (item, place, time, status) identifies nobody. Returns how many were anonymised.
    pub async fn anonymise_old(&self, today: NaiveDate) -> sqlx::Result<u64> {
        let before = Day(today - chrono::Duration::days(KEEP_PERSONAL_DATA_DAYS as i64));
        on_backend!(&self.pool, |pool| {
            // The ID number's digest goes too: an ID number's few billion values are quickly hashed.
            let anonymised = sqlx::query(
                "UPDATE bookings SET applicant_name = '', id_number = '', phone = '', id_digest = '', \
                 anonymised = TRUE WHERE day < $1 AND NOT anonymised",
            )
            .bind(before)
            .execute(pool)
            .await?
            .rows_affected();
            sqlx::query("DELETE FROM booking_holders WHERE id_digest NOT IN (SELECT id_digest FROM bookings)")
                .execute(pool)
                .await?;
            Ok(anonymised)
        })
    }

    async fn check_in_position(&self, token: &str) -> Result<u32, StoreError> {
        let position: Option<i64> = on_backend!(&self.pool, |pool| {
            sqlx::query_scalar("SELECT check_in_position FROM bookings WHERE token = $1")
                .bind(token)
                .fetch_one(pool)
                .await
        })
        .map_err(db::failed)?;
        Ok(position.unwrap_or_default() as u32)
    }

    /// Commits a staff change at `place_id` with its audit entry, and signals the place.
    async fn commit_audited(&self, mut tx: Tx, audit: &AuditEntry, place_id: &str) -> Result<(), StoreError> {
        audit::record(&mut tx, audit).await.map_err(db::failed)?;
        tx.commit().await.map_err(db::failed)?;
        self.signal(place_id).await;
        Ok(())
    }

    /// Boards and slot pickers showing this place re-read their counts.
    async fn signal(&self, place_id: &str) {
        let change = Change { topic: Topic::Slots, key: place_id.into() };
        if let Err(e) = self.changes.publish(change).await {
            tracing::warn!(error = %e, "changed a booking, but could not signal it");
        }
    }

    async fn book_in_transaction(
        &self,
        request: &BookingRequest,
        capacity: u32,
        key: &str,
        now: DateTime<FixedOffset>,
    ) -> sqlx::Result<Result<String, Refusal>> {
        let BookingRequest { item, slot, applicant, wait_if_full } = request;
        let (day, starts) = (Day(slot.day), Time(slot.starts));
        let digest = id_digest(applicant.id_type, &applicant.id_number);
        let (today, time_now) = (Day(now.date_naive()), Time(now.time()));
        let mut tx = self.pool.begin_write().await?;

        if let Claim::Repeat(token) = idempotency::claim(&mut tx, IDEMPOTENCY_SCOPE, key, now.timestamp()).await? {
            return Ok(Ok(token));
        }
        let token = new_token();
        // On a refusal, dropping `tx` rolls back, the key's claim included.
        let limits = on_backend!(&mut tx, |tx| {
            let handled: Option<i64> =
                sqlx::query_scalar("SELECT item_id FROM place_items WHERE place_id = $1 AND item_id = $2")
                    .bind(&slot.place_id)
                    .bind(*item as i64)
                    .fetch_optional(&mut **tx)
                    .await?;
            if handled.is_none() {
                return Ok(Err(Refusal::NotHandledHere));
            }
            // This person's row, locked until commit: their bookings take turns past the limits below.
            sqlx::query(
                "INSERT INTO booking_holders (id_digest, last_booked_at) VALUES ($1, $2) \
                 ON CONFLICT (id_digest) DO UPDATE SET last_booked_at = excluded.last_booked_at",
            )
            .bind(&digest)
            .bind(Instant(now))
            .execute(&mut **tx)
            .await?;
            // Active: booked or waiting, for a slot that has not started yet.
            let active: Vec<i64> = sqlx::query_scalar(
                "SELECT item_id FROM bookings WHERE id_digest = $1 AND status IN ('booked', 'waiting') \
                 AND (day > $2 OR (day = $2 AND starts > $3))",
            )
            .bind(&digest)
            .bind(&today)
            .bind(&time_now)
            .fetch_all(&mut **tx)
            .await?;
            if active.contains(&(*item as i64)) {
                return Ok(Err(Refusal::AlreadyBookedThisItem));
            }
            if active.len() >= MAX_ACTIVE {
                return Ok(Err(Refusal::TooManyActive));
            }
            Ok::<_, sqlx::Error>(Ok(()))
        })?;
        if let Err(refusal) = limits {
            return Ok(Err(refusal));
        }
        let (status, waiting_position) = match (take_seat(&mut tx, slot, capacity).await?, wait_if_full) {
            (true, _) => (BookingStatus::Booked, None),
            (false, true) => (BookingStatus::Waiting, Some(join_waiting_line(&mut tx, slot).await?)),
            (false, false) => return Ok(Err(Refusal::Full)),
        };
        on_backend!(&mut tx, |tx| {
            sqlx::query(
                "INSERT INTO bookings (token, check_in_code, item_id, place_id, day, starts, status, id_digest, \
                 applicant_name, id_type, id_number, phone, on_behalf, created_at, waiting_position, anonymised) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, FALSE)",
            )
            .bind(&token)
            .bind(new_check_in_code())
            .bind(*item as i64)
            .bind(&slot.place_id)
            .bind(&day)
            .bind(&starts)
            .bind(status.code())
            .bind(&digest)
            .bind(&applicant.name)
            .bind(applicant.id_type.code())
            .bind(&applicant.id_number)
            .bind(&applicant.phone)
            .bind(applicant.on_behalf)
            .bind(Instant(now))
            .bind(waiting_position)
            .execute(&mut **tx)
            .await?;
            Ok::<(), sqlx::Error>(())
        })?;
        idempotency::record(&mut tx, IDEMPOTENCY_SCOPE, key, &token).await?;
        tx.commit().await?;
        Ok(Ok(token))
    }
}
