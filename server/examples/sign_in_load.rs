//! What a staff sign-in costs, and what a burst of them does to residents' pages. First one argon2id verification
//! on this machine; then the home page's throughput and latency from 4 clients for 5 s, alone and again while 8
//! clients sign in as fast as they can (each sign-in a different enrolled account, password and TOTP code right,
//! through the real server over TCP).
//!
//! `cargo run --release -p server --example sign_in_load`

use app::clock::{beijing, Clock};
use app::staff::model::Grant;
use app::staff::secrets::{code_at, hash_password, new_totp_secret, verify_password};
use app::staff::store::{AuditEntry, NewAccount, NewEnrolment};
use axum_client_ip::ClientIpSource;
use server::config::Config;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const PASSWORD: &str = "海河边的春天来了真好看";
const ACCOUNTS: usize = 2_000;
const PAGE_CLIENTS: usize = 4;
const SIGN_IN_CLIENTS: usize = 8;
const PHASE: Duration = Duration::from_secs(5);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let stored = hash_password(PASSWORD);
    let mut took: Vec<f64> = (0..21)
        .map(|_| {
            let started = Instant::now();
            assert!(verify_password(PASSWORD, &stored));
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    took.sort_by(f64::total_cmp);
    println!("argon2id m=19456 KiB, t=2, p=1: one verification {:.1} ms (median of 21)", took[10]);

    let dir = tempfile::tempdir()?;
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00")?.with_timezone(&beijing());
    let config = Config {
        site_addr: "127.0.0.1:0".parse()?,
        database_url: format!("sqlite://{}/palm.db", dir.path().display()),
        public_base_url: "http://127.0.0.1".into(),
        site_root: dir.path().join("site"),
        clock: Clock::fixed(at),
        client_ip_source: ClientIpSource::ConnectInfo,
        development: false,
        demo_history: false,
        sms_gateway: None,
        housekeeping: true,
    };
    let instance = server::build(&config).await?;
    let secret = new_totp_secret();
    let services = instance.services.clone();
    for n in 0..ACCOUNTS {
        let number = format!("B{n:05}");
        let digest = format!("bench-{n}");
        let account = NewAccount {
            staff_number: number.clone(),
            name: "测试".into(),
            phone: "13900000000".into(),
            grants: vec![Grant::Dispatcher],
        };
        let audit = AuditEntry {
            at,
            account_id: 0,
            staff_number: "bench".into(),
            role: "admin".into(),
            action: "创建账号".into(),
            subject: number,
        };
        let enrolment = NewEnrolment { token_digest: digest.clone(), expires_at: at + chrono::Duration::hours(1) };
        services.staff.create_account(&account, &enrolment, &audit).await?.expect("a new number");
        services.staff.pending_secret(&digest, &secret).await?;
        services.staff.complete_enrolment(&digest, &stored, 0, &audit).await?;
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(server::serve(listener, instance.router, std::future::pending()));
    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build()?;

    let alone = pages(&client, &base).await?;
    println!("home page alone:             {alone}");
    let code = code_at(&secret, at).expect("a valid secret");
    let signing_in =
        Arc::new(SignIns { next: AtomicUsize::new(0), done: AtomicUsize::new(0), stop: AtomicBool::new(false) });
    let mut workers = Vec::new();
    for _ in 0..SIGN_IN_CLIENTS {
        let (client, base, code, signing_in) = (client.clone(), base.clone(), code.clone(), signing_in.clone());
        workers.push(tokio::spawn(async move { signing_in.run(&client, &base, &code).await }));
    }
    let started = Instant::now();
    let loaded = pages(&client, &base).await?;
    signing_in.stop.store(true, Ordering::Relaxed);
    for worker in workers {
        worker.await??;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!("home page during sign-ins:   {loaded}");
    println!(
        "sign-ins: {:.1} per second from {SIGN_IN_CLIENTS} clients ({} in {seconds:.1} s, every one accepted)",
        signing_in.done.load(Ordering::Relaxed) as f64 / seconds,
        signing_in.done.load(Ordering::Relaxed)
    );
    Ok(())
}

struct SignIns {
    next: AtomicUsize,
    done: AtomicUsize,
    stop: AtomicBool,
}

impl SignIns {
    /// Signs in one account after another until told to stop; any answer but the redirect to the desk fails.
    async fn run(&self, client: &reqwest::Client, base: &str, code: &str) -> anyhow::Result<()> {
        while !self.stop.load(Ordering::Relaxed) {
            let n = self.next.fetch_add(1, Ordering::Relaxed);
            anyhow::ensure!(n < ACCOUNTS, "ran out of accounts: raise ACCOUNTS");
            let password: String = PASSWORD.bytes().map(|b| format!("%{b:02X}")).collect();
            let answer = client
                .post(format!("{base}/staff/sign-in"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(format!("staff_number=B{n:05}&password={password}&code={code}"))
                .send()
                .await?;
            anyhow::ensure!(answer.status() == 303, "sign-in {n} answered {}", answer.status());
            self.done.fetch_add(1, Ordering::Relaxed);
        }
        Ok(())
    }
}

/// The home page from `PAGE_CLIENTS` clients for `PHASE`: requests per second, median and 99th-percentile ms.
async fn pages(client: &reqwest::Client, base: &str) -> anyhow::Result<String> {
    let until = Instant::now() + PHASE;
    let mut clients = Vec::new();
    for _ in 0..PAGE_CLIENTS {
        let (client, url) = (client.clone(), format!("{base}/"));
        clients.push(tokio::spawn(async move {
            let mut took = Vec::new();
            while Instant::now() < until {
                let started = Instant::now();
                let page = client.get(&url).send().await?;
                anyhow::ensure!(page.status() == 200, "home answered {}", page.status());
                page.bytes().await?;
                took.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            Ok(took)
        }));
    }
    let mut took = Vec::new();
    for client in clients {
        took.extend(client.await??);
    }
    took.sort_by(f64::total_cmp);
    Ok(format!(
        "{:>6.0} req/s   median {:>6.1} ms   p99 {:>6.1} ms",
        took.len() as f64 / PHASE.as_secs_f64(),
        took[took.len() / 2],
        took[took.len() * 99 / 100]
    ))
}
