//! Enforcement reporting through the real router and database: an admin issues the platform a key (shown once),
//! the platform pushes records with it, bad pushes are refused whole with what is wrong in Chinese, a record sent
//! again replaces itself, the standings and the enforcement table move, a closed month keeps the reporting it was
//! closed with, the key's limit holds, and a revoked key opens nothing. Dates checked against ones written by hand.

use crate::support::{config, get, send, staff_cookie, staff_form, Page, TestDb};
use app::rankings::publication::Month;
use app::rankings::reporting::Reporting;
use app::staff::model::Grant;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use serde_json::{json, Value};

const PUSH: &str = "/enforcement/v1/records";

fn push(key: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(PUSH).header(header::CONTENT_TYPE, "application/json");
    if let Some(key) = key {
        request = request.header(header::AUTHORIZATION, format!("Bearer {key}"));
    }
    request.body(Body::from(body.to_string())).unwrap()
}

async fn pushed(app: &Router, key: &str, records: Value) -> Page {
    let body = json!({ "format": "hebei-enforcement-feed/1", "records": records }).to_string();
    send(app, push(Some(key), &body)).await
}

fn record(id: &str, department: &str, kind: &str, act_date: &str, reported_at: &str) -> Value {
    json!({ "id": id, "department": department, "kind": kind, "act_date": act_date, "reported_at": reported_at })
}

fn answer(page: &Page) -> Value {
    serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("not JSON: {}", page.body))
}

/// The first message of a refusal.
fn message(page: &Page) -> String {
    answer(page)["errors"][0]["message"].as_str().unwrap().to_string()
}

/// The enforcement table's row of `department` on `/rankings`, as its cells' text.
async fn enforcement_row(app: &Router, department: &str) -> Option<Vec<String>> {
    let page = get(app, "/rankings").await;
    let table = page.body.split(r#"<table class="standings enforcement">"#).nth(1)?.split("</table>").next()?;
    let row = table.split("<tr>").find(|row| row.contains(department))?;
    let cells = row.split(['<', '>']).enumerate().filter(|(at, text)| at % 2 == 0 && !text.trim().is_empty());
    Some(cells.map(|(_, text)| text.trim().to_string()).collect())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_platform_pushes_records_with_its_key_and_the_standings_count_them() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let app = &instance.router;
    let admin = staff_cookie(&instance.services, "E1", vec![Grant::Admin]).await;

    // The admin issues the platform its key: shown on the answer, this once.
    let issued =
        send(app, staff_form("/staff/admin/keys", &admin, "name=区行政执法监督平台&scope=enforcement_feed")).await;
    assert_eq!(issued.status, StatusCode::OK, "{}", issued.body);
    let key = issued.body.split(r#"<code id="issued-key">"#).nth(1).unwrap().split('<').next().unwrap().to_string();
    assert!(key.starts_with("hbk_") && key.len() == 47, "{key}");
    let list =
        send(app, Request::get("/staff/admin/keys").header(header::COOKIE, &admin).body(Body::empty()).unwrap()).await;
    assert!(list.body.contains("区行政执法监督平台") && list.body.contains(&format!("{}…", &key[..10])));
    assert!(!list.body.contains(&key), "the whole key is never shown again");
    assert!(list.body.contains("从未使用"));
    let nameless = send(app, staff_form("/staff/admin/keys", &admin, "name=&scope=enforcement_feed")).await;
    assert_eq!(nameless.status, StatusCode::BAD_REQUEST);
    assert!(nameless.body.contains("请填写使用这个密钥的系统名称"));

    // No key, or one never issued: 401, in Chinese, and nothing read.
    let feed = json!({ "format": "hebei-enforcement-feed/1", "records": [] }).to_string();
    let without = send(app, push(None, &feed)).await;
    assert_eq!(without.status, StatusCode::UNAUTHORIZED);
    assert_eq!(without.headers[header::WWW_AUTHENTICATE], "Bearer");
    assert!(message(&without).contains("缺少有效的接口密钥"));
    let forged = format!("hbk_{}", "A".repeat(43));
    assert_eq!(send(app, push(Some(&forged), &feed)).await.status, StatusCode::UNAUTHORIZED);

    // Not JSON, or a feed with one wrong record: 400, saying what is wrong, and nothing stored.
    let garbled = send(app, push(Some(&key), "{\"format\": ")).await;
    assert_eq!(garbled.status, StatusCode::BAD_REQUEST);
    assert!(message(&garbled).contains("不是有效的执法记录 JSON"), "{}", garbled.body);
    let one_wrong = pushed(
        app,
        &key,
        json!([
            record("HB-1", "transport", "inspection", "2026-11-02", "2026-11-05T10:00:00+08:00"),
            record("HB-2", "transport", "inspection", "2026-11-20", "2026-11-19T10:00:00+08:00"),
        ]),
    )
    .await;
    assert_eq!(one_wrong.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        answer(&one_wrong)["errors"],
        json!([{ "record": 2, "id": "HB-2", "message": "act_date 晚于上报日期（北京时间）。" }])
    );
    assert_eq!(enforcement_row(app, "河北区交通运输局").await, None, "the right record was not stored either");

    // Transport's November: acts of Monday 2 November reported on the 5th, in time (due by 11 November 24:00);
    // one of Tuesday 20 October reported on 3 November, late (due by 29 October 24:00); and one of Friday
    // 13 November reported on Tuesday 24 November 23:59, the 7th working day: in time.
    let transport = json!([
        record("HB-1", "transport", "inspection", "2026-11-02", "2026-11-05T10:00:00+08:00"),
        record("HB-3", "transport", "investigation", "2026-11-02", "2026-11-05T10:00:00+08:00"),
        record("HB-4", "transport", "document_served", "2026-10-20", "2026-11-03T10:00:00+08:00"),
        record("HB-5", "transport", "enforcement", "2026-11-13", "2026-11-24T23:59:00+08:00"),
    ]);
    let done = pushed(app, &key, transport.clone()).await;
    assert_eq!(done.status, StatusCode::OK, "{}", done.body);
    assert_eq!(answer(&done), json!({ "added": 4, "replaced": 0, "unchanged": 0 }));
    let row = ["河北区交通运输局", "1", "1", "0", "1", "1", "4", "3", "75.0%"].map(String::from).to_vec();
    assert_eq!(enforcement_row(app, "河北区交通运输局").await, Some(row));

    // Sent again, nothing changes; the platform's correction of a record replaces it (HB-4 was in fact reported
    // on 28 October: in October, and in time).
    let again = pushed(app, &key, transport).await;
    assert_eq!(answer(&again), json!({ "added": 0, "replaced": 0, "unchanged": 4 }));
    let corrected = pushed(
        app,
        &key,
        json!([record("HB-4", "transport", "document_served", "2026-10-20", "2026-10-28T10:00:00+08:00")]),
    )
    .await;
    assert_eq!(answer(&corrected), json!({ "added": 0, "replaced": 1, "unchanged": 0 }));
    let row = ["河北区交通运输局", "1", "1", "0", "1", "0", "3", "3", "100.0%"].map(String::from).to_vec();
    assert_eq!(enforcement_row(app, "河北区交通运输局").await, Some(row));

    // October, closed by the admin, keeps the reporting it was closed with: a record of October arriving
    // afterwards does not move it.
    let closed = send(app, staff_form("/staff/rankings/close", &admin, "month=2026-10")).await;
    assert_eq!(closed.status, StatusCode::SEE_OTHER, "{}", closed.body);
    let october = Month::parse("2026-10").unwrap();
    let frozen = instance.services.rankings.frozen(october).await.unwrap().reporting;
    assert_eq!(frozen, [("transport".to_string(), Reporting { records: 1, timely: 1 })]);
    let late_arrival = pushed(
        app,
        &key,
        json!([record("HB-6", "transport", "inspection", "2026-10-09", "2026-10-30T09:00:00+08:00")]),
    )
    .await;
    assert_eq!(answer(&late_arrival)["added"], 1);
    let frozen_after = instance.services.rankings.frozen(october).await.unwrap().reporting;
    assert_eq!(frozen_after, frozen);
    // Its disclosure freshness too, as it stood on the day of closing: transport's list (reviewed 2018) stale, its
    // 14 items (reviewed in 2026) fresh; a review date changed since does not move it.
    let transport_freshness = |tallies: app::rankings::store::Tallies| {
        tallies.freshness.into_iter().find(|(department, _)| department == "transport").map(|(_, counted)| counted)
    };
    let fresh = Some(app::catalog::freshness::Freshness { entries: 15, fresh: 14 });
    assert_eq!(transport_freshness(instance.services.rankings.frozen(october).await.unwrap()), fresh);
    server::db::on_backend!(&instance.pool, |pool| {
        sqlx::query("UPDATE items SET reviewed_on = '2017-01-01'").execute(pool).await.map(drop)
    })
    .unwrap();
    assert_eq!(transport_freshness(instance.services.rankings.frozen(october).await.unwrap()), fresh);
    // The counts are public by month on the department's page, as received: October has both (HB-6's act of
    // Friday 9 October was due by 19 October 24:00 — Saturday 10 October a make-up workday — and came late).
    let history = get(app, "/rankings/departments/transport").await;
    let month_row = |label: &str| {
        let row = history.body.split(&format!("<th scope=\"row\">{label}</th>")).nth(1).unwrap();
        row.split("</tr>").next().unwrap().to_string()
    };
    assert!(month_row("11月").ends_with("<td>3条（按时3条）</td>"), "{}", month_row("11月"));
    assert!(month_row("10月").ends_with("<td>2条（按时1条）</td>"), "{}", month_row("10月"));
    assert!(month_row("9月").ends_with("<td>—</td>"));

    // The list says the key has been used.
    let list =
        send(app, Request::get("/staff/admin/keys").header(header::COOKIE, &admin).body(Body::empty()).unwrap()).await;
    assert!(!list.body.contains("从未使用"));

    // A push of more than the limit is refused whole.
    let too_many: Vec<Value> = (0..5_001)
        .map(|n| record(&format!("BIG-{n}"), "transport", "inspection", "2026-11-02", "2026-11-05T10:00:00+08:00"))
        .collect();
    let big = pushed(app, &key, Value::Array(too_many)).await;
    assert_eq!(big.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(message(&big).contains("一次最多推送5000条记录"));

    // Sixty pushes an hour: the key has made seven; the 61st is refused with when to try again.
    let empty = json!([]);
    for _ in 7..60 {
        assert_eq!(pushed(app, &key, empty.clone()).await.status, StatusCode::BAD_REQUEST, "counted, refused empty");
    }
    let limited = pushed(app, &key, empty).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(message(&limited).contains("推送太频繁了"));
    assert!(limited.headers.contains_key(header::RETRY_AFTER));

    // Revoked, the key opens nothing.
    let id = list.body.split("/staff/admin/keys/").nth(1).unwrap().split('/').next().unwrap().to_string();
    let revoked = send(app, staff_form(&format!("/staff/admin/keys/{id}/revoke"), &admin, "")).await;
    assert_eq!(revoked.status, StatusCode::SEE_OTHER);
    assert_eq!(send(app, push(Some(&key), &feed)).await.status, StatusCode::UNAUTHORIZED);
    let trail =
        send(app, Request::get("/staff/admin/audit").header(header::COOKIE, &admin).body(Body::empty()).unwrap()).await;
    assert!(trail.body.contains("签发接口密钥") && trail.body.contains("吊销接口密钥"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_year_of_records_loads_through_the_feeds_check_and_says_it_is_demo_data() {
    let db = TestDb::fresh().await;
    let mut settings = config(&db);
    settings.demo_history = true;
    let instance = server::build(&settings).await.unwrap();
    assert!(server::rankings::demo::is_loaded(&instance.pool).await.unwrap());
    let page = get(&instance.router, "/rankings").await;
    assert!(page.body.contains("演示数据"));
    // The generator's November up to the 24th: every department with powers has reported something.
    let table = page.body.split(r#"<table class="standings enforcement">"#).nth(1).unwrap();
    assert_eq!(table.split("</table>").next().unwrap().matches("<tr>").count(), 1 + 11, "a header and 11 rows");
    assert!(server::rankings::demo::remove(&instance.pool).await.unwrap() > 6_000);
    assert!(!server::rankings::demo::is_loaded(&instance.pool).await.unwrap());
}
