//! The kiosk's pages and check-in through the real router, with the clock stopped at 2026-11-25 10:00.

use crate::support::{self, app, get, post, send};
use axum::http::{header, StatusCode};

/// A booking for `starts` today; its check-in code.
async fn booking_today(url: &str, place: &str, starts: &str, person: u32) -> String {
    support::booked_in_store(url, place, "2026-11-25", starts, person).await.check_in_code
}

const ORIGIN: Option<&str> = Some("http://127.0.0.1:3000");

#[tokio::test(flavor = "multi_thread")]
async fn check_in_at_the_kiosk_gives_a_position_or_says_why_not() {
    let (app, db) = app().await;
    let home = get(&app, "/kiosk/hall-1").await;
    assert_eq!(home.status, StatusCode::OK);
    assert!(home.body.contains("预约签到") && home.body.contains("河北区政务服务中心无人审批超市"));
    assert_eq!(home.headers[header::CACHE_CONTROL], "no-store");
    assert!(!home.body.contains(r#"href="/items""#), "no links that leave the kiosk");
    assert_eq!(get(&app, "/kiosk/nowhere").await.status, StatusCode::NOT_FOUND);
    // "Continue on your phone": the normal site's page, at the public address.
    assert!(home.body.contains("在自己的手机上继续") && home.body.contains("https://zsb.tjhb.example.cn/<"));
    let check_in_page = get(&app, "/kiosk/hall-1/check-in").await;
    assert!(check_in_page.body.contains("https://zsb.tjhb.example.cn/bookings<"));

    let now_code = booking_today(&db.url, "hall-1", "10:15", 1).await;
    let later_code = booking_today(&db.url, "hall-1", "11:30", 2).await;

    let done = send(&app, post("/kiosk/hall-1/check-in", ORIGIN, &format!("code={}", now_code.to_lowercase()))).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER);
    assert_eq!(done.headers[header::LOCATION], "/kiosk/hall-1/check-in?position=1");
    let shown = get(&app, "/kiosk/hall-1/check-in?position=1").await;
    assert!(shown.body.contains("签到成功！您是今天第 1 位签到的"));

    let wrong_place = send(&app, post("/kiosk/hall-2/check-in", ORIGIN, &format!("code={later_code}"))).await;
    assert_eq!(wrong_place.status, StatusCode::BAD_REQUEST);
    assert!(wrong_place.body.contains("这个预约不在本办理点，请到“河北区政务服务中心无人审批超市”签到"));
    let early = send(&app, post("/kiosk/hall-1/check-in", ORIGIN, &format!("code={later_code}"))).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert!(early.body.contains("还没到签到时间：11月25日 11:00 起可以签到"));
    let garbled = send(&app, post("/kiosk/hall-1/check-in", ORIGIN, "code=O0O0")).await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
    assert!(garbled.body.contains("签到码是8位字母和数字"));

    let board = get(&app, "/kiosk/hall-1/board").await;
    assert!(board.body.contains("今日预约情况 · 11月25日 星期三"));
    assert!(board.body.contains(r#"http-equiv="refresh" content="30""#), "the board reads itself again");
    assert!(board.body.contains("10:15–10:45") && board.body.contains("11:30–12:00"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_booking_started_at_a_kiosk_stays_in_the_kiosk_and_asks_for_no_name() {
    let (app, _db) = app().await;
    let choose = get(&app, "/kiosk/hall-1/book?topic=marriage").await;
    assert_eq!(choose.status, StatusCode::OK);
    assert!(choose.body.contains("结婚登记") && choose.body.contains(r#"name="kiosk" value="hall-1""#));
    let unknown_topic = get(&app, "/kiosk/hall-1/book?topic=lottery").await;
    assert_eq!(unknown_topic.status, StatusCode::BAD_REQUEST);
    assert!(unknown_topic.body.contains("没有这个主题分类"), "the refusal says why");

    let started = send(&app, post("/book/start", ORIGIN, "item=54&kiosk=hall-1")).await;
    assert_eq!(started.status, StatusCode::SEE_OTHER);
    assert_eq!(started.headers[header::LOCATION], "/book/day", "the place is the kiosk's own");
    let cookie = started.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let with_cookie = |uri: &str, body: &str| {
        let mut request = post(uri, ORIGIN, body);
        request.headers_mut().insert(header::COOKIE, cookie.parse().unwrap());
        request
    };
    send(&app, with_cookie("/book/day", "day=2026-11-26")).await;
    send(&app, with_cookie("/book/slot", "slot=09%3A00")).await;
    let who_page = send(
        &app,
        axum::http::Request::get("/book/who").header(header::COOKIE, &cookie).body(axum::body::Body::empty()).unwrap(),
    )
    .await;
    assert!(who_page.body.contains("结束并清除"), "the kiosk's frame, with its end button");
    assert!(!who_page.body.contains(r#"id="name""#), "no name to type at a kiosk");
    assert!(!who_page.body.contains(r#"href="/items""#), "no site links that leave the kiosk");
    let who =
        send(&app, with_cookie("/book/who", "id_type=resident_card&id_number=11010519491231002X&phone=13812345678"))
            .await;
    assert_eq!(who.headers[header::LOCATION], "/book/consent");
    send(&app, with_cookie("/book/consent", "agree=1")).await;
    let check = send(
        &app,
        axum::http::Request::get("/book/check")
            .header(header::COOKIE, &cookie)
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await;
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    let booked = send(&app, with_cookie("/book/confirm", &format!("key={key}"))).await;
    let location = booked.headers[header::LOCATION].to_str().unwrap().to_string();
    let confirmation = send(
        &app,
        axum::http::Request::get(&location).header(header::COOKIE, &cookie).body(axum::body::Body::empty()).unwrap(),
    )
    .await;
    assert!(confirmation.body.contains("预约成功") && confirmation.body.contains("结束并清除"), "the kiosk's frame");
    // The next person at this screen must not reach this booking: no way on but the QR code to one's own phone.
    for link in [r#"href="/items"#, "/reschedule", "/cancel", "calendar.ics"] {
        assert!(!confirmation.body.contains(link), "no {link} at a kiosk");
    }
    assert!(confirmation.body.contains(&format!("https://zsb.tjhb.example.cn{location}")), "the QR code's address");
}
