//! The guards several instances share, on the backend under test, under concurrent use.

use crate::support::{self, TestDb};
use server::db::{self, Pool};
use server::guards::{self, idempotency, idempotency::Claim, rate_limit, rate_limit::Limit, rate_limit::Verdict};

async fn pool() -> (Pool, TestDb) {
    let db = TestDb::fresh().await;
    (db::connect(&db.url).await.unwrap(), db)
}

const NOW: i64 = 1_795_000_000;

/// One submission of a form guarded by `key`: claims it and, the first time, records what it "made".
async fn submit(pool: Pool, key: &str, made: String) -> (bool, String) {
    let mut tx = pool.begin_write().await.unwrap();
    let answer = match idempotency::claim(&mut tx, "test-form", key, NOW).await.unwrap() {
        Claim::Fresh => {
            idempotency::record(&mut tx, "test-form", key, &made).await.unwrap();
            (true, made)
        }
        Claim::Repeat(outcome) => (false, outcome),
    };
    tx.commit().await.unwrap();
    answer
}

#[tokio::test(flavor = "multi_thread")]
async fn twenty_simultaneous_submissions_of_one_form_do_the_work_once() {
    let (pool, _db) = pool().await;
    let submissions: Vec<_> =
        (0..20).map(|n| tokio::spawn(submit(pool.clone(), "key-1", format!("booking {n}")))).collect();
    let mut answers = Vec::new();
    for submission in submissions {
        answers.push(submission.await.unwrap());
    }
    let fresh: Vec<&String> = answers.iter().filter(|(fresh, _)| *fresh).map(|(_, made)| made).collect();
    assert_eq!(fresh.len(), 1, "exactly one submission does the work");
    assert!(answers.iter().all(|(_, outcome)| outcome == fresh[0]), "every repeat answers with its outcome");
    // Another form's key is its own.
    assert_eq!(submit(pool.clone(), "key-2", "booking 99".into()).await, (true, "booking 99".into()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_claim_rolled_back_with_its_work_leaves_the_key_free() {
    let (pool, _db) = pool().await;
    let mut tx = pool.begin_write().await.unwrap();
    assert_eq!(idempotency::claim(&mut tx, "test-form", "key-1", NOW).await.unwrap(), Claim::Fresh);
    drop(tx); // the work failed: nothing of it, the claim included, is kept
    assert_eq!(submit(pool, "key-1", "booking 1".into()).await, (true, "booking 1".into()));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rate_limit_counts_concurrent_hits_exactly_and_resets_with_its_window() {
    let (pool, _db) = pool().await;
    let limit = Limit { max_hits: 5, window_seconds: 60 };
    let hits: Vec<_> = (0..8)
        .map(|_| {
            let pool = pool.clone();
            tokio::spawn(async move { rate_limit::hit(&pool, "lookup:10.0.0.1", limit, NOW).await.unwrap() })
        })
        .collect();
    let mut verdicts = Vec::new();
    for hit in hits {
        verdicts.push(hit.await.unwrap());
    }
    let window_end = NOW - NOW % 60 + 60;
    assert_eq!(verdicts.iter().filter(|v| **v == Verdict::Allowed).count(), 5);
    assert!(verdicts.contains(&Verdict::Limited { retry_after_seconds: window_end - NOW }));
    // Someone else is counted apart; the next window starts afresh.
    assert_eq!(rate_limit::hit(&pool, "lookup:10.0.0.2", limit, NOW).await.unwrap(), Verdict::Allowed);
    assert_eq!(rate_limit::hit(&pool, "lookup:10.0.0.1", limit, window_end).await.unwrap(), Verdict::Allowed);

    guards::delete_expired(&pool, window_end).await.unwrap();
    let left: i64 = db::on_backend!(&pool, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM rate_limit_windows")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(left, 1, "only the window still running is kept");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_running_server_blanks_personal_data_thirty_days_after_the_booking() {
    let db = support::TestDb::fresh().await;
    let first = server::build(&support::config(&db)).await.unwrap();
    // The server's today is 25 November: 20 October is more than 30 days ago, 26 October is not.
    support::booked_in_store(&db.url, "hall-1", "2026-10-20", "09:00", 1).await;
    support::booked_in_store(&db.url, "hall-1", "2026-10-26", "09:00", 2).await;
    // A server starting sweeps at once, then every ten minutes.
    let _running = server::build(&support::config(&db)).await.unwrap();
    let kept = || async {
        server::db::on_backend!(&first.pool, |pool| sqlx::query_as::<_, (String, String, String)>(
            "SELECT day, id_number, phone FROM bookings ORDER BY day"
        )
        .fetch_all(pool)
        .await)
        .unwrap()
    };
    for _ in 0..100 {
        if kept().await[0].1.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let rows = kept().await;
    assert_eq!(rows[0], ("2026-10-20".into(), String::new(), String::new()), "blanked");
    assert_eq!(rows[1], ("2026-10-26".into(), "E00000002".into(), "13700000000".into()), "kept for now");
}
