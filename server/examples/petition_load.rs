//! What petitions cost. First, filings per second with 64 clients filing at once through the petition store:
//! each filing is the whole write transaction (the form's key, the day's next number, the petition, its first
//! milestone). Then, with the demo history loaded (about 30,000 petitions), the busiest department's queue page and
//! the dispatch desk as their staff open them, and the public standings with their figures kept and counted
//! again: latency over 200 requests each, through the real server over TCP.
//!
//! `cargo run --release -p server --example petition_load` (SQLite in a temporary file), or with a PostgreSQL
//! server URL as the argument (a fresh database is made on it and dropped afterwards).

use app::clock::{beijing, Clock};
use app::petitions::model::{Channel, NewPetition};
use app::petitions::tiers::Tier;
use app::staff::model::Grant;
use app::staff::store::{AuditEntry, NewAccount, NewEnrolment};
use axum_client_ip::ClientIpSource;
use server::config::Config;
use sqlx::{Connection, Executor, PgConnection};
use std::time::{Duration, Instant};

const CLIENTS: usize = 64;
const FILINGS_PER_CLIENT: usize = 40;
const PAGE_REQUESTS: usize = 200;

fn petition(n: usize) -> NewPetition {
    NewPetition {
        channel: Channel::Web,
        category: "noise".into(),
        tier: Tier::Ordinary,
        street: "月牙河".into(),
        community: "金海社区".into(),
        place_detail: String::new(),
        title: "夜间施工噪声".into(),
        body: format!("工地每晚十一点后还在施工，影响休息。第{n}件"),
        applicant_name: "测试".into(),
        phone: "13800000000".into(),
        public_wanted: false,
        anonymous: false,
        joins: None,
    }
}

/// A fresh database: a file in `dir`, or one made on the PostgreSQL server.
async fn fresh(postgres: Option<&str>, dir: &std::path::Path, name: &str) -> anyhow::Result<String> {
    Ok(match postgres {
        None => format!("sqlite://{}/{name}.db", dir.display()),
        Some(server) => {
            let mut admin = PgConnection::connect(server).await?;
            admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
            admin.execute(format!("CREATE DATABASE {name}").as_str()).await?;
            let mut url = url::Url::parse(server)?;
            url.set_path(name);
            url.to_string()
        }
    })
}

fn percentiles(mut took: Vec<Duration>) -> String {
    took.sort();
    let at = |q: f64| took[((took.len() as f64 * q) as usize).min(took.len() - 1)].as_secs_f64() * 1000.0;
    format!("p50 {:.1} ms, p99 {:.1} ms", at(0.5), at(0.99))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let postgres = std::env::args().nth(1);
    let label = if postgres.is_some() { "PostgreSQL" } else { "SQLite" };
    let dir = tempfile::tempdir()?;
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00")?.with_timezone(&beijing());
    let config = |url: String, demo_history| Config {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        database_url: url,
        public_base_url: "http://127.0.0.1".into(),
        site_root: dir.path().join("site"),
        clock: Clock::fixed(at),
        client_ip_source: ClientIpSource::ConnectInfo,
        development: false,
        demo_history,
        sms_gateway: None,
        housekeeping: true,
    };

    // Filings per second.
    let url = fresh(postgres.as_deref(), dir.path(), "palm_bench_filings").await?;
    let instance = server::build(&config(url, false)).await?;
    let store = instance.services.petitions.clone();
    let now = at.fixed_offset();
    let started = Instant::now();
    let clients: Vec<_> = (0..CLIENTS)
        .map(|client| {
            let store = store.clone();
            tokio::spawn(async move {
                let (mut took, mut errors) = (Vec::new(), 0);
                for i in 0..FILINGS_PER_CLIENT {
                    let n = client * FILINGS_PER_CLIENT + i;
                    let one = Instant::now();
                    match store.file(&petition(n), &format!("bench-{n}"), &|_| Vec::new(), now).await {
                        Ok(_) => took.push(one.elapsed()),
                        Err(_) => errors += 1,
                    }
                }
                (took, errors)
            })
        })
        .collect();
    let (mut took, mut errors) = (Vec::new(), 0);
    for client in clients {
        let (t, e) = client.await?;
        took.extend(t);
        errors += e;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{label:<10} {} filings by {CLIENTS} clients in {seconds:.2} s: {:.0} filings/s, {errors} errors; latency {}",
        took.len(),
        took.len() as f64 / seconds,
        percentiles(took)
    );
    anyhow::ensure!(errors == 0, "the load test saw {errors} errors");
    instance.pool.close().await;

    // The queue and the desk with the demo history.
    let url = fresh(postgres.as_deref(), dir.path(), "palm_bench_queue").await?;
    let loading = Instant::now();
    let instance = server::build(&config(url, true)).await?;
    println!("{label:<10} demo history loaded with the server in {:.1} s", loading.elapsed().as_secs_f64());
    let services = instance.services.clone();
    let audit = AuditEntry {
        at: now,
        account_id: 0,
        staff_number: "bench".into(),
        role: "admin".into(),
        action: "创建账号".into(),
        subject: "bench".into(),
    };
    let mut cookies = Vec::new();
    for (number, grant) in
        [("H0001", Grant::Handler { department: "urban-management".into() }), ("P0001", Grant::Dispatcher)]
    {
        let account = NewAccount {
            staff_number: number.into(),
            name: "测试".into(),
            phone: "13900000000".into(),
            grants: vec![grant],
        };
        let enrolment = NewEnrolment { token_digest: format!("unused-{number}"), expires_at: now };
        let id = services.staff.create_account(&account, &enrolment, &audit).await?.expect("a new number");
        let session = app::staff::secrets::new_token();
        services.staff.start_session(id, &app::random::digest(&session), None, now).await?;
        cookies.push(format!("palm_staff={session}"));
    }
    let changes = instance.changes.clone();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(server::serve(listener, instance.router, std::future::pending()));
    let client = reqwest::Client::new();
    // Each page, who asks, and what one of its rows starts with: the busiest queue, the dispatch desk, the year's
    // early warnings (counted from every petition each time), and a department's twelve months.
    let pages = [
        ("/staff/petitions/urban-management", cookies[0].as_str(), "class=\"queue-row\""),
        ("/staff/dispatch", cookies[1].as_str(), "class=\"queue-row\""),
        ("/staff/warnings", cookies[1].as_str(), "<li class=\"warning\">"),
        ("/rankings/departments/urban-management", "", "<th scope=\"row\">"),
    ];
    for (page, cookie, row) in pages {
        let mut took = Vec::new();
        let mut rows = 0;
        for _ in 0..PAGE_REQUESTS {
            let one = Instant::now();
            let answer = client.get(format!("{base}{page}")).header("cookie", cookie).send().await?;
            anyhow::ensure!(answer.status() == 200, "{page}: {}", answer.status());
            rows = answer.text().await?.matches(row).count();
            took.push(one.elapsed());
        }
        println!("{label:<10} {page} ({rows} rows) over {PAGE_REQUESTS} requests: {}", percentiles(took));
    }
    // The public standings: as most open pages read them (the month's figures kept), and right after a callback
    // (each request after a signal, heard first, so the figures are counted again).
    for after_a_callback in [false, true] {
        let mut took = Vec::new();
        let mut rows = 0;
        for _ in 0..PAGE_REQUESTS {
            if after_a_callback {
                let change = server::live::Change { topic: server::live::Topic::Standings, key: "district".into() };
                changes.publish(change).await?;
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            let one = Instant::now();
            let answer = client.get(format!("{base}/rankings")).send().await?;
            anyhow::ensure!(answer.status() == 200, "/rankings: {}", answer.status());
            // The standings table's rows, not the enforcement table's below it.
            let body = answer.text().await?;
            let standings = body.split("class=\"standings enforcement\"").next().unwrap_or_default();
            rows = standings.matches("<tr").count().saturating_sub(1);
            took.push(one.elapsed());
        }
        let when = if after_a_callback { "each after a callback" } else { "figures kept" };
        println!(
            "{label:<10} /rankings ({rows} departments ranked), {when}, over {PAGE_REQUESTS} requests: {}",
            percentiles(took)
        );
    }
    // The enforcement platform's push: a month of the district's records at once (5,000, the most a push takes),
    // then the same push again (every record unchanged).
    let key = format!("{}{}", app::staff::keys::PREFIX, app::random::url_safe(app::staff::keys::RANDOM_BYTES));
    let issued = app::staff::store::NewKey {
        name: "bench".into(),
        scope: app::staff::keys::KeyScope::EnforcementFeed,
        digest: app::random::digest(&key),
        hint: app::staff::keys::hint(&key),
    };
    services.staff.issue_key(&issued, &audit).await?;
    let records: Vec<serde_json::Value> = (0..app::rankings::reporting::PUSH_LIMIT)
        .map(|n| {
            serde_json::json!({
                "id": format!("BENCH-{n}"), "department": "market-regulation", "kind": "inspection",
                "act_date": "2026-11-16", "reported_at": "2026-11-18T10:00:00+08:00"
            })
        })
        .collect();
    let feed = serde_json::json!({ "format": app::rankings::reporting::FORMAT, "records": records }).to_string();
    for push in ["new", "sent again"] {
        let one = Instant::now();
        let answer = client
            .post(format!("{base}/enforcement/v1/records"))
            .header("authorization", format!("Bearer {key}"))
            .header("content-type", "application/json")
            .body(feed.clone())
            .send()
            .await?;
        anyhow::ensure!(answer.status() == 200, "push: {}", answer.status());
        let done = answer.text().await?;
        println!(
            "{label:<10} a push of {} records, {push}: {:.0} ms ({done})",
            app::rankings::reporting::PUSH_LIMIT,
            one.elapsed().as_secs_f64() * 1000.0
        );
    }
    if let Some(server) = postgres {
        let mut admin = PgConnection::connect(&server).await?;
        for name in ["palm_bench_filings", "palm_bench_queue"] {
            admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await?;
        }
    }
    Ok(())
}
