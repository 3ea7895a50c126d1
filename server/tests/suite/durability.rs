//! Nothing acknowledged is lost: the real server binary is killed (SIGKILL, no goodbye) in the middle of 500
//! concurrent filings, and started again on the same database. Every filing that was answered with a tracking
//! number is there, whole; no number is used twice; and sending each form again with its key answers with the
//! number it already has, so that every key ends with exactly one petition. On the backend under test.

use crate::support::{config, staff_cookie, TestDb};
use app::staff::model::Grant;
use reqwest::{header, Client};
use std::collections::{HashMap, HashSet};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const FILINGS: usize = 500;

/// The server binary on `database_url`, its clock stopped where the test's staff session was made.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    async fn start(database_url: &str, site: &std::path::Path) -> Self {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(env!("CARGO_BIN_EXE_server"))
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("PUBLIC_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("DATABASE_URL", database_url)
            .env("PALM_SITE_ROOT", site)
            .env("PALM_FIXED_TIME", "2026-11-25T10:00:00+08:00")
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("the server binary starts");
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while Client::new().get(format!("{base}/healthz")).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(60), "the server answers within a minute");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Self { child, base }
    }

    fn kill(mut self) {
        self.child.kill().unwrap(); // SIGKILL
        self.child.wait().unwrap();
    }
}

/// Files the phone-in form with `key`; the tracking number it was answered with, if it was.
async fn file(client: &Client, base: &str, cookie: &str, key: &str) -> Option<String> {
    let form = [
        ("key", key),
        ("category", "noise"),
        ("tier", ""),
        ("community", "月牙河/金海社区"),
        ("place_detail", "5号楼"),
        ("title", "夜间施工噪声"),
        ("body", "工地每晚十一点后还在施工，影响休息。"),
        ("name", "李四"),
        ("phone", "13912345678"),
    ];
    let answer = client
        .post(format!("{base}/staff/dispatch/phone-in"))
        .header(header::ORIGIN, base)
        .header(header::COOKIE, cookie)
        .form(&form)
        .send()
        .await
        .ok()?;
    let body = answer.text().await.ok()?;
    let number = body.split(r#"<code id="phoned-in-number">"#).nth(1)?.split('<').next()?;
    Some(number.to_string())
}

#[tokio::test(flavor = "multi_thread")]
async fn a_server_killed_mid_filing_loses_no_acknowledged_petition_and_repeats_no_number() {
    let db = TestDb::fresh().await;
    // The schema, and a dispatcher's session, made by an instance in this process.
    let instance = server::build(&config(&db)).await.unwrap();
    let cookie = staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await;
    drop(instance);

    let site = db.dir.path().join("site");
    let server = Server::start(&db.url, &site).await;
    let client = Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let (answered, mut answers) = tokio::sync::mpsc::unbounded_channel();
    let filings: Vec<_> = (0..FILINGS)
        .map(|n| {
            let (client, base, cookie, answered) =
                (client.clone(), server.base.clone(), cookie.clone(), answered.clone());
            tokio::spawn(async move {
                let key = format!("durable-{n}");
                if let Some(number) = file(&client, &base, &cookie, &key).await {
                    let _ = answered.send((key, number));
                }
            })
        })
        .collect();
    drop(answered);
    // Killed once a fifth has been answered: the rest are in flight, queued, or not yet sent.
    let mut acknowledged: HashMap<String, String> = HashMap::new();
    while acknowledged.len() < FILINGS / 5 {
        let (key, number) = answers.recv().await.expect("filings are answered before the kill");
        acknowledged.insert(key, number);
    }
    server.kill();
    for filing in filings {
        filing.await.unwrap();
    }
    while let Ok((key, number)) = answers.try_recv() {
        acknowledged.insert(key, number);
    }
    let numbers: HashSet<&String> = acknowledged.values().collect();
    assert_eq!(numbers.len(), acknowledged.len(), "no number was given twice");
    assert!(acknowledged.len() < FILINGS, "killed while filings were still going on");
    eprintln!("{} of {FILINGS} filings were answered before the kill", acknowledged.len());

    let server = Server::start(&db.url, &site).await;
    let instance = server::build(&config(&db)).await.unwrap();
    let now = instance.services.site.clock.now();
    for (key, number) in &acknowledged {
        let petition = instance.services.petitions.by_tracking_number(number, now).await.unwrap();
        let petition = petition.unwrap_or_else(|| panic!("{key}'s acknowledged {number} is lost"));
        assert_eq!(petition.filed.title, "夜间施工噪声", "whole");
        let history = instance.services.petitions.history(petition.id).await.unwrap();
        assert_eq!(history.iter().map(|m| m.action.as_str()).collect::<Vec<_>>(), ["file"], "with its milestone");
    }
    // Every form sent again with its key: an acknowledged one answers with its number; every key ends with one.
    // Sixteen at a time, each tried again after a busy answer (a 503 while the pool is taken), as a client would.
    let mut again = tokio::task::JoinSet::new();
    let gate = std::sync::Arc::new(tokio::sync::Semaphore::new(16));
    for n in 0..FILINGS {
        let (client, base, cookie, gate) = (client.clone(), server.base.clone(), cookie.clone(), gate.clone());
        again.spawn(async move {
            let _turn = gate.acquire().await.unwrap();
            let key = format!("durable-{n}");
            for _ in 0..20 {
                if let Some(number) = file(&client, &base, &cookie, &key).await {
                    return (key, number);
                }
                tokio::time::sleep(Duration::from_millis(250)).await;
            }
            panic!("{key} was not answered after the restart");
        });
    }
    let mut after: HashMap<String, String> = HashMap::new();
    while let Some(answer) = again.join_next().await {
        let (key, number) = answer.unwrap();
        if let Some(before) = acknowledged.get(&key) {
            assert_eq!(&number, before, "{key} answers with the number it was given");
        }
        after.insert(key, number);
    }
    let distinct: HashSet<&String> = after.values().collect();
    assert_eq!(distinct.len(), FILINGS, "one petition per key, none twice");
    let filed = instance.services.petitions.unrouted(now).await.unwrap();
    assert_eq!(filed.len(), FILINGS, "and nothing else: no half-stored or extra petition");
    server.kill();
}
