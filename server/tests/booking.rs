//! Booking storage under load, on the backend under test: seats are never oversold, a repeated form books once,
//! and each person's limits hold.

mod support;

use app::booking::model::{Applicant, BookingRequest, BookingStatus, Refusal, SlotRef};
use app::personal::{check_digit, IdType};
use app::store::BookingStore;
use chrono::{DateTime, FixedOffset, NaiveTime};
use server::booking::SqlBookings;
use server::db::{self, on_backend, Pool};
use std::sync::Arc;
use support::TestDb;

async fn store() -> (Arc<SqlBookings>, Pool, TestDb) {
    let db = TestDb::fresh().await;
    let pool = db::connect(&db.url).await.unwrap();
    server::catalog::seed::seed(&pool).await.unwrap();
    let changes = server::live::Changes::start(&pool).await.unwrap();
    (Arc::new(SqlBookings::new(pool.clone(), changes)), pool, db)
}

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap()
}

/// The `n`th distinct, valid resident ID number.
fn resident_id(n: u32) -> String {
    let first17 = format!("1201051990010{:04}", n % 10_000);
    format!("{first17}{}", check_digit(&first17))
}

fn request(person: u32, item: u32, starts: &str, wait_if_full: bool) -> BookingRequest {
    BookingRequest {
        item,
        slot: SlotRef {
            place_id: "hall-1".into(),
            day: "2026-11-26".parse().unwrap(),
            starts: NaiveTime::parse_from_str(starts, "%H:%M").unwrap(),
        },
        applicant: Applicant {
            name: "张三".into(),
            id_type: IdType::ResidentCard,
            id_number: resident_id(person),
            phone: "13812345678".into(),
            on_behalf: false,
        },
        wait_if_full,
    }
}

async fn count(pool: &Pool, sql: &str) -> i64 {
    on_backend!(pool, |pool| sqlx::query_scalar(sql).fetch_one(pool).await).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_people_racing_for_ten_seats_make_ten_bookings_and_no_errors() {
    let (store, pool, _db) = store().await;
    let attempts: Vec<_> = (0..200)
        .map(|person| {
            let store = store.clone();
            tokio::spawn(async move {
                store.book(&request(person, 54, "09:00", false), 10, &format!("form-{person}"), now()).await
            })
        })
        .collect();
    let (mut booked, mut full) = (0, 0);
    for attempt in attempts {
        match attempt.await.unwrap().expect("no request fails") {
            Ok(booking) => {
                assert_eq!(booking.status, BookingStatus::Booked);
                booked += 1;
            }
            Err(Refusal::Full) => full += 1,
            Err(other) => panic!("unexpected refusal: {other}"),
        }
    }
    assert_eq!((booked, full), (10, 190));
    assert_eq!(count(&pool, "SELECT taken FROM slots").await, 10);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings").await, 10);

    // Once full, a resident may wait instead; the seats stay as they are.
    let waiting = store.book(&request(500, 54, "09:00", true), 10, "form-500", now()).await.unwrap().unwrap();
    assert_eq!(waiting.status, BookingStatus::Waiting);
    assert_eq!(count(&pool, "SELECT taken FROM slots").await, 10);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_submitted_twice_at_once_books_once_and_answers_alike() {
    let (store, pool, _db) = store().await;
    let form = request(1, 54, "10:00", false);
    let (a, b) = tokio::join!(store.book(&form, 10, "same-form", now()), store.book(&form, 10, "same-form", now()));
    let (a, b) = (a.unwrap().unwrap(), b.unwrap().unwrap());
    assert_eq!(a.token, b.token);
    assert_eq!(a.check_in_code, b.check_in_code);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings").await, 1);
    assert_eq!(count(&pool, "SELECT taken FROM slots").await, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn one_booking_per_item_and_three_at_most_per_id_number() {
    let (store, _pool, _db) = store().await;
    let book = |item, starts, key: &'static str| {
        let store = store.clone();
        async move { store.book(&request(7, item, starts, false), 10, key, now()).await.unwrap() }
    };
    assert!(book(54, "09:00", "k1").await.is_ok());
    assert_eq!(book(54, "10:00", "k2").await, Err(Refusal::AlreadyBookedThisItem));
    assert!(book(55, "10:00", "k3").await.is_ok());
    assert!(book(56, "11:00", "k4").await.is_ok());
    assert_eq!(book(57, "11:30", "k5").await, Err(Refusal::TooManyActive));
    // Someone else is not limited by this person's bookings.
    let other = store.book(&request(8, 57, "11:30", false), 10, "k6", now()).await.unwrap();
    assert!(other.is_ok());
    // A place that does not handle the item refuses it.
    let elsewhere = server::catalog::seed::catalog().unwrap().places.into_iter().find(|p| !p.item_ids.contains(&54));
    let mut request = request(9, 54, "09:00", false);
    request.slot.place_id = elsewhere.expect("some place does not handle item 54").place.id;
    assert_eq!(store.book(&request, 1, "k7", now()).await.unwrap(), Err(Refusal::NotHandledHere));
}
