//! One standings change reaching many open pages: 1,000 and then 10,000 subscribers to `/live?topics=standings`
//! (what each open standings page and kiosk board holds), one change signalled, and how long until 99 % of them
//! have it; and what the open connections cost the server in memory. The server runs as its own process (the
//! release binary), so that its memory is its own and 10,000 connections fit within its file limit; the change
//! reaches it as one from another instance does, through PostgreSQL's NOTIFY.
//!
//! `cargo run --release -p server --example live_fanout -- postgres://…` (after `cargo build --release -p server`):
//! a fresh database is made on that server and dropped afterwards.

use anyhow::Context;
use server::live::{Change, Changes, Topic};
use sqlx::{Connection, Executor, PgConnection};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::sync::mpsc;

const SUBSCRIBERS: [usize; 2] = [1_000, 10_000];
/// Connections opened at once: more would overflow the listener's backlog and measure the kernel's retries.
const CONNECTING_AT_ONCE: usize = 256;
const DATABASE: &str = "palm_bench_live";

/// The server process's resident memory, in KiB.
fn resident_kib(child: &Child) -> anyhow::Result<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id()))?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:")).context("VmRSS")?;
    Ok(line.split_whitespace().nth(1).context("VmRSS's value")?.parse()?)
}

/// A subscriber: connects, says when its stream is open, and when the change arrives.
async fn subscribe(
    address: String,
    open: Arc<AtomicUsize>,
    heard: mpsc::UnboundedSender<Instant>,
) -> anyhow::Result<()> {
    let mut stream = TcpStream::connect(&address).await?;
    let request =
        format!("GET /live?topics=standings HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n");
    stream.write_all(request.as_bytes()).await?;
    let mut seen = Vec::new();
    let mut buffer = [0u8; 1024];
    let mut counted = false;
    loop {
        let read = stream.read(&mut buffer).await?;
        anyhow::ensure!(read > 0, "the server closed a subscriber's stream");
        seen.extend_from_slice(&buffer[..read]);
        if !counted && seen.windows(4).any(|w| w == b"\r\n\r\n") {
            counted = true;
            open.fetch_add(1, Ordering::SeqCst);
        }
        if seen.windows(18).any(|w| w == b"standings/district") {
            let _ = heard.send(Instant::now());
            // Held open until the round is over, as a page would be.
            std::future::pending::<()>().await;
        }
    }
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let postgres = std::env::args().nth(1).context("give a PostgreSQL server URL (postgres://…)")?;
    let mut admin = PgConnection::connect(&postgres).await?;
    admin.execute(format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)").as_str()).await?;
    admin.execute(format!("CREATE DATABASE {DATABASE}").as_str()).await?;
    let mut url = url::Url::parse(&postgres)?;
    url.set_path(DATABASE);

    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let port = std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let address = format!("127.0.0.1:{port}");
    let mut child = Command::new(root.join("target/release/server"))
        .env("DATABASE_URL", url.as_str())
        .env("LEPTOS_SITE_ADDR", &address)
        .env("PUBLIC_BASE_URL", format!("http://{address}"))
        .env("PALM_SITE_ROOT", root.join("target/site"))
        .env("PALM_HOUSEKEEPING", "0")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .context("target/release/server (cargo build --release -p server)")?;
    let client = reqwest::Client::new();
    let started = Instant::now();
    while client.get(format!("http://{address}/healthz")).send().await.map(|r| r.status().is_success()).ok()
        != Some(true)
    {
        anyhow::ensure!(started.elapsed() < Duration::from_secs(60), "the server did not start");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let pool = server::db::connect(url.as_str()).await?;
    let changes = Changes::start(&pool).await?;

    let mut outcome = Ok(());
    for count in SUBSCRIBERS {
        let before = resident_kib(&child)?;
        let open = Arc::new(AtomicUsize::new(0));
        let (heard, mut hearing) = mpsc::unbounded_channel();
        let mut subscribers = tokio::task::JoinSet::new();
        for at in 0..count {
            subscribers.spawn(subscribe(address.clone(), open.clone(), heard.clone()));
            // Let each batch connect before the next starts.
            while at + 1 - open.load(Ordering::SeqCst) >= CONNECTING_AT_ONCE {
                if let Some(Ok(Err(error))) = subscribers.try_join_next() {
                    return Err(error.context("a subscriber could not connect"));
                }
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        while open.load(Ordering::SeqCst) < count {
            if let Some(Ok(Err(error))) = subscribers.try_join_next() {
                outcome = Err(error);
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        if outcome.is_err() {
            break;
        }
        let during = resident_kib(&child)?;
        let sent = Instant::now();
        changes.publish(Change { topic: Topic::Standings, key: "district".into() }).await?;
        let mut took = Vec::with_capacity(count);
        while took.len() < count {
            match tokio::time::timeout(Duration::from_secs(30), hearing.recv()).await {
                Ok(Some(at)) => took.push(at.duration_since(sent)),
                _ => break,
            }
        }
        took.sort();
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let share = |q: f64| took.get(((count as f64 * q).ceil() as usize).saturating_sub(1)).copied().map(ms);
        println!(
            "{count} subscribers: {} heard the change; 99 % after {}, half after {}, the last after {}; \
             the server's memory {:.0} MiB before they connected, {:.0} MiB with them ({:.1} KiB each)",
            took.len(),
            share(0.99).map_or("—".into(), |v| format!("{v:.1} ms")),
            share(0.5).map_or("—".into(), |v| format!("{v:.1} ms")),
            took.last().map_or("—".into(), |d| format!("{:.1} ms", ms(*d))),
            before as f64 / 1024.0,
            during as f64 / 1024.0,
            (during.saturating_sub(before)) as f64 / count as f64,
        );
        subscribers.abort_all();
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
    let _ = child.kill();
    let _ = child.wait();
    pool.close().await;
    admin.execute(format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)").as_str()).await?;
    outcome
}
