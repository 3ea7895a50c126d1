//! `cargo xtask bench`: figures, not tests. Bundle bytes, search latency, SSR vs static throughput, Lighthouse LCP.

use crate::{assets, setup, sh};
use anyhow::{bail, Context, Result};
use std::{
    fs,
    io::{Read, Write},
    net::TcpStream,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::{Duration, Instant},
};

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
    sh::step("building the server (release)", sh::cargo(&["build", "--release", "-p", "server", "--bins", "--examples"]))?;

    sh::announce("browser bundle (what a phone downloads for the islands)");
    let mut totals = (0, 0, 0);
    for name in assets::BUNDLE {
        let bytes = fs::read(root.join(format!("target/site/pkg/{build_id}/{name}")))?;
        let (raw, gz, br) = (bytes.len(), assets::gzip(&bytes)?.len(), assets::brotli(&bytes)?.len());
        println!("{name:<14} raw {raw:>8} B   gzip {gz:>7} B   brotli {br:>7} B");
        totals = (totals.0 + raw, totals.1 + gz, totals.2 + br);
    }
    println!("{:<14} raw {:>8} B   gzip {:>7} B   brotli {:>7} B   (budget: 80 KB brotli)", "total", totals.0, totals.1, totals.2);

    sh::step("search latency over a fixed query set", {
        let mut c = Command::new(root.join("target/release/examples/search_latency"));
        c.current_dir(root);
        c
    })?;

    let server = TestServer::start(root, &root.join("target/release/server"), 3220)?;
    let base = server.base_url();
    // The same bytes as the SSR item page, as a static file served by the same server (its asset route).
    let item_html = http_get(&format!("{base}/items/1"))?;
    let static_dir = root.join(format!("target/site/pkg/{build_id}/bench"));
    fs::create_dir_all(&static_dir)?;
    fs::write(static_dir.join("item.html"), &item_html)?;
    fs::write(static_dir.join("one-line.html"), "<!DOCTYPE html><html lang=\"zh-CN\"><title>静态</title><p>河北区政务服务 掌上办</p></html>\n")?;

    sh::announce("HTML per page (what every visit downloads; brotli at quality 11)");
    for path in ["/", "/search?q=shbzk", "/items/1", "/items", "/departments/health"] {
        let html = http_get(&format!("{base}{path}"))?;
        println!("{path:<22} raw {:>7} B   brotli {:>6} B", html.len(), assets::brotli(&html)?.len());
    }

    sh::announce("throughput: server-rendered item page vs the same bytes as a static file (wrk, 2 threads, 32 connections, 10 s)");
    let ssr = wrk(&format!("{base}/items/1"))?;
    let stat = wrk(&format!("{base}/pkg/{build_id}/bench/item.html"))?;
    println!("SSR /items/1        {ssr:>10.0} req/s");
    println!("static same bytes   {stat:>10.0} req/s");
    println!("SSR / static        {:>10.2}   (aim ≥ 0.5)", ssr / stat);

    sh::announce("Lighthouse 12 mobile LCP (Debian Chromium), each against a one-line static page");
    let static_lcp = lcp(&lighthouse, &format!("{base}/pkg/{build_id}/bench/one-line.html"))?;
    println!("static one-line     {static_lcp:>8.0} ms");
    for (name, path) in [("home", "/"), ("search", "/search?q=shbzk"), ("item", "/items/1")] {
        let ms = lcp(&lighthouse, &format!("{base}{path}"))?;
        println!("{name:<19} {ms:>8.0} ms   ({:.2} × static; aim ≤ 1.25)", ms / static_lcp);
    }
    drop(server);
    Ok(())
}

fn wrk(url: &str) -> Result<f64> {
    let out = Command::new("wrk").args(["-t2", "-c32", "-d10s", url]).output().context("wrk")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        bail!("wrk saw errors on {url}:\n{text}");
    }
    text.lines()
        .find_map(|l| l.strip_prefix("Requests/sec:"))
        .and_then(|v| v.trim().parse().ok())
        .with_context(|| format!("no Requests/sec in wrk output:\n{text}"))
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
    report["audits"]["largest-contentful-paint"]["numericValue"]
        .as_f64()
        .with_context(|| format!("no LCP for {url}"))
}

/// The app's server on a fresh SQLite database in target/, stopped when dropped.
pub struct TestServer {
    child: Child,
    port: u16,
}

impl TestServer {
    pub fn start(root: &Path, binary: &Path, port: u16) -> Result<Self> {
        let dir: PathBuf = root.join(format!("target/test-server-{port}"));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir)?;
        let log = fs::File::create(dir.join("server.log"))?;
        sh::announce(&format!("starting the server on 127.0.0.1:{port} with a fresh database ({})", dir.display()));
        let child = Command::new(binary)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("PUBLIC_BASE_URL", format!("http://127.0.0.1:{port}"))
            .env("DATABASE_URL", format!("sqlite://{}/palm.db", dir.display()))
            .env("PALM_SITE_ROOT", root.join("target/site"))
            .env("RUST_LOG", "warn")
            .stdout(log.try_clone()?)
            .stderr(log)
            .stdin(Stdio::null())
            .spawn()
            .with_context(|| format!("could not start {}", binary.display()))?;
        let server = Self { child, port };
        let deadline = Instant::now() + Duration::from_secs(60);
        while http_get(&format!("{}/healthz", server.base_url())).is_err() {
            if Instant::now() > deadline {
                bail!("the server did not answer /healthz within 60 s; see {}/server.log", dir.display());
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(server)
    }

    pub fn base_url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.0 GET on loopback: enough for a health check and a page fetch, without an HTTP client crate.
pub fn http_get(url: &str) -> Result<Vec<u8>> {
    let rest = url.strip_prefix("http://").context("http only")?;
    let (host, path) = rest.split_once('/').map(|(h, p)| (h, format!("/{p}"))).unwrap_or((rest, "/".into()));
    let mut stream = TcpStream::connect(host)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n")?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response)?;
    let split = response.windows(4).position(|w| w == b"\r\n\r\n").context("no HTTP header")?;
    if !response.starts_with(b"HTTP/1.1 200") && !response.starts_with(b"HTTP/1.0 200") {
        bail!("{url}: {}", String::from_utf8_lossy(&response[..split.min(40)]));
    }
    Ok(response[split + 4..].to_vec())
}
