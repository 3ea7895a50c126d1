//! Requests an attacker or a broken client sends: each one answered, below 500, with nothing it carried put into
//! the page as markup and no redirect that leaves the site.

use crate::support::{self, app, get, post, send, Page};
use axum::http::{header, StatusCode};

const ORIGIN: Option<&str> = Some("http://127.0.0.1:3000");

fn answered_below_500(page: &Page, what: &str) {
    assert!(page.status.as_u16() < 500, "{what}: {} {}", page.status, &page.body[..page.body.len().min(200)]);
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn markup_in_a_search_query_stays_text_in_the_title_and_the_page() {
    let (app, _db) = app().await;
    let attack = r#"</title><meta http-equiv=refresh content="0;url=https://evil.example/">"#;
    let page = get(&app, &format!("/search?q={}", urlencode(attack))).await;
    answered_below_500(&page, "search");
    let head = page.body.split("</head>").next().unwrap();
    assert!(!head.contains("<meta http-equiv"), "no markup from the query in the head: {head}");
    assert!(!page.body.contains("https://evil.example/\">"), "the query is never markup");
    assert_eq!(page.body.matches("<title>").count(), 1, "one title");
    assert!(head.contains("&lt;/title&gt;"), "the query is shown as text in the title: {head}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_elder_switch_sends_back_only_to_this_sites_pages() {
    let (app, _db) = app().await;
    let cases = [
        // Browsers drop tabs and newlines from a URL, so these are "//evil.example": another host.
        ("%2F%09%2Fevil.example", "/"),
        ("%2F%0A%2Fevil.example", "/"),
        ("%2F%0D%0A%2Fevil.example", "/"),
        ("%2F%5Cevil.example", "/"),
        ("%2F%2Fevil.example", "/"),
        ("https%3A%2F%2Fevil.example%2F", "/"),
        ("%09https%3A%2F%2Fevil.example%2F", "/"),
        ("javascript%3Aalert(1)", "/"),
        // Our own pages, normalised.
        ("%2Fitems%3Fpage%3D2", "/items?page=2"),
        ("%2Fsearch%3Fq%3D%E7%A4%BE%E4%BF%9D", "/search?q=%E7%A4%BE%E4%BF%9D"),
        ("%2Fitems%2F..%2Fdepartments", "/departments"),
    ];
    for (back, expected) in cases {
        let answer = send(&app, post("/settings/elder", ORIGIN, &format!("on=1&back={back}"))).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER, "back={back}");
        assert_eq!(answer.headers[header::LOCATION], expected, "back={back}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_rejected_form_is_shown_again_whatever_its_path_and_fields_hold() {
    let (app, db) = app().await;
    for place in ["a%20b", "a%3Cb%3E", "%01", "a%7Cb%5E"] {
        let page = send(&app, post(&format!("/kiosk/{place}/check-in"), ORIGIN, "code=x")).await;
        answered_below_500(&page, place);
        assert_eq!(page.status, StatusCode::NOT_FOUND, "no kiosk at {place}");
    }
    // A place holding ? or # must not become another page of ours.
    for place in ["hall-1%3Fx", "hall-1%23x", "hall-1%2Fboard"] {
        let page = send(&app, post(&format!("/kiosk/{place}/check-in"), ORIGIN, "code=x")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{place} is no kiosk");
    }
    let token = support::booked_in_store(&db.url, "hall-1", "2026-11-26", "09:00", 1).await.token;
    for day in ["x%20y", "%3Cb%3E", "%0D%0A", "2026-11-27%26slot%3D09:00", "2026-11-27%23top"] {
        let page = send(&app, post(&format!("/bookings/{token}/reschedule"), ORIGIN, &format!("day={day}"))).await;
        answered_below_500(&page, day);
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "day={day}");
        assert!(page.body.contains("请选择一个时段"), "day={day}");
        assert!(!page.body.contains("<b>"), "day={day} stays text");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_kiosk_end_answers_whatever_the_place_holds() {
    let (app, _db) = app().await;
    for place in ["%01", "a%20b", "%0D%0ALocation:%20https://evil.example"] {
        let page = send(&app, post(&format!("/kiosk/{place}/end"), ORIGIN, "")).await;
        answered_below_500(&page, place);
        let location = page.headers.get(header::LOCATION).map(|l| l.to_str().unwrap().to_string());
        assert!(location.as_deref().is_none_or(|l| l.starts_with("/kiosk/")), "{place}: {location:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn oversized_arguments_are_refused_with_a_message() {
    let (app, _db) = app().await;
    // The kiosk's "continue on your phone" link of a page whose address is too long for a QR code.
    let long = get(&app, &format!("/kiosk/hall-1/book?topic={}", "a".repeat(2_400))).await;
    answered_below_500(&long, "a kiosk page with a long address");
    // A server function called from outside with an argument it cannot decode, longer than any error body.
    let query = send(&app, post("/api/search_items", ORIGIN, &format!("q[x]={}", "x".repeat(70_000)))).await;
    answered_below_500(&query, "search_items");
    assert_eq!(query.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn an_asset_name_too_long_for_the_file_system_is_not_found() {
    let (app, db) = app().await;
    let build = db.dir.path().join("site/pkg/build-1");
    std::fs::create_dir_all(&build).unwrap();
    std::fs::write(build.join("app.js"), "export {}").unwrap();
    let real = get(&app, "/pkg/build-1/app.js").await;
    assert_eq!(real.status, StatusCode::OK);
    assert_eq!(real.headers[header::CACHE_CONTROL], "public, max-age=31536000, immutable");
    for name in ["a".repeat(256), "a".repeat(300), format!("{}/x", "b".repeat(5_000))] {
        let page = get(&app, &format!("/pkg/{name}")).await;
        assert_eq!(page.status, StatusCode::NOT_FOUND, "{} bytes", name.len());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nul_byte_is_refused_before_it_reaches_the_database() {
    let (app, _db) = app().await;
    for page in [
        get(&app, "/kiosk/%00").await,
        get(&app, "/items?dept=%00").await,
        send(&app, post("/kiosk/a%00b/check-in", ORIGIN, "code=ABCD2345")).await,
    ] {
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", page.body);
        assert!(page.body.contains("不能处理的字符"));
    }
    // Encoded twice, it is decoded twice on the way to a page's parameter: ids are checked for shape first.
    for uri in ["/kiosk/%2500", "/departments/%2500", "/kiosk/%2500/board"] {
        assert_eq!(get(&app, uri).await.status, StatusCode::NOT_FOUND, "{uri}");
    }
    let again = send(&app, post("/kiosk/%2500/check-in", ORIGIN, "code=ABCD2345")).await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

/// What a browser asked for and could not have is still a page in Chinese, with the status: refused as
/// cross-site, a form axum cannot read, a calendar file of no booking, a method the address does not take.
#[tokio::test(flavor = "multi_thread")]
async fn a_browser_meets_every_refusal_as_a_chinese_page() {
    let (app, _db) = app().await;
    let as_browser = |mut request: axum::http::Request<axum::body::Body>| {
        request.headers_mut().insert(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8".parse().unwrap());
        request
    };
    let cross_site = post("/book/start", Some("https://evil.example"), "item=54");
    let unreadable = {
        let mut request = post("/book/who", None, "\u{0}");
        request.headers_mut().insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        request
    };
    let no_booking = axum::http::Request::get("/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/calendar.ics")
        .body(axum::body::Body::empty())
        .unwrap();
    let wrong_method = axum::http::Request::delete("/book/start").body(axum::body::Body::empty()).unwrap();
    for (request, status, words) in [
        (cross_site, StatusCode::FORBIDDEN, "跨站请求已被拒绝"),
        (unreadable, StatusCode::UNSUPPORTED_MEDIA_TYPE, "提交的内容无法处理"),
        (no_booking, StatusCode::NOT_FOUND, "没有这个预约"),
        (wrong_method, StatusCode::METHOD_NOT_ALLOWED, "这个地址不接受这样的请求"),
    ] {
        let uri = request.uri().to_string();
        let page = send(&app, as_browser(request)).await;
        assert_eq!(page.status, status, "{uri}");
        assert!(page.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/html"), "{uri}");
        assert!(page.body.contains(r#"<html lang="zh-CN">"#) && page.body.contains(words), "{uri}: {}", page.body);
        assert!(page.body.contains("12345"), "{uri}: the hotline is the way on");
    }
}
