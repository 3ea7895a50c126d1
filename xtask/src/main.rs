//! `cargo xtask …`: the project's two front doors (run, test) and its tooling. Each step installs what is
//! missing, skips what is already there, and says what it does.

mod assets;
mod bench;
mod gen_calendar;
mod gen_card_font;
mod gen_data;
mod gen_demo;
mod gen_enforcement;
mod postgres;
mod server_process;
mod setup;
mod sh;

use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    std::env::set_current_dir(&root)?;
    setup::extend_path(&root);
    match args.first().map(String::as_str) {
        Some("run") => run(&root),
        Some("test") => test(&root),
        Some("bench") => bench::bench(&root),
        Some("build") => {
            setup::build_tools(&root)?;
            assets::build(&root)?;
            Ok(())
        }
        Some("gen-data") => {
            for (path, text) in
                [("server/seed/catalog.json", gen_data::render()), ("app/src/calendar/days.tsv", gen_calendar::render())]
            {
                std::fs::write(root.join(path), text)?;
                println!("wrote {path}");
            }
            let categories = std::fs::read_to_string(root.join("app/src/categories.tsv"))?;
            let demo = gen_demo::render(&categories, &gen_data::generate());
            std::fs::write(root.join("server/seed/demo_petitions.tsv"), demo)?;
            println!("wrote server/seed/demo_petitions.tsv");
            std::fs::write(root.join("server/seed/demo_enforcement.json"), gen_enforcement::render())?;
            println!("wrote server/seed/demo_enforcement.json");
            Ok(())
        }
        Some("gen-card-font") => gen_card_font::run(&root),
        _ => bail!(
            "usage: cargo xtask <command>\n  run       install what is missing, build, serve on http://127.0.0.1:3000\n  \
             test      the same set-up plus Chromium, then every test (unit, server, browser)\n  \
             bench     bundle size, search latency, SSR vs static throughput, Lighthouse LCP\n  \
             build     the browser bundle and site assets only\n  gen-data  rewrite server/seed/catalog.json, demo_petitions.tsv, demo_enforcement.json and app/src/calendar/days.tsv\n  \
             gen-card-font  rewrite server/assets/card-font.otf (the share cards' characters)"
        ),
    }
}

fn run(root: &Path) -> Result<()> {
    setup::build_tools(root)?;
    assets::build(root)?;
    sh::step("building the server (release)", sh::cargo(&["build", "--release", "-p", "server"]))?;
    sh::announce("starting the server on http://127.0.0.1:3000 (LEPTOS_SITE_ADDR and DATABASE_URL override)");
    let mut server = std::process::Command::new(root.join("target/release/server"));
    // A developer's machine: texts are not sent but kept, and readable at /dev/outbox.
    if std::env::var_os("PALM_DEVELOPMENT").is_none() {
        sh::announce("texts to phones are kept, not sent: read them at /dev/outbox (PALM_DEVELOPMENT=1)");
        server.env("PALM_DEVELOPMENT", "1");
    }
    // The embedded database gets the demo petition history on its first start (every page then says 演示数据).
    if std::env::var_os("DATABASE_URL").is_none() && std::env::var_os("PALM_DEMO_HISTORY").is_none() {
        server.env("PALM_DEMO_HISTORY", "1");
    }
    sh::exec(server)
}

fn test(root: &Path) -> Result<()> {
    setup::build_tools(root)?;
    setup::browser_tools()?;
    assets::build(root)?;
    // One invocation for app and server, so both build against the same dependency features as the server. It
    // also builds target/debug/server, with the same features, for the browser tests below: a separate `cargo
    // build` would resolve features without the dev-dependencies and build the server a second time.
    // No examples: the benchmark's example is built in release by `cargo xtask bench`.
    let tests = ["test", "-p", "app", "-p", "server", "--features", "app/ssr", "--lib", "--tests"];
    let mut on_sqlite = sh::cargo(&tests);
    on_sqlite.env_remove(POSTGRES_VAR);
    sh::step("unit tests (domain rules, search, data integrity) and server tests on SQLite", on_sqlite)?;
    match std::env::var(POSTGRES_VAR).ok().filter(|url| !url.is_empty()) {
        Some(url) => {
            // The same tests again (the same build, so nothing is rebuilt); the server's now each take a fresh
            // database on that server, dropped afterwards. Tests that mean something only on PostgreSQL (several
            // instances) are #[ignore]d on SQLite and run here.
            let mut on_postgres = sh::cargo(&[&tests[..], &["--", "--include-ignored"]].concat());
            on_postgres.env(POSTGRES_VAR, url).env("PALM_TEST_RUN", run_id());
            sh::step(
                "the same tests with the server and storage tests on PostgreSQL (TEST_DATABASE_URL)",
                on_postgres,
            )?;
        }
        None if is_ci() => bail!(
            "CI=true but {POSTGRES_VAR} is not set: CI must run the server tests on PostgreSQL too (.ci/run sets it)"
        ),
        None => sh::announce(
            "SKIPPED: server and storage tests on PostgreSQL (set TEST_DATABASE_URL=postgres://… to run them; \
             .ci/run always does)",
        ),
    }
    sh::step("unit tests: xtask", sh::cargo(&["test", "-p", "xtask"]))?;
    // The browser tests' clock is stopped on a Wednesday morning, so every run sees the same days and slots.
    // Further processes on the same database stand at later times (`E2E_LATER_SERVERS`). Each project gets its
    // own database and servers, on ports the system finds free, so no project sees another's bookings and no
    // leftover server can answer in their place.
    let binary = root.join("target/debug/server");
    let mut playwright = std::process::Command::new(root.join("node_modules/.bin/playwright"));
    playwright.args(["test", "--config", "e2e/playwright.config.ts"]);
    let mut servers = Vec::new();
    for project in E2E_PROJECTS {
        let morning = server_process::TestServer::start_on(root, &binary, free_port()?, None, Some(E2E_MORNING), true)?;
        let name = project.to_uppercase().replace('-', "_");
        // The database too: the staff spec makes its first admin with the server's own command, as an operator would.
        playwright
            .env(format!("BASE_URL_{name}"), morning.base_url())
            .env(format!("DATABASE_URL_{name}"), morning.database_url());
        for (variable, at) in E2E_LATER_SERVERS {
            // Days ahead of the others on its database, its chores would expire their sessions: it does none.
            let tidies = variable == "LATER_URL";
            let later = server_process::TestServer::start_on(
                root,
                &binary,
                free_port()?,
                Some(morning.database_url()),
                Some(at),
                tidies,
            )?;
            playwright.env(format!("{variable}_{name}"), later.base_url());
            servers.push(later);
        }
        servers.push(morning);
    }
    // Two instances on a PostgreSQL database of their own, for the spec of several instances in browsers.
    let postgres = match std::env::var(POSTGRES_VAR).ok().filter(|url| !url.is_empty()) {
        Some(url) => Some(postgres::E2eDatabase::create(&url, &run_id())?),
        None => {
            sh::announce("SKIPPED: browser tests on two instances over PostgreSQL (set TEST_DATABASE_URL to run them)");
            None
        }
    };
    if let Some(database) = &postgres {
        let url = Some(database.url.as_str());
        let a = server_process::TestServer::start_on(root, &binary, free_port()?, url, Some(E2E_MORNING), true)?;
        let b = server_process::TestServer::start_on(root, &binary, free_port()?, url, Some(E2E_MORNING), false)?;
        playwright
            .env("PG_BASE_URL", a.base_url())
            .env("PG_PEER_URL", b.base_url())
            .env("PG_DATABASE_URL", &database.url);
        servers.extend([a, b]);
    }
    let result = sh::step("browser tests: Playwright on Debian Chromium (phone and kiosk, JS on and off)", playwright);
    // The servers first: a database is dropped only once nobody is connected (or by force).
    drop(servers);
    drop(postgres);
    result
}

/// The Playwright projects (e2e/playwright.config.ts), each with servers of its own.
const E2E_PROJECTS: [&str; 4] = ["phone", "phone-nojs", "kiosk", "kiosk-nojs"];

/// A port nothing listens on now, chosen by the system.
fn free_port() -> Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

const E2E_MORNING: &str = "2026-11-25T08:00:00+08:00";
/// Servers on each project's database at later times, and the variable that gives the specs each one's address:
/// 45 minutes later, where bookings made at 08:00 check in; the next month, where November is closed; and after
/// its appeal window (1–8 December), where it is published.
const E2E_LATER_SERVERS: [(&str, &str); 3] = [
    ("LATER_URL", "2026-11-25T08:45:00+08:00"),
    ("DECEMBER_URL", "2026-12-01T09:00:00+08:00"),
    ("PUBLICATION_URL", "2026-12-09T09:00:00+08:00"),
];

/// Points the server tests at a PostgreSQL server whose role may create databases.
const POSTGRES_VAR: &str = "TEST_DATABASE_URL";

/// This run's id, which its PostgreSQL test databases are named with: the start second and this process's id, in
/// digits.
fn run_id() -> String {
    let since_epoch = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    format!("{}{}", since_epoch.as_secs(), std::process::id())
}

/// CI says so (`CI=true`); there nothing may be skipped.
fn is_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| value == "true")
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf()
}
