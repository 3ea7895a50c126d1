//! Several instances on one database, each on its own port, as behind a load balancer: what one writes another
//! reads, and a change signalled on one is heard on another (PostgreSQL; on SQLite every signal stays in its
//! process). Talks to them over real sockets.

use crate::support::{config, postgres_url, TestDb};
use reqwest::{header, redirect, Client, StatusCode};
use server::live::Change;
use std::time::Duration;

/// Serves `instance` on a port of its own; returns its base URL.
pub async fn serve(instance: &server::Instance) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = instance.router.clone();
    tokio::spawn(server::serve(listener, router, std::future::pending()));
    format!("http://{address}")
}

fn client() -> Client {
    Client::builder().redirect(redirect::Policy::none()).build().unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_checklist_saved_through_one_instance_is_read_through_another() {
    let db = TestDb::fresh().await;
    let config = config(&db);
    let (a, b) = (server::build(&config).await.unwrap(), server::build(&config).await.unwrap());
    let (a, b) = (serve(&a).await, serve(&b).await);
    let saved = client()
        .post(format!("{a}/items/54/checklist"))
        .header(header::ORIGIN, &a)
        .form(&[("ticked", "居民身份证"), ("ticked", "近期半身免冠合影照片")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    assert_eq!(saved.headers()[header::LOCATION], "/items/54#materials");
    let cookie = saved.headers()[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();
    assert!(cookie.starts_with("palm_session="), "{cookie}");

    let page = client().get(format!("{b}/items/54")).header(header::COOKIE, &cookie).send().await.unwrap();
    let body = page.text().await.unwrap();
    assert!(body.contains("已备齐 2 / "), "the other instance shows the saved ticks");
    assert!(body.contains(r#"id="m0" name="ticked" value="居民身份证" checked"#));
    assert!(!body.contains(r#"id="m1" name="ticked" value="户口簿" checked"#));
    assert!(body.contains(r#"id="m2" name="ticked" value="近期半身免冠合影照片" checked"#));

    let stranger = client().get(format!("{b}/items/54")).send().await.unwrap().text().await.unwrap();
    assert!(!stranger.contains("已备齐"), "another visitor has their own, empty checklist");
    let tampered = client()
        .post(format!("{b}/items/54/checklist"))
        .header(header::ORIGIN, &b)
        .form(&[("ticked", "999")])
        .send()
        .await
        .unwrap();
    assert_eq!(tampered.status(), StatusCode::BAD_REQUEST);
    assert!(tampered.text().await.unwrap().contains("重新勾选"));
}

/// Reads server-sent events from `response` until one contains `wanted`; everything read, as text.
async fn read_events_until(response: &mut reqwest::Response, wanted: &str) -> String {
    let mut seen = String::new();
    let read = async {
        while !seen.contains(wanted) {
            let chunk = response.chunk().await.unwrap().expect("the event stream stays open");
            seen.push_str(&String::from_utf8_lossy(&chunk));
        }
    };
    if tokio::time::timeout(Duration::from_secs(15), read).await.is_err() {
        panic!("no {wanted:?} within 15 s; heard: {seen:?}");
    }
    seen
}

fn slots(key: &str) -> Change {
    Change { topic: server::live::Topic::Slots, key: key.into() }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "PostgreSQL only (signals cross instances through NOTIFY): the PostgreSQL pass runs it"]
async fn a_change_signalled_on_one_instance_reaches_a_listener_on_another() {
    postgres_url().expect("TEST_DATABASE_URL: this test means something only on PostgreSQL");
    let db = TestDb::fresh().await;
    let config = config(&db);
    let (a, b) = (server::build(&config).await.unwrap(), server::build(&config).await.unwrap());
    let (a_url, b_url) = (serve(&a).await, serve(&b).await);

    let mut events = client().get(format!("{b_url}/live?topics=slots")).send().await.unwrap();
    assert_eq!(events.headers()[header::CONTENT_TYPE], "text/event-stream");
    a.changes.publish(slots("hall-1")).await.unwrap();
    let heard = read_events_until(&mut events, "data: slots/hall-1").await;
    assert!(heard.contains("event: change"));

    // The database drops every connection (a restart, a failover). The listener reconnects and, having
    // possibly missed signals, tells the page to re-read; the pools replace their connections.
    let mut admin = <sqlx::PgConnection as sqlx::Connection>::connect(&db.url).await.unwrap();
    sqlx::query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND pid <> pg_backend_pid()",
    )
    .execute(&mut admin)
    .await
    .unwrap();
    read_events_until(&mut events, "event: resync").await;
    for url in [&a_url, &b_url] {
        let page = client().get(format!("{url}/items/54")).send().await.unwrap();
        assert_eq!(page.status(), StatusCode::OK, "{url} serves again after the drop");
    }
    a.changes.publish(slots("hall-2")).await.unwrap();
    read_events_until(&mut events, "data: slots/hall-2").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_reaches_listeners_on_the_same_instance() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let url = serve(&instance).await;
    let mut events = client().get(format!("{url}/live?topics=slots,petitions")).send().await.unwrap();
    instance.changes.publish(slots("point-3")).await.unwrap();
    read_events_until(&mut events, "data: slots/point-3").await;
    let no_topics = client().get(format!("{url}/live")).send().await.unwrap();
    assert_eq!(no_topics.status(), StatusCode::BAD_REQUEST);
    assert!(no_topics.text().await.unwrap().contains("topics 参数"));
}

/// One resident's browser: its session cookie, answering each question at the instance it is given.
struct Browser {
    cookie: Option<String>,
}

impl Browser {
    async fn post(&mut self, base: &str, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
        let mut request = client().post(format!("{base}{path}")).header(header::ORIGIN, base).form(form);
        if let Some(cookie) = &self.cookie {
            request = request.header(header::COOKIE, cookie);
        }
        // The proxy in front says where each request comes from.
        let answer = request.header("x-forwarded-for", "203.0.113.9").send().await.unwrap();
        if let Some(set) = answer.headers().get(header::SET_COOKIE) {
            self.cookie = Some(set.to_str().unwrap().split(';').next().unwrap().to_string());
        }
        answer
    }
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "PostgreSQL only (several instances writing one database): the PostgreSQL pass runs it"]
async fn residents_racing_through_two_instances_for_two_seats_get_two_bookings() {
    postgres_url().expect("TEST_DATABASE_URL: this test means something only on PostgreSQL");
    let db = TestDb::fresh().await;
    let config = config(&db);
    let (a, b) = (server::build(&config).await.unwrap(), server::build(&config).await.unwrap());
    let bases = [serve(&a).await, serve(&b).await];

    // Twenty people answer the questions for 居民身份证换领 at point-01 (2 counters, so 2 seats a slot), each answer
    // at one instance or the other, then all confirm at once.
    let mut ready = Vec::new();
    for person in 0..20u32 {
        let first17 = format!("12010519900101{:03}", 100 + person);
        let id = format!("{first17}{}", app::personal::check_digit(&first17));
        let mut browser = Browser { cookie: None };
        let steps: [(&str, Vec<(&str, &str)>); 6] = [
            ("/book/start", vec![("item", "1")]),
            ("/book/place", vec![("place", "point-01")]),
            ("/book/day", vec![("day", "2026-11-26")]),
            ("/book/slot", vec![("slot", "09:00")]),
            (
                "/book/who",
                vec![("name", "赵钱孙"), ("id_type", "resident_card"), ("id_number", &id), ("phone", "13912345678")],
            ),
            ("/book/consent", vec![("agree", "1")]),
        ];
        for (n, (path, form)) in steps.iter().enumerate() {
            let answer = browser.post(&bases[(person as usize + n) % 2], path, form).await;
            assert_eq!(answer.status(), StatusCode::SEE_OTHER, "{path} for person {person}");
        }
        let check = client()
            .get(format!("{}/book/check", bases[person as usize % 2]))
            .header(header::COOKIE, browser.cookie.clone().unwrap())
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let key = check.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
        ready.push((browser, key, bases[(person as usize + 1) % 2].clone()));
    }
    let confirmations = ready.into_iter().map(|(mut browser, key, base)| {
        tokio::spawn(async move {
            let answer = browser.post(&base, "/book/confirm", &[("key", &key)]).await;
            (answer.status(), answer.text().await.unwrap())
        })
    });
    let (mut booked, mut full) = (0, 0);
    for confirmation in confirmations.collect::<Vec<_>>() {
        match confirmation.await.unwrap() {
            (StatusCode::SEE_OTHER, _) => booked += 1,
            (StatusCode::BAD_REQUEST, body) if body.contains("这个时段已经约满了") => full += 1,
            (status, body) => panic!("{status}: {}", &body[..body.len().min(300)]),
        }
    }
    assert_eq!((booked, full), (2, 18));
    let pool = server::db::connect(&db.url).await.unwrap();
    let rows: i64 = server::db::on_backend!(&pool, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM bookings WHERE status = 'booked'"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(rows, 2, "two seats, two bookings in the database");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "PostgreSQL only (signals cross instances through NOTIFY): the PostgreSQL pass runs it"]
async fn a_callback_given_through_one_instance_moves_the_standings_read_through_another() {
    use app::petitions::lifecycle::{Action, Actor};
    use app::petitions::store::Step;
    postgres_url().expect("TEST_DATABASE_URL: this test means something only on PostgreSQL");
    let db = TestDb::fresh().await;
    let config = config(&db);
    let (a, b) = (server::build(&config).await.unwrap(), server::build(&config).await.unwrap());
    let (a_url, b_url) = (serve(&a).await, serve(&b).await);
    // A petition the transport bureau has closed, waiting for its caller's callback.
    let store = &a.services.petitions;
    let now = a.services.site.clock.now();
    let petition = app::petitions::model::NewPetition {
        channel: app::petitions::model::Channel::Web,
        category: "bus".into(),
        tier: app::petitions::tiers::Tier::Ordinary,
        street: "月牙河".into(),
        community: "金海社区".into(),
        place_detail: String::new(),
        title: "公交站牌被撞坏".into(),
        body: "社区门口的公交站牌被车撞歪了。".into(),
        applicant_name: "王五".into(),
        phone: "13812340000".into(),
        public_wanted: false,
        anonymous: false,
        joins: None,
    };
    let filed = store.file(&petition, "k", &|_| Vec::new(), now).await.unwrap();
    let mut current = store.by_token(&filed.token, now).await.unwrap().unwrap();
    let bureau = Actor::Handler { department: "transport".into() };
    for (actor, action) in [
        (Actor::Dispatcher, Action::Route { department: "transport".into() }),
        (bureau.clone(), Action::SignFor),
        (bureau.clone(), Action::RecordContact),
        (bureau.clone(), Action::Close),
    ] {
        let step = Step { actor: &actor, action: &action, note: "已更换站牌", audit: None, texts: &[] };
        current = store.act(current.id, current.version, step, now).await.unwrap().unwrap();
    }
    let before = client().get(format!("{b_url}/rankings")).send().await.unwrap().text().await.unwrap();
    assert!(!before.contains("河北区交通运输局：有效回访"), "no callback yet");

    let mut events = client().get(format!("{b_url}/live?topics=standings")).send().await.unwrap();
    let version = current.version.to_string();
    let answers =
        [("version", version.as_str()), ("contacted", "yes"), ("solved", "yes"), ("rating", "very_satisfied")];
    let given = client()
        .post(format!("{a_url}/petitions/{}/callback", filed.token))
        .header(header::ORIGIN, &a_url)
        .form(&answers)
        .send()
        .await
        .unwrap();
    assert_eq!(given.status(), StatusCode::SEE_OTHER);
    read_events_until(&mut events, "data: standings/district").await;
    let after = client().get(format!("{b_url}/rankings")).send().await.unwrap().text().await.unwrap();
    assert!(after.contains("河北区交通运输局：有效回访1件"), "the other instance counts it");
}

#[tokio::test(flavor = "multi_thread")]
#[ignore = "PostgreSQL only (signals cross instances through NOTIFY): the PostgreSQL pass runs it"]
async fn an_item_edited_through_one_instance_is_found_and_read_through_another() {
    use crate::support::staff_cookie;
    use app::staff::model::Grant;
    postgres_url().expect("TEST_DATABASE_URL: this test means something only on PostgreSQL");
    let db = TestDb::fresh().await;
    let config = config(&db);
    let (a, b) = (server::build(&config).await.unwrap(), server::build(&config).await.unwrap());
    let (a_url, b_url) = (serve(&a).await, serve(&b).await);
    let cookie = staff_cookie(&a.services, "E4001", vec![Grant::Editor { department: "civil-affairs".into() }]).await;
    let search = format!("{b_url}/search/results?q={}", crate::support::encode("共同到场"));
    // B has read the item (so keeps it) and searched for the words before the edit.
    assert!(client().get(format!("{b_url}/items/54")).send().await.unwrap().text().await.unwrap().contains("第4版"));
    assert!(!client().get(&search).send().await.unwrap().text().await.unwrap().contains("结婚登记"));

    let saved = client()
        .post(format!("{a_url}/staff/disclosure/edit/items/54"))
        .header(header::ORIGIN, &a_url)
        .header(header::COOKIE, &cookie)
        .form(&[("stamp", "0"), ("description", "内地居民办理结婚登记，男女双方须共同到场。")])
        .send()
        .await
        .unwrap();
    assert_eq!(saved.status(), StatusCode::SEE_OTHER);
    // B hears the signal within moments: its search index and its kept item both follow.
    let mut found = false;
    for _ in 0..30 {
        if client().get(&search).send().await.unwrap().text().await.unwrap().contains("结婚登记") {
            found = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(found, "B's search index has the edit within 3 s");
    let page = client().get(format!("{b_url}/items/54")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("男女双方须共同到场") && page.contains("第5版"));
}
