//! Bookings per second with 64 clients booking at once, through the booking store: each booking is the whole
//! write transaction (idempotency key, the person's lock and limits, the seat, the insert). Every booking is a
//! different person, spread over a hall's slots for ten days; a refusal or an error is counted, not hidden.
//!
//! `cargo run --release -p server --example booking_load` (SQLite in a temporary file), or with a PostgreSQL
//! server URL as the argument (a fresh database is made on it and dropped afterwards).

use app::booking::model::{Applicant, BookingRequest, SlotRef};
use app::booking::store::BookingStore;
use app::personal::IdType;
use chrono::{DateTime, Duration as Days, NaiveDate, NaiveTime};
use server::booking::SqlBookings;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::Arc;
use std::time::{Duration, Instant};

const CLIENTS: u32 = 64;
const BOOKINGS_PER_CLIENT: u32 = 40;

fn request(n: u32) -> BookingRequest {
    let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap() + Days::days(i64::from(n / 16 % 10));
    let starts = NaiveTime::from_hms_opt(9, 0, 0).unwrap() + Days::minutes(30 * i64::from(n % 16));
    BookingRequest {
        item: 54,
        slot: SlotRef { place_id: "hall-1".into(), day, starts },
        applicant: Applicant {
            name: "测试".into(),
            id_type: IdType::Passport,
            id_number: format!("E{n:08}"),
            phone: "13800000000".into(),
            on_behalf: false,
        },
        wait_if_full: false,
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let postgres = std::env::args().nth(1);
    let dir = tempfile::tempdir()?;
    let (label, url) = match &postgres {
        None => ("SQLite", format!("sqlite://{}/bench.db", dir.path().display())),
        Some(server) => {
            let mut admin = PgConnection::connect(server).await?;
            admin.execute("DROP DATABASE IF EXISTS palm_bench WITH (FORCE)").await?;
            admin.execute("CREATE DATABASE palm_bench").await?;
            let mut url = url::Url::parse(server)?;
            url.set_path("palm_bench");
            ("PostgreSQL", url.to_string())
        }
    };
    let pool = server::db::connect(&url).await?;
    server::catalog::seed::seed(&pool).await?;
    let store = Arc::new(SqlBookings::new(pool.clone(), server::live::Changes::start(&pool).await?));
    let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00")?;

    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let store = store.clone();
            tokio::spawn(async move {
                let (mut latencies, mut refused, mut errors) = (Vec::new(), 0, 0);
                for i in 0..BOOKINGS_PER_CLIENT {
                    let n = client * BOOKINGS_PER_CLIENT + i;
                    let one = Instant::now();
                    match store.book(&request(n), 100_000, &format!("bench-{n}"), now).await {
                        Ok(Ok(_)) => latencies.push(one.elapsed()),
                        Ok(Err(_)) => refused += 1,
                        Err(_) => errors += 1,
                    }
                }
                (latencies, refused, errors)
            })
        })
        .collect();
    let (mut latencies, mut refused, mut errors) = (Vec::<Duration>::new(), 0, 0);
    for client in clients {
        let (l, r, e) = client.await?;
        latencies.extend(l);
        refused += r;
        errors += e;
    }
    let elapsed = started.elapsed();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() as f64 * q) as usize).min(latencies.len() - 1)];
    println!(
        "{label:<10} {} bookings by {CLIENTS} clients in {:.2} s: {:.0} bookings/s, {refused} refused, {errors} errors; \
         latency p50 {:.1} ms, p99 {:.1} ms",
        latencies.len(),
        elapsed.as_secs_f64(),
        latencies.len() as f64 / elapsed.as_secs_f64(),
        at(0.5).as_secs_f64() * 1000.0,
        at(0.99).as_secs_f64() * 1000.0,
    );
    pool.close().await;
    if let Some(server) = postgres {
        PgConnection::connect(&server).await?.execute("DROP DATABASE IF EXISTS palm_bench WITH (FORCE)").await?;
    }
    anyhow::ensure!(errors == 0 && refused == 0, "the load test saw {errors} errors and {refused} refusals");
    Ok(())
}
