//! The authorisation matrix: every route and server function (`server::routes::registry`, which reads Leptos's
//! server-function registry too) asked by ten callers, answered as `authorisation.tsv` says. A route without a row
//! fails the test, as does a row without a route. Every refusal is searched for the fixtures' names, phones,
//! codes, ID numbers and tracking numbers, full and masked.

use crate::every_route::{book, encode, form_post, get_with, ID_NUMBER, NAME, PHONE};
use crate::support::{booked_in_store, config, fill, staff_account, staff_session, TestDb};
use app::personal::{mask_id, mask_name, mask_phone};
use app::staff::model::Grant;
use app::staff::store::AuditEntry;
use axum::http::Method;
use http_body_util::BodyExt;
use server::routes::{registry, Kind, Route};
use std::collections::BTreeMap;
use tower::ServiceExt;

/// The callers, in the table's column order.
const CALLERS: [&str; 11] = [
    "anonymous",
    "resident",
    "handler_a",
    "handler_b",
    "head_a",
    "editor_a",
    "dispatcher",
    "counter_p",
    "counter_q",
    "admin",
    "disabled",
];

/// Place P and place Q; department A and department B.
const PLACE_P: &str = "hall-1";
const DEPARTMENT_A: &str = "civil-affairs";
const DEPARTMENT_B: &str = "hrss";

const PETITIONER_PHONE: &str = "13911112222";

fn petition_fixture() -> app::petitions::model::NewPetition {
    app::petitions::model::NewPetition {
        channel: app::petitions::model::Channel::Web,
        category: "heating".into(),
        tier: app::petitions::tiers::Tier::Urgent,
        street: "望海楼".into(),
        community: "建国道社区".into(),
        place_detail: "3号楼2门501".into(),
        title: "暖气不热".into(),
        body: "室温只有14度。".into(),
        applicant_name: "钱七".into(),
        phone: PETITIONER_PHONE.into(),
        public_wanted: false,
        anonymous: false,
        joins: None,
    }
}

fn expected_table() -> BTreeMap<String, Vec<u16>> {
    let text = include_str!("authorisation.tsv");
    let mut rows = BTreeMap::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let mut cells = line.split('\t');
        let route = cells.next().unwrap().to_string();
        let statuses: Vec<u16> = cells.map(|c| c.parse().unwrap_or_else(|_| panic!("{line}: {c}"))).collect();
        assert_eq!(statuses.len(), CALLERS.len(), "{route}: one status per caller");
        assert!(rows.insert(route.clone(), statuses).is_none(), "{route} has two rows");
    }
    rows
}

#[tokio::test(flavor = "multi_thread")]
async fn every_route_answers_each_caller_as_the_table_says() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let (app, services) = (instance.router.clone(), instance.services.clone());
    let resident = book(&app).await;
    // Today at place P (the clock stands at 10:00 on 25 November): what its counter staff see.
    let at_counter = booked_in_store(&db.url, PLACE_P, "2026-11-25", "10:00", 1).await;

    // A petition filed by someone (its link is all its status page asks), routed to department A.
    let petition = services
        .petitions
        .file(&petition_fixture(), "matrix", &|_| Vec::new(), services.site.clock.now())
        .await
        .unwrap();
    let filed = services.petitions.by_token(&petition.token, services.site.clock.now()).await.unwrap().unwrap();
    let route = app::petitions::lifecycle::Action::Route { department: DEPARTMENT_A.into() };
    let dispatcher = app::petitions::lifecycle::Actor::Dispatcher;
    let step = app::petitions::store::Step { actor: &dispatcher, action: &route, note: "", audit: None, texts: &[] };
    services.petitions.act(filed.id, filed.version, step, services.site.clock.now()).await.unwrap().unwrap();

    let mut accounts = BTreeMap::new();
    for (caller, number, grant) in [
        ("handler_a", "H0001", Grant::Handler { department: DEPARTMENT_A.into() }),
        ("handler_b", "H0002", Grant::Handler { department: DEPARTMENT_B.into() }),
        ("head_a", "D0001", Grant::DepartmentHead { department: DEPARTMENT_A.into() }),
        ("editor_a", "E0001", Grant::Editor { department: DEPARTMENT_A.into() }),
        ("dispatcher", "P0001", Grant::Dispatcher),
        ("counter_p", "C0001", Grant::CounterStaff { place: PLACE_P.into() }),
        ("counter_q", "C0002", Grant::CounterStaff { place: "hall-2".into() }),
        ("admin", "A0001", Grant::Admin),
        ("disabled", "X0001", Grant::CounterStaff { place: PLACE_P.into() }),
    ] {
        accounts.insert(caller, staff_account(&services, number, vec![grant]).await);
    }
    let audit = AuditEntry {
        at: services.site.clock.now(),
        account_id: accounts["admin"],
        staff_number: "A0001".into(),
        role: "admin".into(),
        action: "停用账号".into(),
        subject: "X0001".into(),
    };
    services.staff.set_disabled(accounts["disabled"], true, &audit).await.unwrap();

    // What no refused answer may contain: the resident's and the counter booking's personal data and codes.
    let code = {
        let page = crate::support::send(&app, get_with(&format!("/bookings/{}", resident.token), None)).await;
        page.body.split(r#"class="check-in-code">"#).nth(1).unwrap()[..8].to_string()
    };
    let applicant = &at_counter.applicant;
    let secrets: Vec<String> = vec![
        NAME.into(),
        mask_name(NAME),
        ID_NUMBER.into(),
        mask_id(ID_NUMBER),
        PHONE.into(),
        mask_phone(PHONE),
        code,
        applicant.name.clone(),
        mask_name(&applicant.name),
        applicant.id_number.clone(),
        mask_id(&applicant.id_number),
        applicant.phone.clone(),
        mask_phone(&applicant.phone),
        at_counter.check_in_code.clone(),
        PETITIONER_PHONE.into(),
        mask_phone(PETITIONER_PHONE),
        petition.number.clone(),
    ];

    let table = expected_table();
    let routes = registry();
    let mut problems = Vec::new();
    let mut actual_rows = Vec::new();
    for route in &routes {
        let key = format!("{} {}", route.method, route.path);
        let uri = fill(route, |param| match param {
            "id" => "54".into(),
            // A GET opens the resident's booking; a form posted to one would change it for every caller after.
            "token" if route.path.starts_with("/petitions/") => petition.token.clone(),
            "token" if route.method == Method::GET => resident.token.clone(),
            "token" => "NoSuchBookingNoSuchBookingNoSuch".into(),
            "place" => PLACE_P.into(),
            "number" if route.path.starts_with("/staff/petitions/") => petition.number.clone(),
            "number" => "H0001".into(),
            "department" => DEPARTMENT_A.into(),
            "month" => "2026-10".into(),
            "file" => "no-such-build/app.js".into(),
            // A partner's POST without a key is refused (403); GETs read the services.
            "document" if route.method == Method::POST => "requests.xml".into(),
            "document" => "services.xml".into(),
            "service" => "noise.json".into(),
            "kind" => "items".into(),
            // Not public: not found, whoever asks.
            "request" => format!("{}.json", petition.number),
            other => panic!("a new path parameter {{{other}}}: give it a value here"),
        });
        let mut statuses = Vec::new();
        for caller in CALLERS {
            // A session of its own for each request: a sign-out answered to one must not change the next.
            let cookie = match caller {
                "anonymous" => None,
                "resident" => Some(resident.cookie.clone()),
                staff => Some(staff_session(&services, accounts[staff]).await),
            };
            let request = match (route.kind, &route.method) {
                (Kind::ServerFunction, _) => {
                    let args = format!(
                        "q=shbzk&place_id={PLACE_P}&token={}&staff_number=H0001&department={DEPARTMENT_A}&number={}&name={}&month=2026-10&kind=items&id=54",
                        at_counter.token,
                        petition.number,
                        encode("张")
                    );
                    form_post(&route.path, cookie.as_deref(), args)
                }
                (_, &Method::POST) => form_post(&uri, cookie.as_deref(), String::new()),
                _ => get_with(&uri, cookie.as_deref()),
            };
            let response = app.clone().oneshot(request).await.unwrap();
            let status = response.status();
            // A stream never ends: its status is the answer.
            let body = if route.kind == Kind::Stream {
                String::new()
            } else {
                String::from_utf8_lossy(&response.into_body().collect().await.unwrap().to_bytes()).into_owned()
            };
            // A refusal of the caller (401, 403, or sent to sign in) shows nothing of anyone. A 4xx about the
            // input (a form's 400, a booking not found) is the caller's own page again, which they may see.
            if matches!(status.as_u16(), 300..=399 | 401 | 403) {
                for secret in secrets.iter().filter(|secret| body.contains(secret.as_str())) {
                    problems.push(format!("{key} as {caller} ({status}) shows {secret}"));
                }
            }
            statuses.push(status.as_u16());
        }
        match table.get(&key) {
            None => problems.push(format!("{key} has no row in authorisation.tsv")),
            Some(expected) if *expected != statuses => {
                problems.push(format!("{key}: expected {expected:?}, got {statuses:?}"));
            }
            Some(_) => {}
        }
        actual_rows.push(format!("{key}\t{}", statuses.iter().map(u16::to_string).collect::<Vec<_>>().join("\t")));
    }
    for key in table.keys() {
        if !routes.iter().any(|r: &Route| format!("{} {}", r.method, r.path) == *key) {
            problems.push(format!("{key} is in authorisation.tsv but is no route"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}\n\nwhat the routes answered (check each row before copying any):\n{}",
        problems.join("\n"),
        actual_rows.join("\n")
    );
}
