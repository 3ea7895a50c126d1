//! The staff report of stale disclosure through the router: the district's service office reads every department,
//! the stalest first; a department head reads their own; an item left unreviewed for over a year is named.

use crate::support::{config, send, staff_cookie, TestDb};
use app::staff::model::Grant;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

fn page(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

/// The report's rows, each as its cells' text (the badge's words included).
fn rows(body: &str) -> Vec<Vec<String>> {
    let table = body.split(r#"<table class="staleness">"#).nth(1).unwrap().split("</table>").next().unwrap();
    let body = table.split("<tbody>").nth(1).unwrap();
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split("</td>")
                .map(|cell| cell.split(['<', '>']).enumerate().filter(|(at, _)| at % 2 == 0).map(|(_, t)| t).collect())
                .map(|cell: String| cell.trim().to_string())
                .filter(|cell| !cell.is_empty())
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_service_office_reads_every_departments_stale_entries_and_a_head_their_own() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let app = &instance.router;
    // Item 54 last reviewed on 1 January 2025: 693 days ago, stale.
    server::db::on_backend!(&instance.pool, |pool| {
        sqlx::query("UPDATE items SET reviewed_on = '2025-01-01' WHERE id = 54").execute(pool).await.map(drop)
    })
    .unwrap();
    let admin = staff_cookie(&instance.services, "S1", vec![Grant::Admin]).await;
    let report = send(app, page("/staff/disclosure", &admin)).await;
    assert_eq!(report.status, StatusCode::OK, "{}", report.body);
    let all = rows(&report.body);
    assert_eq!(all.len(), 24, "every department");
    // The stalest first: the civil air defence office's list (reviewed 22 January 2018) is stale and its 3 items
    // fresh: 3 of 4.
    assert_eq!(all[0], ["河北区人民防空办公室2018年1月22日 超过一年未更新", "3", "0", "75.0%"]);
    // Civil affairs: its list reviewed 18 June 2026, fresh; 1 of its 40 items stale: 40 of 41.
    let civil = all.iter().find(|row| row[0].starts_with("河北区民政局")).unwrap();
    assert_eq!(civil, &["河北区民政局2026年6月18日", "40", "1", "97.6%"]);
    assert!(report.body.contains(r#"<a href="/items/54">结婚登记</a>（最近审核：2025年1月1日）"#));

    // A department head reads their own department only; a handler is refused (the authorisation matrix holds
    // every other caller to it).
    let head =
        staff_cookie(&instance.services, "S2", vec![Grant::DepartmentHead { department: "civil-affairs".into() }])
            .await;
    let own = send(app, page("/staff/disclosure", &head)).await;
    assert_eq!(rows(&own.body), [civil.clone()]);
    let handler =
        staff_cookie(&instance.services, "S3", vec![Grant::Handler { department: "civil-affairs".into() }]).await;
    assert_eq!(send(app, page("/staff/disclosure", &handler)).await.status, StatusCode::FORBIDDEN);
}
