//! Booking storage under load, on the backend under test: seats are never oversold, a repeated form books once,
//! and each person's limits hold.

use crate::support::TestDb;
use app::booking::counter::NoShowRefusal;
use app::booking::model::{Applicant, BookingRequest, BookingStatus, Refusal, SlotRef};
use app::booking::store::BookingStore;
use app::personal::{check_digit, IdType};
use app::staff::model::{Grant, StaffUser};
use app::staff::store::AuditEntry;
use chrono::{DateTime, FixedOffset, NaiveTime};
use server::booking::SqlBookings;
use server::db::{self, on_backend, Pool};
use std::sync::Arc;

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
    let first17 = format!("12010519900101{:03}", n % 1000);
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

async fn status(store: &SqlBookings, token: &str) -> BookingStatus {
    store.booking(token).await.unwrap().unwrap().status
}

#[tokio::test(flavor = "multi_thread")]
async fn a_freed_seat_goes_to_the_first_in_line_and_a_reschedule_keeps_the_old_seat_until_it_has_a_new_one() {
    let (store, pool, _db) = store().await;
    let book = |person: u32, starts: &'static str| {
        let store = store.clone();
        async move {
            store.book(&request(person, 54, starts, true), 2, &format!("k{person}"), now()).await.unwrap().unwrap()
        }
    };
    let (a, b, c, d) = (book(1, "09:00").await, book(2, "09:00").await, book(3, "09:00").await, book(4, "09:00").await);
    assert_eq!(
        [a.status, b.status, c.status, d.status],
        [BookingStatus::Booked, BookingStatus::Booked, BookingStatus::Waiting, BookingStatus::Waiting]
    );

    let cancelled = store.cancel(&a.token, now()).await.unwrap().unwrap();
    assert_eq!(cancelled.status, BookingStatus::Cancelled);
    assert_eq!(status(&store, &c.token).await, BookingStatus::Booked, "the first in line gets the seat");
    assert_eq!(status(&store, &d.token).await, BookingStatus::Waiting);
    assert_eq!(count(&pool, "SELECT taken FROM slots WHERE starts = '09:00'").await, 2);
    assert!(store.cancel(&a.token, now()).await.unwrap().is_none(), "nothing left to cancel");

    // A full slot elsewhere: B keeps 09:00.
    let full = |starts: &'static str| SlotRef {
        starts: NaiveTime::parse_from_str(starts, "%H:%M").unwrap(),
        ..b.slot.clone()
    };
    let (e, f) = (book(5, "10:00").await, book(6, "10:00").await);
    assert_eq!((e.status, f.status), (BookingStatus::Booked, BookingStatus::Booked));
    assert_eq!(store.reschedule(&b.token, &full("10:00"), 2, now()).await.unwrap(), Err(Refusal::Full));
    assert_eq!(store.booking(&b.token).await.unwrap().unwrap().slot, b.slot);
    // An open slot: B moves, and its old seat goes to D, who was waiting.
    let moved = store.reschedule(&b.token, &full("11:00"), 2, now()).await.unwrap().unwrap();
    assert_eq!(moved.slot.starts, NaiveTime::from_hms_opt(11, 0, 0).unwrap());
    assert_eq!(status(&store, &d.token).await, BookingStatus::Booked);
    // D's page can say when the seat came; a booking that never waited has no such moment.
    assert_eq!(store.booking(&d.token).await.unwrap().unwrap().promoted_at, Some(now()));
    assert_eq!(store.booking(&moved.token).await.unwrap().unwrap().promoted_at, None);
    assert_eq!(count(&pool, "SELECT taken FROM slots WHERE starts = '09:00'").await, 2);
    assert_eq!(count(&pool, "SELECT taken FROM slots WHERE starts = '11:00'").await, 1);
    // A slot that has started can no longer be changed.
    let later = DateTime::parse_from_rfc3339("2026-11-26T09:05:00+08:00").unwrap();
    assert!(store.cancel(&d.token, later).await.unwrap().is_none());
    assert_eq!(store.reschedule(&d.token, &full("11:00"), 2, later).await.unwrap(), Err(Refusal::NotChangeable));
}

#[tokio::test(flavor = "multi_thread")]
async fn simultaneous_cancellations_promote_different_people() {
    let (store, pool, _db) = store().await;
    let mut tokens = Vec::new();
    for person in 0..7 {
        tokens.push(
            store
                .book(&request(person, 54, "14:00", true), 2, &format!("k{person}"), now())
                .await
                .unwrap()
                .unwrap()
                .token,
        );
    }
    let (first, second) = tokio::join!(store.cancel(&tokens[0], now()), store.cancel(&tokens[1], now()));
    assert!(first.unwrap().is_some() && second.unwrap().is_some());
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings WHERE status = 'booked'").await, 2);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings WHERE status = 'waiting'").await, 3);
    assert_eq!(count(&pool, "SELECT taken FROM slots").await, 2);
    assert_eq!(status(&store, &tokens[2]).await, BookingStatus::Booked, "in the order they joined");
    assert_eq!(status(&store, &tokens[3]).await, BookingStatus::Booked);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_closed_day_marks_its_bookings_and_old_personal_data_is_blanked() {
    let (store, pool, _db) = store().await;
    let booked = store.book(&request(1, 54, "09:00", false), 10, "k1", now()).await.unwrap().unwrap();
    let day = booked.slot.day;
    assert_eq!(store.close_place("hall-1", day, "设备检修", &by_counter_staff("当天停止办公")).await.unwrap(), 1);
    assert_eq!(status(&store, &booked.token).await, BookingStatus::PlaceClosed);
    assert_eq!(store.closures("hall-1", day..=day).await.unwrap(), vec![(day, "设备检修".to_string())]);
    assert_eq!(store.closures("hall-2", day..=day).await.unwrap(), vec![]);

    // Thirty days after the booking's day the personal data is still there; the day after, it is gone.
    let kept = store.anonymise_old(day + chrono::Duration::days(30)).await.unwrap();
    assert_eq!(kept, 0);
    assert_eq!(store.anonymise_old(day + chrono::Duration::days(31)).await.unwrap(), 1);
    let anonymised = store.booking(&booked.token).await.unwrap().unwrap();
    assert_eq!((anonymised.applicant.name.as_str(), anonymised.applicant.id_number.as_str()), ("", ""));
    assert_eq!(anonymised.applicant.phone, "");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings WHERE id_number <> '' OR id_digest <> ''").await, 0);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM booking_holders").await, 0);
}

/// An audit entry of counter staff at hall-1 (the trail has no tie to accounts: it outlives them).
fn by_counter_staff(action: &str) -> AuditEntry {
    let user = StaffUser { account_id: 9, staff_number: "C0009".into(), name: "张伟".into(), grants: Vec::new() };
    AuditEntry::by(&user, &Grant::CounterStaff { place: "hall-1".into() }, action, "hall-1", now())
}

#[tokio::test(flavor = "multi_thread")]
async fn reopening_a_closed_day_restores_every_booking_and_the_waiting_lines_order() {
    let (store, pool, _db) = store().await;
    let mut tokens = Vec::new();
    for person in 1..=5 {
        let booked = store.book(&request(person, 54, "09:00", true), 2, &format!("k{person}"), now()).await.unwrap();
        tokens.push(booked.unwrap().token);
    }
    let cancelled = store.book(&request(6, 54, "10:00", false), 2, "k6", now()).await.unwrap().unwrap();
    store.cancel(&cancelled.token, now()).await.unwrap();
    let day = "2026-11-26".parse().unwrap();
    let waiting_before: Vec<(String, i64)> = on_backend!(&pool, |pool| {
        sqlx::query_as("SELECT token, waiting_position FROM bookings WHERE status = 'waiting' ORDER BY token")
            .fetch_all(pool)
            .await
    })
    .unwrap();
    assert_eq!(waiting_before.len(), 3);

    assert_eq!(store.close_place("hall-1", day, "停电", &by_counter_staff("当天停止办公")).await.unwrap(), 5);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings WHERE status = 'place_closed'").await, 5);
    assert_eq!(status(&store, &cancelled.token).await, BookingStatus::Cancelled, "a cancelled one is left alone");

    assert_eq!(store.reopen_place("hall-1", day, &by_counter_staff("恢复办公")).await.unwrap(), 5);
    assert_eq!(store.closures("hall-1", day..=day).await.unwrap(), vec![]);
    assert_eq!(status(&store, &tokens[0]).await, BookingStatus::Booked);
    assert_eq!(status(&store, &tokens[1]).await, BookingStatus::Booked);
    let waiting_after: Vec<(String, i64)> = on_backend!(&pool, |pool| {
        sqlx::query_as("SELECT token, waiting_position FROM bookings WHERE status = 'waiting' ORDER BY token")
            .fetch_all(pool)
            .await
    })
    .unwrap();
    assert_eq!(waiting_after, waiting_before, "the same people wait, each in their place");
    assert_eq!(status(&store, &cancelled.token).await, BookingStatus::Cancelled);
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM staff_audit").await, 2, "each with its audit entry");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_no_show_is_marked_from_a_quarter_after_the_slot_and_is_final() {
    let (store, pool, _db) = store().await;
    let booked = store.book(&request(1, 54, "09:00", false), 10, "k1", now()).await.unwrap().unwrap();
    let mark = async |at: &str| {
        store.mark_no_show("hall-1", &booked.token, on_the_day(at), &by_counter_staff("标记未到场")).await.unwrap()
    };
    assert!(matches!(mark("09:14").await, Some(Err(NoShowRefusal::TooEarly { .. }))));
    assert_eq!(
        store.mark_no_show("hall-2", &booked.token, on_the_day("09:30"), &by_counter_staff("x")).await.unwrap(),
        None,
        "another place's booking"
    );
    assert_eq!(mark("09:15").await.unwrap().unwrap().status, BookingStatus::NoShow);
    assert_eq!(status(&store, &booked.token).await, BookingStatus::NoShow);
    assert!(matches!(mark("09:20").await, Some(Err(NoShowRefusal::NotHolding(BookingStatus::NoShow)))));
    let late = store.check_in("hall-1", &booked.check_in_code, on_the_day("09:10"), None).await.unwrap();
    assert!(!late.is_success(), "a no-show cannot check in after all");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM staff_audit").await, 1, "the refusals recorded nothing");
}

fn on_the_day(time: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-26T{time}:00+08:00")).unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn check_in_orders_arrivals_and_says_why_it_cannot() {
    use app::booking::check_in::CheckIn;
    let (store, _pool, _db) = store().await;
    let mut codes = Vec::new();
    for person in 0..5 {
        let booking = store.book(&request(person, 54, "09:00", false), 10, &format!("k{person}"), now()).await.unwrap();
        codes.push(booking.unwrap().check_in_code);
    }
    assert!(matches!(
        store.check_in("hall-1", &codes[0], on_the_day("08:29"), None).await.unwrap(),
        CheckIn::TooEarly { .. }
    ));
    assert!(matches!(
        store.check_in("hall-2", &codes[0], on_the_day("08:45"), None).await.unwrap(),
        CheckIn::WrongPlace { .. }
    ));
    assert_eq!(store.check_in("hall-1", "ZZZZ2345", on_the_day("08:45"), None).await.unwrap(), CheckIn::Unknown);

    // Four arrive at once: four different places in the order.
    let arrivals: Vec<_> = codes[..4]
        .iter()
        .map(|code| {
            let (store, code) = (store.clone(), code.clone());
            tokio::spawn(async move { store.check_in("hall-1", &code, on_the_day("08:45"), None).await.unwrap() })
        })
        .collect();
    let mut positions = Vec::new();
    for arrival in arrivals {
        match arrival.await.unwrap() {
            CheckIn::Done { position, item_name } => {
                assert_eq!(item_name, "结婚登记");
                positions.push(position);
            }
            other => panic!("not checked in: {other:?}"),
        }
    }
    positions.sort();
    assert_eq!(positions, [1, 2, 3, 4]);
    assert!(matches!(
        store.check_in("hall-1", &codes[0], on_the_day("08:50"), None).await.unwrap(),
        CheckIn::AlreadyDone { .. }
    ));
    assert_eq!(store.check_in("hall-1", &codes[4], on_the_day("09:16"), None).await.unwrap(), CheckIn::TooLate);

    let board = store.board("hall-1", "2026-11-26".parse().unwrap()).await.unwrap();
    assert_eq!(board.len(), 1);
    assert_eq!((board[0].booked, board[0].checked_in, board[0].waiting), (1, 4, 0));
}

#[tokio::test(flavor = "multi_thread")]
async fn one_id_number_sending_four_items_at_once_gets_three_and_a_refusal() {
    let (store, pool, _db) = store().await;
    let tries = [54, 55, 56, 57].map(|item| {
        let store = store.clone();
        tokio::spawn(
            async move { store.book(&request(11, item, "09:00", false), 10, &format!("r{item}"), now()).await },
        )
    });
    let mut outcomes = Vec::new();
    for answer in tries {
        outcomes.push(answer.await.unwrap().unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 3, "{outcomes:?}");
    assert_eq!(outcomes.iter().filter(|o| **o == Err(Refusal::TooManyActive)).count(), 1, "{outcomes:?}");
    assert_eq!(count(&pool, "SELECT COUNT(*) FROM bookings").await, 3);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_place_on_a_waiting_list_counts_toward_the_three() {
    let (store, _pool, _db) = store().await;
    // One seat at 09:00, taken by someone else: this person waits for it.
    assert!(store.book(&request(20, 54, "09:00", false), 1, "other", now()).await.unwrap().is_ok());
    let waiting = store.book(&request(21, 54, "09:00", true), 1, "w", now()).await.unwrap().unwrap();
    assert_eq!(waiting.status, BookingStatus::Waiting);
    assert!(store.book(&request(21, 55, "10:00", false), 10, "b1", now()).await.unwrap().is_ok());
    assert!(store.book(&request(21, 56, "10:00", false), 10, "b2", now()).await.unwrap().is_ok());
    assert_eq!(
        store.book(&request(21, 57, "10:00", false), 10, "b3", now()).await.unwrap(),
        Err(Refusal::TooManyActive)
    );
}
