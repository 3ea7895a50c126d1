//! The monthly publication over two scripted months, through the router: September closed, appealed (one appeal
//! upheld, one rejected), published when its window is over; October closed and published, naming in public the
//! departments in the bottom three again; then corrected as a second version. Figures worked out by hand.

use crate::rankings::{at, many, standings_rows, PROMPTLY};
use crate::support::{config, encode, send, staff_account, staff_form, staff_session, Page, TestDb};
use app::clock::Clock;
use app::petitions::callback::Rating::*;
use app::rankings::publication::Month;
use app::staff::model::Grant;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use server::Instance;

async fn instance_at(db: &TestDb, now: &str) -> Instance {
    server::build(&server::config::Config { clock: Clock::fixed(at(now)), ..config(db) }).await.unwrap()
}

fn page(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

/// The staff of the publication, signed in on `instance`: (admin, head of market regulation, head of ecology).
async fn signed_in(instance: &Instance, accounts: [i64; 3]) -> [String; 3] {
    let services = &instance.services;
    [
        staff_session(services, accounts[0]).await,
        staff_session(services, accounts[1]).await,
        staff_session(services, accounts[2]).await,
    ]
}

fn onward(page: &Page) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", problem(page));
}

/// The problem a refused form states.
fn problem(page: &Page) -> String {
    let summary = page.body.split(r#"class="error-summary""#).nth(1);
    summary.and_then(|s| s.split("</div>").next()).unwrap_or_default().to_string()
}

fn refused_with(page: &Page, words: &str) {
    assert_eq!(page.status, StatusCode::BAD_REQUEST, "{}", problem(page));
    assert!(problem(page).contains(words), "{words}: {}", page.body.split("</style>").nth(1).unwrap_or_default());
}

/// One month's section of the staff page.
fn section<'a>(desk: &'a Page, month: &str) -> &'a str {
    let start = desk.body.find(&format!(r#"id="month-{month}""#)).unwrap_or_else(|| panic!("no {month} on the desk"));
    let rest = &desk.body[start..];
    &rest[..rest.find("</section>").unwrap()]
}

fn cells(rows: &[(bool, [&str; 11])]) -> Vec<(bool, Vec<String>)> {
    rows.iter()
        .map(|(bottom, cells)| (*bottom, cells.iter().filter(|c| !c.is_empty()).map(|c| c.to_string()).collect()))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_month_is_closed_appealed_decided_published_and_corrected_and_a_repeat_in_the_bottom_is_named_in_public() {
    let db = TestDb::fresh().await;
    let october_9 = instance_at(&db, "2026-10-09T10:00:00").await;
    let services = &october_9.services;
    let accounts = [
        staff_account(services, "A0001", vec![Grant::Admin]).await,
        staff_account(services, "D0001", vec![Grant::DepartmentHead { department: "market-regulation".into() }]).await,
        staff_account(services, "D0002", vec![Grant::DepartmentHead { department: "ecology".into() }]).await,
    ];
    let store = services.petitions.as_ref();
    // Every disclosure entry reviewed on 1 September: freshness 100% for every department throughout, so each
    // composite below is (0.90 × the four rates' + 0.05) / 0.95 (no enforcement records: reporting is left out).
    server::db::on_backend!(&october_9.pool, |pool| {
        sqlx::query("UPDATE departments SET responsibilities_reviewed_on = '2026-09-01'").execute(pool).await?;
        sqlx::query("UPDATE items SET reviewed_on = '2026-09-01'").execute(pool).await.map(drop)
    })
    .unwrap();
    // September, every case handled on time (按时办结率 100%). The four rates' weights: 0.10, 0.35, 0.30, 0.15
    // over 0.90.
    // Urban management and transport: 20 each, all contacted, solved, (very) satisfied: 100%, rank 1 shared.
    many(store, "urban-management", "2026-09-07", 20, (true, true, VerySatisfied), PROMPTLY).await;
    many(store, "transport", "2026-09-07", 20, (true, true, Satisfied), PROMPTLY).await;
    // Housing: 16 very satisfied, 4 basically: satisfaction (16 + 3.6) / 20 = 98%;
    // (0.10 + 0.35 + 0.294 + 0.15) / 0.90 = 99.33%; with freshness (0.894 + 0.05) / 0.95 = 99.37%.
    many(store, "housing", "2026-09-08", 16, (true, true, VerySatisfied), PROMPTLY).await;
    many(store, "housing", "2026-09-08", 4, (true, true, BasicallySatisfied), PROMPTLY).await;
    // Market regulation: 22, 16 good and 6 not contacted, not solved, very dissatisfied: 16 / 22 = 72.73% each;
    // (0.75 × 0.7273 + 0.15) / 0.90 = 77.27%; with freshness (0.6955 + 0.05) / 0.95 = 78.47%.
    many(store, "market-regulation", "2026-09-09", 16, (true, true, Satisfied), PROMPTLY).await;
    many(store, "market-regulation", "2026-09-09", 6, (false, false, VeryDissatisfied), PROMPTLY).await;
    // Ecology: 20, all contacted, 10 solved and satisfied: 100%, 50%, 50%; (0.10 + 0.175 + 0.15 + 0.15) / 0.90
    // = 63.89%; with freshness (0.575 + 0.05) / 0.95 = 65.79%.
    many(store, "ecology", "2026-09-10", 10, (true, true, Satisfied), PROMPTLY).await;
    many(store, "ecology", "2026-09-10", 10, (true, false, Dissatisfied), PROMPTLY).await;

    let [admin, market_head, ecology_head] = signed_in(&october_9, accounts).await;
    let app = &october_9.router;
    assert_eq!(send(app, page("/rankings/2026-09", "")).await.status, StatusCode::NOT_FOUND, "not published yet");
    let desk = send(app, page("/staff/rankings", &admin)).await;
    assert!(desk.body.contains("2026年9月已经结束"), "the admin is offered September to close");
    refused_with(&send(app, staff_form("/staff/rankings/close", &admin, "month=2026-10")).await, "这个月还没有结束");
    onward(&send(app, staff_form("/staff/rankings/close", &admin, "month=2026-09")).await);
    refused_with(&send(app, staff_form("/staff/rankings/close", &admin, "month=2026-09")).await, "已经结束考评");

    // Provisional, for staff: closed Friday 9 October, appeals for 5 working days (Saturday 10 October is a
    // make-up workday): 10, 12, 13, 14, 15 October.
    let desk = send(app, page("/staff/rankings", &market_head)).await;
    assert_eq!(desk.status, StatusCode::OK);
    let september = section(&desk, "2026-09");
    assert!(september.contains("申诉期至2026年10月15日 24:00"), "{september}");
    let provisional = [
        (false, ["1", "河北区交通运输局", "20", "100.0%", "100.0%", "100.0%", "100.0%", "—", "100.0%", "100.0%", ""]),
        (
            false,
            ["1", "河北区城市管理委员会", "20", "100.0%", "100.0%", "100.0%", "100.0%", "—", "100.0%", "100.0%", ""],
        ),
        (
            true,
            ["3", "河北区住房和建设委员会", "20", "100.0%", "100.0%", "98.0%", "100.0%", "—", "100.0%", "99.4%", ""],
        ),
        (true, ["4", "河北区市场监督管理局", "22", "72.7%", "72.7%", "72.7%", "100.0%", "—", "100.0%", "78.5%", ""]),
        (true, ["5", "天津市河北区生态环境局", "20", "100.0%", "50.0%", "50.0%", "100.0%", "—", "100.0%", "65.8%", ""]),
    ];
    assert_eq!(standings_rows(september), cells(&provisional));

    // Appeals: two of market regulation's unanswered cases, and one of ecology's.
    let september_month = Month::parse("2026-09").unwrap();
    let market = services.rankings.frozen_cases(september_month, Some("market-regulation")).await.unwrap();
    let unanswered: Vec<&str> = market.iter().filter(|c| !c.contacted).map(|c| c.number.as_str()).take(2).collect();
    assert!(september.contains(unanswered[0]), "the head sees their department's cases to appeal");
    let appeal = |department: &str, cases: &[&str], reason: &str| {
        let ticked: String = cases.iter().map(|n| format!("case={n}&")).collect();
        format!("month=2026-09&department={department}&{ticked}appeal_reason={}", encode(reason))
    };
    let ecology = services.rankings.frozen_cases(september_month, Some("ecology")).await.unwrap();
    let ecology_case = ecology.iter().find(|c| !c.solved).unwrap().number.clone();
    let body = appeal("ecology", &[&ecology_case], "诉求人要求超出本部门职责");
    let other_department = send(app, staff_form("/staff/rankings/appeal", &market_head, &body)).await;
    assert_eq!(other_department.status, StatusCode::FORBIDDEN, "a head appeals their own department's cases only");
    let reason = "诉求人反映的是市级部门的职责，已转市局办理";
    let foreign = appeal("market-regulation", &[&ecology_case], reason);
    refused_with(
        &send(app, staff_form("/staff/rankings/appeal", &market_head, &foreign)).await,
        "不是本部门本月计入考评",
    );
    refused_with(
        &send(app, staff_form("/staff/rankings/appeal", &market_head, &appeal("market-regulation", &unanswered, "短")))
            .await,
        "请写明理由",
    );
    onward(
        &send(
            app,
            staff_form("/staff/rankings/appeal", &market_head, &appeal("market-regulation", &unanswered, reason)),
        )
        .await,
    );
    onward(&send(app, staff_form("/staff/rankings/appeal", &ecology_head, &body)).await);

    // Publication waits for the window, and for the decisions.
    refused_with(&send(app, staff_form("/staff/rankings/publish", &admin, "month=2026-09")).await, "申诉期还没有结束");
    let appeals = services.rankings.appeals(september_month).await.unwrap();
    let decide = |id: i64, upheld: &str, reason: &str| {
        format!("month=2026-09&appeal={id}&upheld={upheld}&decision_reason={}", encode(reason))
    };
    let (market_appeal, ecology_appeal) = (appeals[0].id, appeals[1].id);
    refused_with(
        &send(app, staff_form("/staff/rankings/decide", &admin, &decide(market_appeal, "", "核实属实"))).await,
        "请选择",
    );
    onward(
        &send(app, staff_form("/staff/rankings/decide", &admin, &decide(market_appeal, "1", "经核实属市级职责"))).await,
    );
    onward(
        &send(app, staff_form("/staff/rankings/decide", &admin, &decide(ecology_appeal, "0", "属于本部门职责范围")))
            .await,
    );
    refused_with(
        &send(app, staff_form("/staff/rankings/decide", &admin, &decide(ecology_appeal, "1", "再次处理"))).await,
        "已经处理过",
    );

    // After the window: no more appeals, and the final standings are published.
    let october_16 = instance_at(&db, "2026-10-16T09:00:00").await;
    let [admin, market_head, _] = signed_in(&october_16, accounts).await;
    let app = &october_16.router;
    let late = appeal("market-regulation", &[market.iter().find(|c| c.contacted).unwrap().number.as_str()], reason);
    refused_with(&send(app, staff_form("/staff/rankings/appeal", &market_head, &late)).await, "申诉期已过");
    onward(&send(app, staff_form("/staff/rankings/publish", &admin, "month=2026-09")).await);
    refused_with(&send(app, staff_form("/staff/rankings/publish", &admin, "month=2026-09")).await, "已经公布");
    // Market regulation without its two upheld cases: 20, 16 good: 80% each; (0.60 + 0.15) / 0.90 = 83.33%; with
    // freshness (0.75 + 0.05) / 0.95 = 84.21%.
    let published = send(app, page("/rankings/2026-09", "")).await;
    assert_eq!(published.status, StatusCode::OK);
    let september_final = [
        (
            false,
            [
                "1",
                "河北区交通运输局",
                "20",
                "100.0%",
                "100.0%",
                "100.0%",
                "100.0%",
                "—",
                "100.0%",
                "100.0%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "1",
                "河北区城市管理委员会",
                "20",
                "100.0%",
                "100.0%",
                "100.0%",
                "100.0%",
                "—",
                "100.0%",
                "100.0%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "3",
                "河北区住房和建设委员会",
                "20",
                "100.0%",
                "100.0%",
                "98.0%",
                "100.0%",
                "—",
                "100.0%",
                "99.4%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "4",
                "河北区市场监督管理局",
                "20",
                "80.0%",
                "80.0%",
                "80.0%",
                "100.0%",
                "—",
                "100.0%",
                "84.2%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "5",
                "天津市河北区生态环境局",
                "20",
                "100.0%",
                "50.0%",
                "50.0%",
                "100.0%",
                "—",
                "100.0%",
                "65.8%",
                "上月未排名",
            ],
        ),
    ];
    assert_eq!(standings_rows(&published.body), cells(&september_final));
    assert!(!published.body.contains("public-notice"), "the first time in the bottom three is named inside only");
    let desk = send(app, page("/staff/rankings", &admin)).await;
    let notices = section(&desk, "2026-09");
    for department in ["河北区住房和建设委员会", "河北区市场监督管理局", "天津市河北区生态环境局"]
    {
        assert!(notices.contains(&format!("{department}：内部通报（首次进入后三名）")), "{department}");
    }

    // October: ecology in the bottom three again, and market regulation; transport for the first time.
    many(store, "housing", "2026-10-12", 20, (true, true, VerySatisfied), PROMPTLY).await;
    // Urban management: 19 very satisfied, 1 basically: 99.5%; (0.10 + 0.35 + 0.2985 + 0.15) / 0.90 = 99.83%;
    // with freshness 0.9485 / 0.95 = 99.84%.
    many(store, "urban-management", "2026-10-12", 19, (true, true, VerySatisfied), PROMPTLY).await;
    many(store, "urban-management", "2026-10-12", 1, (true, true, BasicallySatisfied), PROMPTLY).await;
    // Market regulation: 18 satisfied, 2 basically: 99%; 0.897 / 0.90 = 99.67%; with freshness 0.947 / 0.95 =
    // 99.68%.
    many(store, "market-regulation", "2026-10-13", 18, (true, true, Satisfied), PROMPTLY).await;
    many(store, "market-regulation", "2026-10-13", 2, (true, true, BasicallySatisfied), PROMPTLY).await;
    // Transport: 20 basically satisfied: 90%; 0.87 / 0.90 = 96.67%; with freshness 0.92 / 0.95 = 96.84%.
    many(store, "transport", "2026-10-13", 20, (true, true, BasicallySatisfied), PROMPTLY).await;
    many(store, "ecology", "2026-10-14", 10, (true, true, Satisfied), PROMPTLY).await;
    many(store, "ecology", "2026-10-14", 10, (true, false, Dissatisfied), PROMPTLY).await;

    let november_2 = instance_at(&db, "2026-11-02T10:00:00").await;
    let [admin, ..] = signed_in(&november_2, accounts).await;
    onward(&send(&november_2.router, staff_form("/staff/rankings/close", &admin, "month=2026-10")).await);
    // Closed Monday 2 November: 3, 4, 5, 6, 9 November.
    let november_10 = instance_at(&db, "2026-11-10T09:00:00").await;
    let [admin, ..] = signed_in(&november_10, accounts).await;
    let app = &november_10.router;
    onward(&send(app, staff_form("/staff/rankings/publish", &admin, "month=2026-10")).await);
    let published = send(app, page("/rankings/2026-10", "")).await;
    let october_final = [
        (
            false,
            [
                "1",
                "河北区住房和建设委员会",
                "20",
                "100.0%",
                "100.0%",
                "100.0%",
                "100.0%",
                "—",
                "100.0%",
                "100.0%",
                "上升2名",
            ],
        ),
        (
            false,
            [
                "2",
                "河北区城市管理委员会",
                "20",
                "100.0%",
                "100.0%",
                "99.5%",
                "100.0%",
                "—",
                "100.0%",
                "99.8%",
                "下降1名",
            ],
        ),
        (
            true,
            [
                "3",
                "河北区市场监督管理局",
                "20",
                "100.0%",
                "100.0%",
                "99.0%",
                "100.0%",
                "—",
                "100.0%",
                "99.7%",
                "上升1名",
            ],
        ),
        (
            false,
            ["4", "河北区交通运输局", "20", "100.0%", "100.0%", "90.0%", "100.0%", "—", "100.0%", "96.8%", "下降3名"],
        ),
        (
            true,
            ["5", "天津市河北区生态环境局", "20", "100.0%", "50.0%", "50.0%", "100.0%", "—", "100.0%", "65.8%", "持平"],
        ),
    ];
    assert_eq!(standings_rows(&published.body), cells(&october_final));
    for department in ["河北区市场监督管理局", "天津市河北区生态环境局"] {
        assert!(published.body.contains(&format!("{department}：2026年9月、2026年10月进入后三名")), "{department}");
    }
    assert!(!published.body.contains("河北区交通运输局：2026年"), "transport's first time is named inside only");
    let standings = send(app, page("/rankings", "")).await;
    assert!(
        standings.body.contains(r#"href="/rankings/2026-10""#)
            && standings.body.contains(r#"href="/rankings/2026-09""#)
    );
    assert!(standings.body.contains("（公开通报：河北区市场监督管理局、天津市河北区生态环境局）"));

    // A correction: one of market regulation's cases was the city's; left out, it has 19 cases, too few to rank.
    let october = Month::parse("2026-10").unwrap();
    let market = services.rankings.frozen_cases(october, Some("market-regulation")).await.unwrap();
    let correction = "受理编号有误，该件为市级部门办理的诉求";
    let body = format!("month=2026-10&numbers={}&correction_reason={}", market[0].number, encode(correction));
    refused_with(
        &send(
            app,
            staff_form(
                "/staff/rankings/correct",
                &admin,
                &format!("month=2026-10&numbers=1234&correction_reason={}", encode(correction)),
            ),
        )
        .await,
        "不是本月计入考评的诉求",
    );
    onward(&send(app, staff_form("/staff/rankings/correct", &admin, &body)).await);
    let corrected = send(app, page("/rankings/2026-10", "")).await;
    let october_corrected = [
        (
            false,
            [
                "1",
                "河北区住房和建设委员会",
                "20",
                "100.0%",
                "100.0%",
                "100.0%",
                "100.0%",
                "—",
                "100.0%",
                "100.0%",
                "上升2名",
            ],
        ),
        (
            false,
            [
                "2",
                "河北区城市管理委员会",
                "20",
                "100.0%",
                "100.0%",
                "99.5%",
                "100.0%",
                "—",
                "100.0%",
                "99.8%",
                "下降1名",
            ],
        ),
        (
            false,
            ["3", "河北区交通运输局", "20", "100.0%", "100.0%", "90.0%", "100.0%", "—", "100.0%", "96.8%", "下降2名"],
        ),
        (
            true,
            [
                "4",
                "天津市河北区生态环境局",
                "20",
                "100.0%",
                "50.0%",
                "50.0%",
                "100.0%",
                "—",
                "100.0%",
                "65.8%",
                "上升1名",
            ],
        ),
    ];
    assert_eq!(standings_rows(&corrected.body), cells(&october_corrected));
    assert!(corrected.body.contains("河北区市场监督管理局：有效回访19件"), "listed apart as too few");
    assert!(corrected.body.contains(&format!("第2版，2026年11月10日 09:00公布。更正理由：{correction}")));
    assert!(corrected.body.contains("天津市河北区生态环境局：2026年9月、2026年10月进入后三名"));
    assert!(!corrected.body.contains("河北区市场监督管理局：2026年"));
    // The first version stands as it was published.
    let versions = services.rankings.snapshots(october).await.unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].rows.len(), 5);
    assert!(versions[0].rows.iter().any(|r| r.standing.figures.department == "market-regulation" && r.bottom));

    // A department's twelve months: bars as tall as the composite (160 units for 100%), the numbers in a table.
    let history = send(app, page("/rankings/departments/market-regulation", "")).await;
    assert_eq!(history.status, StatusCode::OK);
    // September: 84.21% of 160 = 134.7; October, too few in its second version: no bar, and 样本不足 in the table.
    assert!(history.body.contains(r#"height="134.7" data-month="2026-09" data-value="84.2%""#));
    assert!(!history.body.contains(r#"data-month="2026-10""#));
    assert!(history.body.contains("<th scope=\"row\">10月</th><td>已公布（第2版）</td><td>样本不足</td><td>19</td>"));
    let housing = send(app, page("/rankings/departments/housing", "")).await;
    // 99.37% of 160 = 158.99, 159 to a tenth; October, 100%: 160.
    assert!(housing.body.contains(r#"height="159" data-month="2026-09""#));
    assert!(housing.body.contains(r#"height="160" data-month="2026-10""#));
    assert!(housing.body.contains("9月 99.4%，10月 100.0%"), "the chart says its figures in words too");
    assert_eq!(send(app, page("/rankings/departments/nowhere", "")).await.status, StatusCode::NOT_FOUND);

    // Open data: every version of every published month, the latest first; only what the public pages show.
    let json = send(app, page("/rankings/published.json", "")).await;
    assert_eq!(json.status, StatusCode::OK);
    let cache = json.headers.get(header::CACHE_CONTROL).map(|v| v.to_str().unwrap().to_string());
    assert!(!cache.unwrap_or_default().contains("no-store"), "public data may be cached");
    let published: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    let versions: Vec<(&str, u64)> = published
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["month"].as_str().unwrap(), v["version"].as_u64().unwrap()))
        .collect();
    assert_eq!(versions, [("2026-10", 2), ("2026-10", 1), ("2026-09", 1)]);
    assert_eq!(published[0]["correction_reason"], correction);
    let department = |version: usize, id: &str| {
        published[version]["departments"].as_array().unwrap().iter().find(|d| d["department_id"] == id).unwrap().clone()
    };
    assert_eq!(department(1, "market-regulation")["named_in_public"], serde_json::json!(["2026-09", "2026-10"]));
    assert_eq!(department(1, "transport")["named_in_public"], serde_json::json!([]), "named inside only");
    assert_eq!(department(0, "market-regulation")["rank"], serde_json::Value::Null, "too few in version 2");
    let market_september = department(2, "market-regulation");
    assert_eq!((market_september["n"].as_u64(), market_september["rank"].as_u64()), (Some(20), Some(4)));
    assert!((market_september["composite"].as_f64().unwrap() - 0.80 / 0.95).abs() < 1e-9);
    let csv = send(app, page("/rankings/published.csv", "")).await;
    assert_eq!(csv.headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
    let lines: Vec<&str> = csv.body.trim_start_matches('\u{feff}').lines().collect();
    assert!(lines[0].starts_with("month,version,published_at,correction_reason,department_id,department,n,rank,"));
    assert_eq!(lines.len(), 1 + 5 + 5 + 5, "a line a department of each version");
    assert!(lines.iter().any(|line| line.starts_with("2026-10,2,2026-11-10T09:00:00+08:00,")
        // No reporting; freshness 1; the composite (0.575 + 0.05) / 0.95 = 0.65789….
        && line.contains(",ecology,天津市河北区生态环境局,20,4,1,0.5,0.5,1,,1,0.65789")
        && line.ends_with(",2026-09;2026-10")));
    let feed = send(app, page("/rankings/feed.atom", "")).await;
    assert_eq!(feed.headers[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
    assert!(feed.body.contains("<title>2026年10月部门考评排名（第2版，更正）</title>"), "{}", feed.body);
    assert!(feed.body.contains(r#"href="https://zsb.tjhb.example.cn/rankings/2026-10""#));
    assert!(feed
        .body
        .contains("公开通报：河北区市场监督管理局（2026-09、2026-10）；天津市河北区生态环境局（2026-09、2026-10）"));
    assert!(feed.body.contains(
        r#"<link href="https://zsb.tjhb.example.cn/rankings/2026-10/card.png" rel="enclosure" type="image/png"/>"#
    ));

    // The month's share card says whom its latest version names in public (after the correction, market regulation
    // has too few cases to rank, and is not), and is drawn as a picture.
    let published = app::rankings::service::open_data(services).await.unwrap();
    let october = published.iter().find(|p| p.month == "2026-10").unwrap();
    let card = app::rankings::card::card(october, "https://zsb.tjhb.example.cn/rankings/2026-10", false);
    assert_eq!(card.title, "2026年10月考评结果（第2版）");
    assert_eq!(card.sections[0].1, ["天津市河北区生态环境局：2026年9月、10月均位列后三名"]);
    let drawn = send(app, page("/rankings/2026-10/card.png", "")).await;
    assert_eq!((drawn.status, &drawn.headers[header::CONTENT_TYPE]), (StatusCode::OK, &"image/png".parse().unwrap()));
    assert_eq!(send(app, page("/rankings/2026-11/card.png", "")).await.status, StatusCode::NOT_FOUND, "not published");

    // The database itself refuses to change a published snapshot.
    let pool = &october_9.pool;
    for statement in [
        "UPDATE ranking_snapshots SET reason = 'x'",
        "DELETE FROM ranking_snapshots",
        "UPDATE ranking_snapshot_rows SET bottom = FALSE",
        "DELETE FROM ranking_snapshot_rows",
    ] {
        let refused = server::db::on_backend!(pool, |pool| sqlx::query(statement).execute(pool).await.map(drop));
        let error = refused.expect_err(statement).to_string();
        assert!(error.contains("published standings never change"), "{statement}: {error}");
    }
    let audited: Vec<String> =
        services.staff.audit_trail(1000).await.unwrap().into_iter().map(|entry| entry.action).collect();
    for action in ["结束月度考评", "考评申诉", "维持考评申诉", "驳回考评申诉", "公布月度考评", "更正月度考评"]
    {
        assert!(audited.iter().any(|a| a == action), "{action} is audited");
    }
}
