//! The server as a browser sees it: real router, a real database (fresh per test; see `support`), seeded catalog.

use crate::support::{app, config, get, post, send, TestDb};
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
};

#[tokio::test(flavor = "multi_thread")]
async fn every_page_renders_its_content_on_the_server() {
    let (app, _db) = app().await;
    let cases = [
        ("/", vec!["热门事项", "社会保障卡申领", "长辈版", "个人办事", "无人审批"]),
        ("/items", vec!["共 763 项", "下一页"]),
        ("/items?topic=marriage", vec!["结婚登记"]),
        // An item's life-event topics lead back to the catalog filtered by them.
        ("/items/54", vec!["<h1>结婚登记</h1>", r#"href="/items?topic=marriage">婚姻</a>"#]),
        ("/items?channel=unmanned", vec!["共 131 项"]),
        ("/items?dept=civil-affairs&page=2", vec!["上一页"]),
        ("/search?q=shbzk", vec!["社会保障卡申领", "找到"]),
        ("/search?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1", vec!["社会保障卡"]),
        ("/departments", vec!["河北区民政局", "超过一年未更新"]),
        (
            "/departments/health",
            vec![
                "河北区卫生健康委员会",
                "河北区卫生和计划生育委员会",
                "超过一年未更新",
                "职责清单最近核对：2018-01-05",
            ],
        ),
    ];
    for (uri, expected) in cases {
        let page = get(&app, uri).await;
        assert_eq!(page.status, StatusCode::OK, "{uri}");
        for text in expected {
            assert!(page.body.contains(text), "{uri} should show {text}");
        }
        assert!(page.body.contains(r#"<html lang="zh-CN""#), "{uri} is Chinese");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_item_page_has_what_to_bring_limits_places_and_a_qr_code() {
    let (app, _db) = app().await;
    let page = get(&app, "/items?channel=one-id").await;
    let id: u32 = page.body.split("href=\"/items/").nth(1).unwrap().split('"').next().unwrap().parse().unwrap();
    let page = get(&app, &format!("/items/{id}")).await;
    assert_eq!(page.status, StatusCode::OK);
    for text in [
        "要带的材料",
        "type=\"checkbox\"",
        "承诺办结时限",
        "法定办结时限",
        "个工作日",
        "可以在哪里办",
        "河北区政务服务中心无人审批超市",
        "<svg",
    ] {
        assert!(page.body.contains(text), "item page should show {text}");
    }
    // The QR code points at the configured public URL, never at the Host header.
    assert!(page.body.contains(&format!("https://zsb.tjhb.example.cn/items/{id}")));
}

#[tokio::test(flavor = "multi_thread")]
async fn unknown_and_malformed_requests_get_a_chinese_message_never_a_500() {
    let (app, _db) = app().await;
    let cases = [
        ("/items/99999", StatusCode::NOT_FOUND, "页面不存在"),
        ("/items/abc", StatusCode::NOT_FOUND, "页面不存在"),
        ("/departments/no-such-department", StatusCode::NOT_FOUND, "页面不存在"),
        ("/no/such/page", StatusCode::NOT_FOUND, "页面不存在"),
        ("/items?page=abc", StatusCode::BAD_REQUEST, "页码应为正整数"),
        ("/items?topic=lottery", StatusCode::BAD_REQUEST, "没有这个主题分类"),
        ("/items?dept=nobody", StatusCode::NOT_FOUND, "没有这个部门"),
        ("/bookings/no-such-booking", StatusCode::NOT_FOUND, "页面不存在"),
        ("/petitions/no-such-petition", StatusCode::NOT_FOUND, "页面不存在"),
        ("/departments/health?page=-1", StatusCode::BAD_REQUEST, "页码应为正整数"),
    ];
    for (uri, status, message) in cases {
        let page = get(&app, uri).await;
        assert_eq!(page.status, status, "{uri}");
        assert!(page.body.contains(message), "{uri} should say {message}");
        assert!(page.body.contains("name=\"q\""), "{uri} keeps the search box");
        assert_eq!(page.body.matches("<main").count(), 1, "{uri}: one frame, not a frame in a frame");
    }
    let long = "社".repeat(60);
    let page = get(&app, &format!("/search?q={}", urlencode(&long))).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.body.contains("搜索词太长了"));
}

#[tokio::test(flavor = "multi_thread")]
async fn only_pages_with_an_island_load_the_bundle() {
    let (app, _db) = app().await;
    let search = get(&app, "/search?q=shbzk").await;
    assert!(search.body.contains("/app_bg.wasm") && search.body.contains("<leptos-island"));
    for uri in ["/", "/items", "/items/1", "/departments/health"] {
        let page = get(&app, uri).await;
        assert!(!page.body.contains(".wasm") && !page.body.contains("modulepreload"), "{uri} needs no bundle");
        assert!(!page.body.contains("__RESOLVED_RESOURCES[0]"), "{uri} sends no resource data: nothing hydrates");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn responses_carry_security_headers_with_a_matching_nonce() {
    let (app, _db) = app().await;
    let page = get(&app, "/search?q=shbzk").await;
    let csp = page.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap().to_string();
    assert!(!csp.contains("unsafe-inline"));
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(page.body.contains(&format!("nonce=\"{nonce}\"")), "the page's scripts carry the header's nonce");
    assert!(!page.body.contains(" style=\""), "no inline style attributes under a strict CSP");
    assert_eq!(page.headers[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
    assert_eq!(page.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(page.headers[header::REFERRER_POLICY], "strict-origin-when-cross-origin");
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-cache");
    let second = get(&app, "/search?q=shbzk").await;
    assert_ne!(
        second.headers[header::CONTENT_SECURITY_POLICY],
        page.headers[header::CONTENT_SECURITY_POLICY],
        "a nonce per response"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cross_origin_post_is_refused() {
    let (app, _db) = app().await;
    let refused = send(&app, post("/settings/elder", Some("https://evil.example"), "on=1&back=/")).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);
    assert!(refused.body.contains("跨站请求已被拒绝"));
    assert!(!refused.headers.contains_key(header::SET_COOKIE));
    let server_fn = send(&app, post("/api/search_items", Some("https://evil.example"), "q=shbzk")).await;
    assert_eq!(server_fn.status, StatusCode::FORBIDDEN, "server functions are guarded too");
    let cross_site = Request::post("/settings/elder")
        .header("sec-fetch-site", "cross-site")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from("on=1"))
        .unwrap();
    assert_eq!(send(&app, cross_site).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn elder_mode_is_a_cookie_applied_when_rendering() {
    let (app, _db) = app().await;
    let set = send(&app, post("/settings/elder", Some("http://127.0.0.1:3000"), "on=1&back=%2Fitems%3Fpage%3D2")).await;
    assert_eq!(set.status, StatusCode::SEE_OTHER);
    assert_eq!(set.headers[header::LOCATION], "/items?page=2");
    let cookie = set.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    let page = send(&app, Request::get("/").header(header::COOKIE, &cookie).body(Body::empty()).unwrap()).await;
    assert!(page.body.contains(r#"<html lang="zh-CN" class="elder""#));
    // A screen reader hears "长辈版, pressed", not another mode's name.
    assert!(page.body.contains(r#"<button type="submit" aria-pressed="true">长辈版"#), "the switch says it is on");
    assert!(!page.body.contains("标准版"));
    let plain = get(&app, "/").await;
    assert!(!plain.body.contains(r#"class="elder""#));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_search_server_function_answers_json() {
    let (app, _db) = app().await;
    let page = send(&app, post("/api/search_items", Some("http://127.0.0.1:3000"), "q=jhdj")).await;
    assert_eq!(page.status, StatusCode::OK);
    let results: serde_json::Value = serde_json::from_str(&page.body).unwrap();
    assert_eq!(results["items"][0]["name"], "结婚登记");
    let too_long = send(&app, post("/api/search_items", None, &format!("q={}", urlencode(&"社".repeat(60))))).await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert!(too_long.body.contains("搜索词太长了"));
    let no_query = send(&app, post("/api/search_items", None, "x=1")).await;
    assert_eq!(no_query.status, StatusCode::BAD_REQUEST, "arguments that do not parse are the caller's mistake");
}

#[tokio::test(flavor = "multi_thread")]
async fn health_check_and_a_second_start_on_the_same_database() {
    let db = TestDb::fresh().await;
    // Two instances starting together on one fresh database: migrating and seeding are safe to race.
    let config = config(&db);
    let (a, b) = tokio::join!(server::build(&config), server::build(&config));
    let (a, b) = (a.unwrap().router, b.unwrap().router);
    assert_eq!(get(&a, "/healthz").await.body, "ok");
    assert!(get(&b, "/items").await.body.contains("共 763 项"));
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| format!("%{b:02X}")).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_live_search_fragment_is_the_same_result_list() {
    let (app, _db) = app().await;
    let fragment = get(&app, "/search/results?q=jhdj").await;
    assert_eq!(fragment.status, StatusCode::OK);
    assert!(
        fragment.body.starts_with("<p class=\"result-count\">找到"),
        "a fragment, not a page: {}",
        &fragment.body[..60]
    );
    assert!(fragment.body.contains("结婚登记"));
    assert!(!fragment.body.contains("<html"));
    let page = get(&app, "/search?q=jhdj").await;
    assert!(page.body.contains(&fragment.body), "the page shows the same list the island swaps in");
    let too_long = get(&app, &format!("/search/results?q={}", urlencode(&"社".repeat(60)))).await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert!(too_long.body.contains("搜索词太长了"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_database_with_a_newer_schema_is_refused_with_a_clear_message() {
    let (_app, db) = app().await;
    let pool = server::db::connect(&db.url).await.unwrap();
    server::db::on_backend!(&pool, |pool| sqlx::query(
        "INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time) \
         VALUES (99990101000000, 'from a newer release', TRUE, $1, 0)",
    )
    .bind(vec![0u8])
    .execute(pool)
    .await
    .map(drop))
    .unwrap();
    pool.close().await;
    let error = server::build(&config(&db)).await.err().expect("a newer schema must be refused");
    assert!(format!("{error:#}").contains("schema is newer than this program"), "{error:#}");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_unreachable_database_is_refused_with_a_clear_message() {
    let db = TestDb::fresh().await;
    let cases = [
        ("sqlite:///proc/no-such-dir/palm.db", "cannot create /proc/no-such-dir"),
        // Nothing listens on port 1; the password never reaches the message.
        (
            "postgres://palm:s3cret@127.0.0.1:1/palm",
            "cannot reach the PostgreSQL database at postgres://palm:***@127.0.0.1:1/palm",
        ),
    ];
    for (url, message) in cases {
        let config = server::config::Config { database_url: url.into(), ..config(&db) };
        let error = server::build(&config).await.err().expect("no database, no server");
        assert!(format!("{error:#}").contains(message), "{error:#}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_health_check_says_503_when_the_database_is_gone() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    assert_eq!(get(&instance.router, "/healthz").await.status, StatusCode::OK);
    instance.pool.close().await;
    let health = get(&instance.router, "/healthz").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(health.body, "database unavailable");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_page_whose_database_is_gone_says_so_in_chinese_with_503() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    instance.pool.close().await;
    // (The home page is made from the in-memory search index, and still works.)
    for uri in ["/items/54", "/items", "/departments", "/kiosk/hall-1", "/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"] {
        let page = get(&instance.router, uri).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{uri}");
        assert!(page.body.contains("系统暂时无法访问") && page.body.contains("12345"), "{uri}: {}", page.body);
        // (sqlx says "attempted to acquire a connection on a closed pool"; the page's style sheet has a .closed.)
        assert!(!page.body.contains("closed pool") && !page.body.contains("database"), "{uri}: no technical details");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_whose_database_is_gone_says_so_in_chinese_with_503() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    instance.pool.close().await;
    let origin = Some("http://127.0.0.1:3000");
    for (uri, form) in [
        ("/book/start", "item=54"),
        ("/kiosk/hall-1/check-in", "code=ABCD2345"),
        ("/bookings/lookup", "phone=13812345678&code=ABCD2345"),
        ("/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/cancel", ""),
    ] {
        let mut request = post(uri, origin, form);
        request.headers_mut().insert("x-forwarded-for", "203.0.113.5".parse().unwrap());
        let page = send(&instance.router, request).await;
        assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE, "{uri}");
        assert!(page.body.contains("<html lang=\"zh-CN\"") && page.body.contains("暂时无法"), "{uri}: {}", page.body);
    }
}
