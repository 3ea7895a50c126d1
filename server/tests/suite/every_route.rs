//! Tests over every route the server has (`server::routes::registry`), so a new route is covered the day it is
//! added: generated hostile requests, cross-site posts, the CSP nonce, and no personal data in any page.

use crate::support::{self, app, fill, Page};
use axum::{
    body::Body,
    http::{header, Method, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use rand::{rngs::StdRng, Rng, SeedableRng};
use server::routes::{registry, Kind, Route};
use tower::ServiceExt;

const HOST: &str = "127.0.0.1:3000";
const ORIGIN: &str = "http://127.0.0.1:3000";
/// Generated values carry this tag as markup; an HTML answer must never contain it raw.
const PROBE: &str = "<x-probe";

/// A booking made through the forms by 张三丰, with the session that made it (its cookie) and its token.
pub(crate) struct Booked {
    pub cookie: String,
    pub token: String,
}

pub(crate) const NAME: &str = "张三丰";
pub(crate) const ID_NUMBER: &str = "11010519491231002X";
pub(crate) const PHONE: &str = "13812345678";

pub(crate) use support::encode;

async fn send_with(app: &Router, request: Request<Body>) -> Page {
    support::send(app, request).await
}

pub(crate) fn form_post(uri: &str, cookie: Option<&str>, body: String) -> Request<Body> {
    let mut request = Request::post(uri)
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body)).unwrap()
}

pub(crate) fn get_with(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(uri);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

pub(crate) async fn book(app: &Router) -> Booked {
    let started = send_with(app, form_post("/book/start", None, "item=54".into())).await;
    let cookie = started.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let who = format!("name={}&id_type=resident_card&id_number={ID_NUMBER}&phone={PHONE}", encode(NAME));
    for (uri, body) in [
        ("/book/place", "place=hall-1".to_string()),
        ("/book/day", "day=2026-11-26".into()),
        ("/book/slot", "slot=09%3A00".into()),
        ("/book/who", who),
        ("/book/consent", "agree=1".into()),
    ] {
        let answer = send_with(app, form_post(uri, Some(&cookie), body)).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "{uri}: {}", answer.body);
    }
    let check = send_with(app, get_with("/book/check", Some(&cookie))).await;
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    let done = send_with(app, form_post("/book/confirm", Some(&cookie), format!("key={key}"))).await;
    let location = done.headers[header::LOCATION].to_str().unwrap();
    Booked { cookie, token: location.trim_start_matches("/bookings/").to_string() }
}

/// A value each path parameter takes when the page is meant to be found.
fn valid(param: &str, booked: &Booked) -> String {
    match param {
        "id" => "54".into(),
        "token" => booked.token.clone(),
        "place" => "hall-1".into(),
        "file" => "no-such-build/app.js".into(),
        "number" => "A0001".into(),
        "department" => "civil-affairs".into(),
        "month" => "2026-10".into(),
        "document" => "requests.json".into(),
        "service" => "noise.xml".into(),
        "request" => "2026112500001.xml".into(),
        "kind" => "items".into(),
        other => panic!("a new path parameter {{{other}}}: give it a valid value here"),
    }
}

/// Requests from a fixed seed, so a failure comes back on the next run.
struct Generator(StdRng);

impl Generator {
    fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn value(&mut self, booked: &Booked) -> String {
        let ordinary = [
            "",
            " ",
            "0",
            "-1",
            "1",
            "54",
            "99999999999999999999",
            "abc",
            "2026-11-26",
            "2026-11-29",
            "2026-02-30",
            "2099-01-01",
            "09:00",
            "09:00/wait",
            "25:99",
            "hall-1",
            "community-006",
            "resident_card",
            "passport",
            "marriage",
            "unmanned",
            ID_NUMBER,
            PHONE,
            "ABCD2345",
            "1",
            "on",
            "true",
            "null",
            "[]",
            "{}",
            "社会保障卡",
            "shbzk",
            "😀",
            "ｆｕｌｌ",
            "../..",
            "%",
            "%00",
            "%zz",
            "\\",
            "/",
            "//evil.example",
            "/\t/evil.example",
            "javascript:alert(1)",
            "\u{0}",
            "\u{1}",
            "\r\n",
            "\u{202e}",
            "\u{feff}",
        ];
        let markup = [
            "<x-probe>",
            "\"><x-probe a=1>",
            "'><x-probe>",
            "</title><x-probe>",
            "</textarea><x-probe>",
            "<x-probe onload=alert(1)>",
            "]]><x-probe>",
            "--><x-probe>",
        ];
        match self.below(10) {
            0..=4 => self.pick(&ordinary).to_string(),
            5 | 6 => self.pick(&markup).to_string(),
            7 => booked.token.clone(),
            8 => format!("{}{}", self.pick(&ordinary), self.pick(&markup)),
            _ => {
                let units = ["a", "社", "<x-probe>", "%", "\u{1}"];
                let unit = units[self.below(units.len())];
                unit.repeat([300, 3_000, 30_000][self.below(3)])
            }
        }
    }

    /// Fields the app's forms, queries and server functions take, and some they do not.
    fn fields(&mut self, booked: &Booked) -> String {
        let names = [
            "item",
            "kiosk",
            "place",
            "street",
            "day",
            "slot",
            "name",
            "id_type",
            "id_number",
            "phone",
            "on_behalf",
            "agree",
            "key",
            "code",
            "on",
            "back",
            "q",
            "page",
            "topic",
            "dept",
            "channel",
            "position",
            "path",
            "place_id",
            "token",
            "id",
            "query",
            "query[q]",
            "query[channel]",
            "query[page]",
            "query[topic]",
            "ticked",
            "ticked[]",
            "topics",
            "unknown",
            "",
        ];
        (0..self.below(6))
            .map(|_| {
                let name = *self.pick(&names);
                format!("{}={}", encode(name), encode(&self.value(booked)))
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// What went wrong with one generated request.
fn judge(method: &Method, uri: &str, status: StatusCode, content_type: &str, body: &str) -> Option<String> {
    let short = |s: &str| s.chars().take(160).collect::<String>();
    if status.is_server_error() {
        return Some(format!("{method} {} → {status}: {}", short(uri), short(body)));
    }
    if content_type.starts_with("text/html") && body.contains(PROBE) {
        let at = body.find(PROBE).unwrap();
        let around = &body[body.floor_char_boundary(at.saturating_sub(80))..body.ceil_char_boundary(at + 40)];
        return Some(format!("{method} {} → markup reflected raw: …{around}…", short(uri)));
    }
    None
}

#[tokio::test(flavor = "multi_thread")]
async fn generated_requests_to_every_route_are_answered_below_500_and_reflect_no_markup() {
    let (app, _db) = app().await;
    let booked = book(&app).await;
    // A session half-way through the questions, so handlers past the first checks are reached too.
    let drafting = send_with(&app, form_post("/book/start", None, "item=54&kiosk=hall-1".into())).await;
    let drafting = drafting.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let sessions = [None, Some(booked.cookie.clone()), Some(drafting)];

    let mut generator = Generator(StdRng::seed_from_u64(0x5EED_2026_1129));
    let (mut sent, mut failures) = (0, Vec::new());
    let routes = registry();
    for route in &routes {
        for _ in 0..40 {
            let path = fill(route, |param| match generator.below(3) {
                0 => valid(param, &booked),
                _ => encode(&generator.value(&booked)),
            });
            let query = generator.fields(&booked);
            let uri = if query.is_empty() || route.method == Method::POST { path } else { format!("{path}?{query}") };
            let cookie = generator.pick(&sessions).clone();
            let mut request = Request::builder().method(route.method.clone()).uri(&uri).header(header::HOST, HOST);
            if let Some(cookie) = &cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let request = if route.method == Method::POST {
                let (content_type, body) = match generator.below(6) {
                    0 => ("application/json", format!("{{\"q\":{:?},\"query\":{{}}}}", generator.value(&booked))),
                    1 => ("text/plain", generator.value(&booked)),
                    _ => ("application/x-www-form-urlencoded", generator.fields(&booked)),
                };
                request.header(header::ORIGIN, ORIGIN).header(header::CONTENT_TYPE, content_type).body(Body::from(body))
            } else {
                request.body(Body::empty())
            };
            let Ok(request) = request else { continue };
            sent += 1;
            let (app, stream) = (app.clone(), route.kind == Kind::Stream);
            // In a task of its own, so a panic is reported with its request instead of ending the test.
            let answer = tokio::spawn(async move {
                let response = app.oneshot(request).await.unwrap();
                let status = response.status();
                let content_type = response.headers().get(header::CONTENT_TYPE).cloned();
                // A stream never ends: its status and headers are the answer.
                let body =
                    if stream { Vec::new() } else { response.into_body().collect().await.unwrap().to_bytes().to_vec() };
                (status, content_type, body)
            })
            .await;
            match answer {
                Ok((status, content_type, body)) => {
                    let content_type =
                        content_type.and_then(|v| v.to_str().ok().map(str::to_owned)).unwrap_or_default();
                    let body = String::from_utf8_lossy(&body);
                    failures.extend(judge(&route.method, &uri, status, &content_type, &body));
                }
                Err(e) => failures.push(format!("{} {} → no answer: {e}", route.method, &uri[..uri.len().min(160)])),
            }
        }
    }
    assert!(sent >= 2_000, "only {sent} requests over {} routes", routes.len());
    assert!(failures.is_empty(), "{} of {sent} requests failed:\n{}", failures.len(), failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn every_state_changing_route_refuses_a_cross_site_request() {
    let (app, _db) = app().await;
    let refusals: [&[(&str, &str)]; 4] = [
        &[("origin", "https://evil.example")],
        &[("origin", "null")],
        &[("sec-fetch-site", "same-site"), ("origin", "https://sub.127.0.0.1:3000")],
        &[("sec-fetch-site", "cross-site")],
    ];
    let posts: Vec<Route> = registry().into_iter().filter(|r| r.method != Method::GET).collect();
    assert!(posts.iter().any(|r| r.kind == Kind::Form) && posts.iter().any(|r| r.kind == Kind::ServerFunction));
    for route in posts {
        let uri = fill(&route, |_| "x".into());
        for headers in refusals {
            let mut request = Request::builder()
                .method(route.method.clone())
                .uri(&uri)
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
            for (name, value) in headers {
                request = request.header(*name, *value);
            }
            let answer = send_with(&app, request.body(Body::from("on=1")).unwrap()).await;
            assert_eq!(answer.status, StatusCode::FORBIDDEN, "{} {uri} with {headers:?}", route.method);
            assert!(answer.body.contains("跨站请求已被拒绝"));
            assert!(!answer.headers.contains_key(header::SET_COOKIE), "{uri}: nothing stored");
        }
    }
}

/// The CSP header's nonce, after checking the page's every nonce is it.
fn nonce_matches(page: &Page, what: &str) {
    let csp = page.headers.get(header::CONTENT_SECURITY_POLICY).unwrap_or_else(|| panic!("{what}: no CSP"));
    let csp = csp.to_str().unwrap();
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    let nonce = csp.split("'nonce-").nth(1).unwrap_or_else(|| panic!("{what}: no nonce in {csp}")).split('\'').next();
    for used in page.body.split("nonce=\"").skip(1).map(|rest| rest.split('"').next()) {
        assert_eq!(used, nonce, "{what}: an element's nonce is not the header's");
    }
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff", "{what}");
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY", "{what}");
}

#[tokio::test(flavor = "multi_thread")]
async fn every_page_and_every_way_a_page_is_answered_carries_the_csp_nonce() {
    let (app, _db) = app().await;
    let booked = book(&app).await;
    let pages: Vec<Route> = registry().into_iter().filter(|r| r.kind == Kind::Page).collect();
    for route in &pages {
        for cookie in [None, Some(booked.cookie.as_str())] {
            let uri = fill(route, |param| valid(param, &booked));
            let page = send_with(&app, get_with(&uri, cookie)).await;
            assert!(page.status.as_u16() < 500, "{uri}: {}", page.status);
            if page.status.is_success() {
                assert!(page.body.contains("<html lang=\"zh-CN\""), "{uri} is a whole page");
                nonce_matches(&page, &uri);
            }
        }
    }
    // A form answered with its page again (400), an unknown page (404), a kiosk page with its islands.
    let again = send_with(&app, form_post("/kiosk/hall-1/check-in", None, "code=x".into())).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    nonce_matches(&again, "a form's page again");
    let missing = send_with(&app, get_with("/no/such/page", None)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    nonce_matches(&missing, "404");
    let kiosk = send_with(&app, get_with("/kiosk/hall-1", None)).await;
    assert!(kiosk.body.contains("nonce=\""), "the kiosk's islands load with the nonce");
    nonce_matches(&kiosk, "kiosk");
}

#[tokio::test(flavor = "multi_thread")]
async fn no_page_shows_the_applicants_id_number_phone_or_full_name() {
    let (app, _db) = app().await;
    let booked = book(&app).await;
    // Also the session that found its bookings by phone and code.
    let booking = send_with(&app, get_with(&format!("/bookings/{}", booked.token), None)).await;
    let code = booking.body.split(r#"class="check-in-code">"#).nth(1).unwrap()[..8].to_string();
    let lookup = send_with(&app, form_post("/bookings/lookup", None, format!("phone={PHONE}&code={code}"))).await;
    let looked_up = lookup.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();

    let mut shown = 0;
    for route in registry().into_iter().filter(|r| matches!(r.kind, Kind::Page | Kind::Fragment | Kind::Download)) {
        for cookie in [None, Some(booked.cookie.as_str()), Some(looked_up.as_str())] {
            let uri = fill(&route, |param| valid(param, &booked));
            let page = send_with(&app, get_with(&uri, cookie)).await;
            for secret in [ID_NUMBER, PHONE, NAME, "19491231"] {
                assert!(!page.body.contains(secret), "{uri} shows {secret}");
            }
            shown += usize::from(page.body.contains("张**"));
        }
    }
    assert!(shown >= 2, "the masked name is shown where the person needs it ({shown} pages)");
}

#[tokio::test(flavor = "multi_thread")]
async fn ending_at_a_kiosk_tells_the_browser_to_forget() {
    let (app, _db) = app().await;
    let started = send_with(&app, form_post("/book/start", None, "item=54&kiosk=hall-1".into())).await;
    let cookie = started.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let end = send_with(&app, form_post("/kiosk/hall-1/end", Some(&cookie), String::new())).await;
    assert_eq!(end.status, StatusCode::SEE_OTHER);
    assert_eq!(end.headers[header::LOCATION], "/kiosk/hall-1");
    let forget = end.headers["clear-site-data"].to_str().unwrap();
    assert!(forget.contains("\"storage\"") && forget.contains("\"cache\""), "{forget}");
    // The session is gone: the draft's question sends back to the start.
    let after = send_with(&app, get_with("/book/day", Some(&cookie))).await;
    assert_eq!(after.headers[header::LOCATION], "/book");
}

#[tokio::test(flavor = "multi_thread")]
async fn only_public_server_functions_answer_a_caller_from_outside() {
    let (app, _db) = app().await;
    let functions: Vec<Route> = registry().into_iter().filter(|r| r.kind == Kind::ServerFunction).collect();
    assert!(functions.len() > server::routes::PUBLIC_SERVER_FUNCTIONS.len(), "the others are registered too");
    for function in functions {
        let answer = send_with(&app, form_post(&function.path, None, "q=shbzk".into())).await;
        if server::routes::PUBLIC_SERVER_FUNCTIONS.contains(&function.path.as_str()) {
            assert_eq!(answer.status, StatusCode::OK, "{} is public", function.path);
        } else if function.path.starts_with(server::routes::STAFF_SERVER_FUNCTIONS) {
            // 401, or 400 when the arguments are not its own (they are decoded before the function can check).
            let refused = [StatusCode::UNAUTHORIZED, StatusCode::BAD_REQUEST];
            assert!(refused.contains(&answer.status), "{} is for staff signed in: {}", function.path, answer.status);
        } else {
            assert_eq!(answer.status, StatusCode::NOT_FOUND, "{} feeds server rendering only", function.path);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn nothing_is_kept_in_a_browsers_cache_unless_its_route_is_public() {
    let (app, db) = app().await;
    let build = db.dir.path().join("site/pkg/build-1");
    std::fs::create_dir_all(&build).unwrap();
    std::fs::write(build.join("app.js"), "export {}").unwrap();
    let booked = book(&app).await;
    let routes = registry();
    for pattern in server::routes::PUBLIC_PAGES {
        assert!(routes.iter().any(|r| r.path == *pattern && r.method == Method::GET), "{pattern} is a route");
    }
    for route in routes.iter().filter(|r| r.method == Method::GET && r.kind != Kind::Stream) {
        let uri = match route.kind {
            Kind::Asset => "/pkg/build-1/app.js".to_string(),
            _ => fill(route, |param| valid(param, &booked)),
        };
        let answer = send_with(&app, get_with(&uri, Some(&booked.cookie))).await;
        let cache = answer.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap().to_string());
        let expected = match route.kind {
            Kind::Asset => "public, max-age=31536000, immutable",
            _ if server::routes::PUBLIC_PAGES.contains(&route.path.as_str()) => "no-cache",
            _ => "no-store",
        };
        assert_eq!(cache.as_deref(), Some(expected), "{uri} ({})", answer.status);
    }
    let missing = send_with(&app, get_with("/pkg/build-2/app.js", None)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(missing.headers[header::CACHE_CONTROL], "no-store", "a file not there yet is not kept");
}
