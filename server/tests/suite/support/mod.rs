//! What every server test shares: a fresh database on the backend under test, a configuration, and a way to send
//! requests. `TEST_DATABASE_URL=postgres://…` runs the tests on PostgreSQL, each in a database of its own that is
//! dropped afterwards; without it they run on SQLite, each in a temporary file. Tests run on the multi-threaded
//! runtime (see `TestDb`'s `Drop`).

use app::clock::{beijing, Clock};
use axum::{
    body::Body,
    http::{header, HeaderMap, Request, StatusCode},
    Router,
};
use axum_client_ip::ClientIpSource;
use http_body_util::BodyExt;
use server::config::Config;
use sqlx::{Connection, Executor, PgConnection};
use std::sync::atomic::{AtomicU32, Ordering};
use tower::ServiceExt;

pub struct TestDb {
    pub url: String,
    pub dir: tempfile::TempDir,
    /// The server URL and name of a PostgreSQL database to drop at the end.
    postgres: Option<(String, String)>,
}

/// The PostgreSQL server to test on, if any.
pub fn postgres_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL").ok().filter(|url| !url.is_empty())
}

impl TestDb {
    pub async fn fresh() -> Self {
        let dir = tempfile::tempdir().unwrap();
        match postgres_url() {
            None => Self { url: format!("sqlite://{}/palm.db", dir.path().display()), dir, postgres: None },
            Some(server) => {
                static NEXT: AtomicU32 = AtomicU32::new(0);
                let n = NEXT.fetch_add(1, Ordering::Relaxed);
                let name = format!("palm_test_{}_{}_{n}", test_run(), std::process::id());
                let mut admin = PgConnection::connect(&server).await.expect("TEST_DATABASE_URL is reachable");
                sweep_leftovers(&mut admin).await;
                admin.execute(format!("CREATE DATABASE {name}").as_str()).await.unwrap();
                let mut url = url::Url::parse(&server).unwrap();
                url.set_path(&name);
                Self { url: url.to_string(), dir, postgres: Some((server, name)) }
            }
        }
    }
}

/// The test run this process belongs to (`cargo xtask test` sets one per run; digits only). Databases are named
/// with it, so a run cleans up only after itself, never under another run on the same server.
fn test_run() -> String {
    std::env::var("PALM_TEST_RUN").ok().filter(|run| run.bytes().all(|b| b.is_ascii_digit())).unwrap_or("0".into())
}

/// Drops the databases of this run's test processes that died before cleaning up (once per process).
async fn sweep_leftovers(admin: &mut PgConnection) {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if SWEPT.swap(true, Ordering::SeqCst) {
        return;
    }
    let pattern = format!("palm\\_test\\_{}\\_%", test_run());
    let names: Vec<String> = sqlx::query_scalar("SELECT datname FROM pg_database WHERE datname LIKE $1")
        .bind(pattern)
        .fetch_all(&mut *admin)
        .await
        .unwrap();
    for name in names {
        let pid = name.split('_').nth(3).unwrap_or_default();
        if !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = admin.execute(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str()).await;
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((server, name)) = self.postgres.take() else { return };
        // Drop runs inside the test's runtime, which cannot block on itself: use a runtime of our own. The test's
        // runtime must have other threads (`flavor = "multi_thread"`) to finish any connection it has half opened,
        // or the DROP waits for that connection's authentication to time out.
        std::thread::spawn(move || {
            tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap().block_on(async {
                let mut admin = PgConnection::connect(&server).await.unwrap();
                // FORCE: the instance under test may still hold connections. It cannot end one that is still
                // authenticating (a listener reconnecting, say): that fails at once, so try again shortly.
                let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
                for attempt in 1.. {
                    match admin.execute(drop.as_str()).await {
                        Ok(_) => break,
                        Err(e) if attempt < 20 => {
                            eprintln!("dropping {name}, attempt {attempt}: {e}");
                            tokio::time::sleep(std::time::Duration::from_millis(250)).await;
                        }
                        Err(e) => panic!("cannot drop {name}: {e}"),
                    }
                }
            })
        })
        .join()
        .unwrap();
    }
}

/// A server configuration on `database_url`, with its site root in `dir`, the public address fixed and the
/// clock stopped at 2026-11-25 10:00 Beijing time.
pub fn config(db: &TestDb) -> Config {
    Config {
        site_addr: "127.0.0.1:0".parse().unwrap(),
        database_url: db.url.clone(),
        public_base_url: "https://zsb.tjhb.example.cn".into(),
        // Behind a proxy, as in production: requests say where they come from (and oneshot has no socket).
        client_ip_source: ClientIpSource::RightmostXForwardedFor,
        site_root: db.dir.path().join("site"),
        development: true,
        demo_history: false,
        sms_gateway: None,
        housekeeping: true,
        clock: Clock::fixed(
            chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap().with_timezone(&beijing()),
        ),
    }
}

/// A server on a fresh database.
pub async fn app() -> (Router, TestDb) {
    let db = TestDb::fresh().await;
    (server::build(&config(&db)).await.unwrap().router, db)
}

pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
}

pub async fn send(app: &Router, request: Request<Body>) -> Page {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    Page { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() }
}

pub async fn get(app: &Router, uri: &str) -> Page {
    send(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A same-origin form post, as a browser sends it.
pub fn post(uri: &str, origin: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(origin) = origin {
        request = request.header(header::ORIGIN, origin);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// A staff member's same-origin form post, from a browser that takes HTML.
pub fn staff_form(uri: &str, cookie: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::ACCEPT, "text/html")
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_string()))
        .unwrap()
}

/// Every session record as the store keeps it (MessagePack, where strings are plain UTF-8), as text.
pub async fn stored_sessions(url: &str) -> Vec<String> {
    let pool = server::db::connect(url).await.unwrap();
    let rows: Vec<Vec<u8>> = match &pool {
        server::db::Backend::Sqlite(pool) => {
            sqlx::query_scalar("SELECT data FROM tower_sessions").fetch_all(pool).await.unwrap()
        }
        server::db::Backend::Postgres(pool) => {
            sqlx::query_scalar("SELECT data FROM tower_sessions.session").fetch_all(pool).await.unwrap()
        }
    };
    rows.iter().map(|data| String::from_utf8_lossy(data).into_owned()).collect()
}

/// A booking made straight in the store (the pages would refuse a slot this close, or in the past), for
/// `person` (a passport number of its own) at `place` on `day` at `starts`, booked at 08:00 on 25 November.
pub async fn booked_in_store(
    url: &str,
    place: &str,
    day: &str,
    starts: &str,
    person: u32,
) -> app::booking::model::Booking {
    use app::booking::model::{Applicant, BookingRequest, SlotRef};
    use app::booking::store::BookingStore;
    let pool = server::db::connect(url).await.unwrap();
    let changes = server::live::Changes::start(&pool).await.unwrap();
    let store = server::booking::SqlBookings::new(pool, changes);
    let request = BookingRequest {
        item: 54,
        slot: SlotRef {
            place_id: place.into(),
            day: day.parse().unwrap(),
            starts: chrono::NaiveTime::parse_from_str(starts, "%H:%M").unwrap(),
        },
        applicant: Applicant {
            name: "赵六".into(),
            id_type: app::personal::IdType::Passport,
            id_number: format!("E{person:08}"),
            phone: "13700000000".into(),
            on_behalf: false,
        },
        wait_if_full: false,
    };
    let at = chrono::DateTime::parse_from_rfc3339("2026-11-25T08:00:00+08:00").unwrap();
    store.book(&request, 10, &format!("direct-{person}"), at).await.unwrap().unwrap()
}

/// An account holding `grants`, made straight in the store (as an admin's form would); its id.
pub async fn staff_account(
    services: &app::services::Services,
    number: &str,
    grants: Vec<app::staff::model::Grant>,
) -> i64 {
    staff_account_reached_at(services, number, "13900000000", grants).await
}

/// The same, with a phone of its own (for the texts it gets).
pub async fn staff_account_reached_at(
    services: &app::services::Services,
    number: &str,
    phone: &str,
    grants: Vec<app::staff::model::Grant>,
) -> i64 {
    use app::staff::store::{AuditEntry, NewAccount, NewEnrolment};
    let now = services.site.clock.now();
    let name = format!("职员{number}");
    let account = NewAccount { staff_number: number.into(), name, phone: phone.into(), grants };
    let enrolment = NewEnrolment { token_digest: format!("unused-{number}"), expires_at: now };
    let audit = AuditEntry {
        at: now,
        account_id: 0,
        staff_number: "test".into(),
        role: "admin".into(),
        action: "创建账号".into(),
        subject: number.into(),
    };
    services.staff.create_account(&account, &enrolment, &audit).await.unwrap().unwrap()
}

/// A new session of account `id`, as if its holder had just signed in: the cookie their browser would send.
pub async fn staff_session(services: &app::services::Services, id: i64) -> String {
    let session = app::staff::secrets::new_token();
    let now = services.site.clock.now();
    services.staff.start_session(id, &app::random::digest(&session), None, now).await.unwrap();
    format!("palm_staff={session}")
}

/// A member of staff holding `grants`, signed in (the sign-in itself is tested in `staff.rs`): their cookie.
pub async fn staff_cookie(
    services: &app::services::Services,
    number: &str,
    grants: Vec<app::staff::model::Grant>,
) -> String {
    let id = staff_account(services, number, grants).await;
    staff_session(services, id).await
}

/// `route`'s path with each `{param}` (or `{*param}`) replaced by `value(param)`.
pub fn fill(route: &server::routes::Route, mut value: impl FnMut(&str) -> String) -> String {
    route
        .path
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(param) => value(param.trim_start_matches('*')),
            None => segment.to_string(),
        })
        .collect::<Vec<_>>()
        .join("/")
}

const ORIGIN: &str = "http://127.0.0.1:3000";

/// One browser: its cookie, and the address the proxy in front reports for it.
pub struct Visitor {
    app: Router,
    pub cookie: Option<String>,
    address: &'static str,
}

impl Visitor {
    pub fn new(app: Router) -> Self {
        Self::at(app, "203.0.113.7")
    }

    pub fn at(app: Router, address: &'static str) -> Self {
        Self { app, cookie: None, address }
    }

    pub async fn request(&mut self, request: axum::http::request::Builder, body: Body) -> Page {
        // As a browser navigates: it asks for a page.
        let request = request
            .header("x-forwarded-for", format!("198.51.100.1, {}", self.address))
            .header(header::ACCEPT, "text/html,application/xhtml+xml");
        let request = match &self.cookie {
            Some(cookie) => request.header(header::COOKIE, cookie),
            None => request,
        };
        let page = send(&self.app, request.body(body).unwrap()).await;
        if let Some(set) = page.headers.get(header::SET_COOKIE) {
            self.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_string());
        }
        page
    }

    pub async fn get(&mut self, uri: &str) -> Page {
        self.request(Request::get(uri), Body::empty()).await
    }

    pub async fn post(&mut self, uri: &str, form: &str) -> Page {
        let request = Request::post(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        self.request(request, Body::from(form.to_string())).await
    }

    /// A form with files (`multipart/form-data`): (field, file name, bytes) each.
    pub async fn upload(&mut self, uri: &str, files: &[(&str, &str, Vec<u8>)]) -> Page {
        const BOUNDARY: &str = "palm-test-boundary-7f3a";
        let mut body = Vec::new();
        for (field, name, bytes) in files {
            let head = format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            );
            body.extend(head.as_bytes());
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
        let request = Request::post(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={BOUNDARY}"));
        self.request(request, Body::from(body)).await
    }
}

pub fn goes_to(page: &Page, path: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", &page.body[..page.body.len().min(300)]);
    assert_eq!(page.headers[header::LOCATION], path);
}

pub fn encode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
