//! `cargo xtask bench`: figures, not tests. Bundle bytes, search latency, bookings per second, keep-alive latency,
//! SSR vs static throughput per page, Lighthouse LCP per page, staff sign-ins.

use crate::server_process::{http_get, TestServer};
use crate::{assets, setup, sh};
use anyhow::{bail, Context, Result};
use std::{fs, path::Path, process::Command};

pub fn bench(root: &Path) -> Result<()> {
    setup::build_tools(root)?;
    setup::browser_tools()?;
    if sh::version_of("wrk", "--version").is_none() && !Path::new("/usr/bin/wrk").exists() {
        setup::apt_install(&["wrk"])?;
    }
    let lighthouse = root.join("target/bench-tools/node_modules/.bin/lighthouse");
    if !lighthouse.exists() {
        let mut npm = Command::new("npm");
        npm.args(["install", "--no-audit", "--no-fund", "--prefix", "target/bench-tools", "lighthouse@12"]);
        sh::step("installing Lighthouse 12 (bench only)", npm)?;
    }
    let build_id = assets::build(root)?;
    sh::step(
        "building the server (release)",
        sh::cargo(&["build", "--release", "-p", "server", "--bins", "--examples"]),
    )?;

    sh::announce("browser bundle (what a phone downloads for the islands)");
    let mut totals = (0, 0, 0);
    for name in assets::BUNDLE {
        let bytes = fs::read(root.join(format!("target/site/pkg/{build_id}/{name}")))?;
        let (raw, gz, br) = (bytes.len(), assets::gzip(&bytes)?.len(), assets::brotli(&bytes)?.len());
        println!("{name:<14} raw {raw:>8} B   gzip {gz:>7} B   brotli {br:>7} B");
        totals = (totals.0 + raw, totals.1 + gz, totals.2 + br);
    }
    println!(
        "{:<14} raw {:>8} B   gzip {:>7} B   brotli {:>7} B   (budget: 80 KB brotli)",
        "total", totals.0, totals.1, totals.2
    );

    sh::step("search latency over a fixed query set", {
        let mut c = Command::new(root.join("target/release/examples/search_latency"));
        c.current_dir(root);
        c
    })?;

    let postgres = std::env::var("BENCH_DATABASE_URL").ok().filter(|url| url.starts_with("postgres"));
    let load = root.join("target/release/examples/booking_load");
    sh::step("bookings per second, 64 clients at once, SQLite", Command::new(&load))?;
    match &postgres {
        Some(url) => sh::step("bookings per second, 64 clients at once, PostgreSQL", {
            let mut c = Command::new(&load);
            c.arg(url);
            c
        })?,
        None => println!("bookings on PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://…)"),
    }

    let petitions = root.join("target/release/examples/petition_load");
    sh::step(
        "petitions: filings per second at 64 clients, and the queue and the standings with the demo history, SQLite",
        Command::new(&petitions),
    )?;
    match &postgres {
        Some(url) => sh::step("petitions: the same on PostgreSQL", {
            let mut c = Command::new(&petitions);
            c.arg(url);
            c
        })?,
        None => println!("petitions on PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://…)"),
    }
    match &postgres {
        Some(url) => sh::step("live: one standings change reaching 1,000 and 10,000 open pages, PostgreSQL", {
            let mut c = Command::new(root.join("target/release/examples/live_fanout"));
            c.arg(url);
            c
        })?,
        // The server runs as its own process and hears the change as another instance's: through NOTIFY.
        None => println!("live fan-out: skipped (it needs PostgreSQL: set BENCH_DATABASE_URL=postgres://…)"),
    }

    sh::step(
        "a staff sign-in (argon2id), and the home page alone and during a burst of sign-ins",
        Command::new(root.join("target/release/examples/sign_in_load")),
    )?;

    let server = TestServer::start(root, &root.join("target/release/server"), 3220)?;
    let base = server.base_url();
    let static_dir = root.join(format!("target/site/pkg/{build_id}/bench"));
    fs::create_dir_all(&static_dir)?;
    fs::write(
        static_dir.join("one-line.html"),
        "<!DOCTYPE html><html lang=\"zh-CN\"><title>静态</title><p>河北区政务服务 掌上办</p></html>\n",
    )?;

    sh::announce("HTML per page (what every visit downloads; brotli at quality 11)");
    for (_, path) in PAGES {
        let html = http_get(&format!("{base}{path}"))?;
        println!("{path:<22} raw {:>7} B   brotli {:>6} B", html.len(), assets::brotli(&html)?.len());
    }

    sh::announce("one keep-alive connection, a small static file 200 times (what each asset fetch costs)");
    let (median, p99) = keep_alive_latency(&base, &format!("/pkg/{build_id}/bench/one-line.html"), 200)?;
    println!("median {:>8.3} ms   p99 {:>8.3} ms   (a delayed-ACK stall would be ~40 ms)", median, p99);

    sh::announce("throughput: each page server-rendered vs its same bytes as a static file (wrk, keep-alive, 2 threads, 16 connections, 5 s)");
    let mut home = None;
    for (name, path) in PAGES {
        // The same bytes as the page, as a static file served by the same server (its asset route).
        fs::write(static_dir.join(format!("{name}.html")), http_get(&format!("{base}{path}"))?)?;
        let ssr = wrk(&format!("{base}{path}"))?;
        let stat = wrk(&format!("{base}/pkg/{build_id}/bench/{name}.html"))?;
        let home_ssr = *home.get_or_insert(ssr);
        println!(
            "{path:<16} SSR {ssr:>8.0} req/s   static {stat:>8.0} req/s   static ÷ SSR {:>5.2}   home ÷ this {:>5.2}",
            stat / ssr,
            home_ssr / ssr
        );
    }
    println!("(aim: the item page within 2× of home)");
    // The item page with PostgreSQL behind it, when there is one to use (it is seeded if empty).
    match &postgres {
        Some(url) => {
            let on_postgres =
                TestServer::start_on(root, &root.join("target/release/server"), 3221, Some(url), None, true)?;
            let sqlite = wrk(&format!("{base}/items/1"))?;
            let pg = wrk(&format!("{}/items/1", on_postgres.base_url()))?;
            println!("SSR /items/1, PostgreSQL {pg:>5.0} req/s   ({:.2} × SQLite)", pg / sqlite);
        }
        None => println!("SSR on PostgreSQL: skipped (set BENCH_DATABASE_URL=postgres://…)"),
    }

    sh::announce("Lighthouse 12 mobile LCP (Debian Chromium), medians of 3, each against a one-line static page");
    let static_lcp = median_lcp(&lighthouse, &format!("{base}/pkg/{build_id}/bench/one-line.html"))?;
    println!("static one-line     {static_lcp:>8.0} ms");
    for (name, path) in PAGES {
        let ms = median_lcp(&lighthouse, &format!("{base}{path}"))?;
        println!("{name:<19} {ms:>8.0} ms   ({:.2} × static; aim ≤ 1.25)", ms / static_lcp);
    }
    drop(server);
    Ok(())
}

/// The page kinds the figures are given for: (name, path).
const PAGES: [(&str, &str); 6] = [
    ("home", "/"),
    ("search", "/search?q=shbzk"),
    ("catalog", "/items"),
    ("item", "/items/1"),
    ("book", "/book"),
    ("kiosk", "/kiosk/hall-1"),
];

fn wrk(url: &str) -> Result<f64> {
    let out = Command::new("wrk").args(["-t2", "-c16", "-d5s", url]).output().context("wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        bail!("wrk saw errors on {url}:\n{text}");
    }
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no Requests/sec in wrk output:\n{text}"))
}

/// The median of three Lighthouse runs.
fn median_lcp(lighthouse: &Path, url: &str) -> Result<f64> {
    let mut runs = [lcp(lighthouse, url)?, lcp(lighthouse, url)?, lcp(lighthouse, url)?];
    runs.sort_by(f64::total_cmp);
    Ok(runs[1])
}

/// Median and 99th-percentile milliseconds of `count` GETs of `path`, one after another on one keep-alive
/// connection, as a browser fetches a page's assets.
fn keep_alive_latency(base: &str, path: &str, count: usize) -> Result<(f64, f64)> {
    use std::io::{BufRead, BufReader, Read, Write};
    let host = base.strip_prefix("http://").context("http only")?;
    let stream = std::net::TcpStream::connect(host)?;
    // As a browser does: each request in one write, sent at once (else this client's own Nagle wait is measured).
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    let request = format!("GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let mut took = Vec::with_capacity(count);
    for _ in 0..count {
        let started = std::time::Instant::now();
        writer.write_all(request.as_bytes())?;
        let mut length = 0;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line)?;
            if line == "\r\n" {
                break;
            }
            if let Some((name, value)) = line.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse()?;
                }
            }
        }
        reader.by_ref().take(length).read_to_end(&mut Vec::new())?;
        took.push(started.elapsed().as_secs_f64() * 1000.0);
    }
    took.sort_by(f64::total_cmp);
    Ok((took[count / 2], took[count * 99 / 100]))
}

/// Lighthouse's mobile LCP for `url`. A run that fails to record a trace (it happens) is retried twice.
fn lcp(lighthouse: &Path, url: &str) -> Result<f64> {
    let mut last_error = None;
    for _ in 0..3 {
        match lighthouse_once(lighthouse, url) {
            Ok(ms) => return Ok(ms),
            Err(e) => last_error = Some(e),
        }
    }
    Err(last_error.expect("three attempts"))
}

fn lighthouse_once(lighthouse: &Path, url: &str) -> Result<f64> {
    let out = Command::new(lighthouse)
        .args([
            url,
            "--quiet",
            "--output=json",
            "--only-categories=performance",
            "--form-factor=mobile",
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --no-first-run",
        ])
        .env("CHROME_PATH", "/usr/bin/chromium")
        .output()
        .context("lighthouse")?;
    let report: serde_json::Value = serde_json::from_slice(&out.stdout)
        .with_context(|| format!("lighthouse gave no report for {url}: {}", String::from_utf8_lossy(&out.stderr)))?;
    report["audits"]["largest-contentful-paint"]["numericValue"].as_f64().with_context(|| format!("no LCP for {url}"))
}
