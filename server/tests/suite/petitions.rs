//! Petition storage on the backend under test: tracking numbers under concurrent filing, a form filed once
//! however often it is sent, the clocks as stored giving the deadlines worked out by hand, and two people acting
//! on one petition at once.

use crate::support::TestDb;
use app::calendar::WorkCalendar;
use app::petitions::lifecycle::{Action, Actor, Stage};
use app::petitions::model::{Channel, NewPetition};
use app::petitions::store::{NotTaken, PetitionStore, Step};
use app::petitions::tiers::Tier;
use chrono::{DateTime, Duration, FixedOffset};
use server::db;
use server::petitions::SqlPetitions;
use std::collections::HashSet;
use std::sync::Arc;

async fn store() -> (Arc<SqlPetitions>, TestDb) {
    let db = TestDb::fresh().await;
    let pool = db::connect(&db.url).await.unwrap();
    let changes = server::live::Changes::start(&pool).await.unwrap();
    (Arc::new(SqlPetitions::new(pool.clone(), changes, server::sms::queue::Queue::new(pool))), db)
}

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
}

fn heating(tier: Tier) -> NewPetition {
    NewPetition {
        channel: Channel::Web,
        category: "heating".into(),
        tier,
        street: "望海楼".into(),
        community: "建国道社区".into(),
        place_detail: "3号楼2门501".into(),
        title: "暖气不热".into(),
        body: "入冬以来室温只有14度。".into(),
        applicant_name: "张三".into(),
        phone: "13812345678".into(),
        public_wanted: false,
        anonymous: false,
        joins: None,
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn two_hundred_filings_at_once_get_two_hundred_numbers_of_that_day() {
    let (store, _db) = store().await;
    let filings: Vec<_> = (0..200)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .file(&heating(Tier::Urgent), &format!("key-{n}"), &|_| Vec::new(), at("2026-11-25T10:00:00"))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut numbers = HashSet::new();
    for filing in filings {
        numbers.insert(filing.await.unwrap().number);
    }
    let expected: HashSet<String> = (1..=200).map(|n| format!("12010520261125{n:05}")).collect();
    assert_eq!(numbers, expected, "each of the day's numbers once, none skipped");
    let next_day =
        store.file(&heating(Tier::Urgent), "key-next", &|_| Vec::new(), at("2026-11-26T00:00:01")).await.unwrap();
    assert_eq!(next_day.number, "1201052026112600001", "a new day starts again at 1");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_form_sent_twice_at_once_files_once() {
    let (store, _db) = store().await;
    let sends: Vec<_> = (0..10)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .file(&heating(Tier::Urgent), "the-same-key", &|_| Vec::new(), at("2026-11-25T10:00:00"))
                    .await
                    .unwrap()
            })
        })
        .collect();
    let mut answers = HashSet::new();
    for send in sends {
        let filed = send.await.unwrap();
        answers.insert((filed.number, filed.token, filed.access_code));
    }
    assert_eq!(answers.len(), 1, "every send is answered with the one filing");
    let another =
        store.file(&heating(Tier::Urgent), "another-key", &|_| Vec::new(), at("2026-11-25T10:01:00")).await.unwrap();
    assert_eq!(another.number, "1201052026112500002");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_stored_clocks_give_the_deadlines_worked_out_by_hand() {
    let (store, _db) = store().await;
    let calendar = WorkCalendar::official();
    let filed_at = at("2026-09-30T16:00:00");
    let filed = store.file(&heating(Tier::Ordinary), "k", &|_| Vec::new(), filed_at).await.unwrap();
    let petition = store.by_token(&filed.token, filed_at).await.unwrap().unwrap();
    // Ordinary: 1 working day and 7 calendar days; 1–7 October are off.
    assert_eq!(petition.response_due(calendar).at, at("2026-10-09T00:00:00"), "8 October 24:00");
    assert_eq!(petition.result_due(calendar).at, at("2026-10-09T00:00:00"), "8 October 24:00");
    assert_eq!(petition.case.stage, Stage::Filed);
    assert_eq!(petition.filed.place_detail, "3号楼2门501");
    let by_number = store.by_number(&filed.number, &filed.access_code, filed_at).await.unwrap();
    assert_eq!(by_number.map(|p| p.id), Some(petition.id));
    assert_eq!(store.by_number(&filed.number, "00000000", filed_at).await.unwrap(), None, "the code is needed");
}

#[tokio::test(flavor = "multi_thread")]
async fn working_a_petition_records_each_milestone_and_moves_the_clocks() {
    let (store, _db) = store().await;
    let calendar = WorkCalendar::official();
    let handler = Actor::Handler { department: "housing".into() };
    let filed = store.file(&heating(Tier::Ordinary), "k", &|_| Vec::new(), at("2026-11-23T09:00:00")).await.unwrap();
    let mut petition = store.by_token(&filed.token, at("2026-11-23T09:00:00")).await.unwrap().unwrap();
    // Ordinary, filed Monday 23 November: result due 7 calendar days on, Monday 30th 24:00.
    assert_eq!(petition.result_due(calendar).at, at("2026-12-01T00:00:00"));
    let steps = [
        (Actor::Dispatcher, Action::Route { department: "housing".into() }, "2026-11-23T09:30:00", ""),
        (handler.clone(), Action::SignFor, "2026-11-23T10:00:00", ""),
        (handler.clone(), Action::RecordContact, "2026-11-23T11:00:00", "已电话联系"),
        (handler.clone(), Action::AskForInformation, "2026-11-24T09:00:00", "请提供室温照片"),
        (Actor::Resident, Action::AnswerInformation, "2026-11-26T09:00:00", "照片已上传"),
    ];
    for (actor, action, when, note) in steps {
        let step = Step { actor: &actor, action: &action, note, audit: None, texts: &[] };
        petition = store.act(petition.id, petition.version, step, at(when)).await.unwrap().unwrap();
    }
    assert_eq!(petition.responded_at, Some(at("2026-11-23T11:00:00")));
    // Two days standing still are given back: Wednesday 2 December 24:00.
    assert_eq!(petition.result_due(calendar).at, at("2026-12-01T00:00:00") + Duration::days(2));
    let close = Step { actor: &handler, action: &Action::Close, note: "已维修管道", audit: None, texts: &[] };
    let closed = store.act(petition.id, petition.version, close, at("2026-11-27T15:00:00")).await.unwrap().unwrap();
    assert_eq!((closed.case.stage, closed.result_met_at), (Stage::Closed, Some(at("2026-11-27T15:00:00"))));
    let history = store.history(closed.id).await.unwrap();
    let actions: Vec<&str> = history.iter().map(|m| m.action.as_str()).collect();
    assert_eq!(actions, ["file", "route", "sign_for", "contact", "ask_information", "answer_information", "close"]);
    assert_eq!(history[3].note, "已电话联系");
    assert_eq!(history[6].actor, "department:housing");
}

#[tokio::test(flavor = "multi_thread")]
async fn of_two_people_acting_on_one_version_the_second_is_told_and_nothing_is_lost() {
    let (store, _db) = store().await;
    let filed = store.file(&heating(Tier::Urgent), "k", &|_| Vec::new(), at("2026-11-25T10:00:00")).await.unwrap();
    let petition = store.by_token(&filed.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
    let attempts: Vec<_> = ["housing", "urban-management"]
        .into_iter()
        .map(|department| {
            let store = store.clone();
            let (id, version) = (petition.id, petition.version);
            tokio::spawn(async move {
                let route = Action::Route { department: department.into() };
                let step = Step { actor: &Actor::Dispatcher, action: &route, note: "", audit: None, texts: &[] };
                store.act(id, version, step, at("2026-11-25T10:05:00")).await.unwrap()
            })
        })
        .collect();
    let mut outcomes = Vec::new();
    for attempt in attempts {
        outcomes.push(attempt.await.unwrap());
    }
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
    assert!(outcomes.iter().any(|o| matches!(o, Err(NotTaken::Changed))), "{outcomes:?}");
    let history = store.history(petition.id).await.unwrap();
    assert_eq!(history.len(), 2, "filed, and the one routing");
    let sign = Step::resident(&Action::SignFor, "");
    let refused = store.act(petition.id, petition.version + 1, sign, at("2026-11-25T10:06:00")).await.unwrap();
    assert!(matches!(refused, Err(NotTaken::Refused(_))));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_departments_queue_puts_the_next_deadline_first_and_says_each_state() {
    use crate::support::{config, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // the clock: Wednesday 25 November 2026, 10:00
    let petitions = instance.services.petitions.clone();
    let file = async |tier, filed: &str, department: Option<&str>, contacted: bool| {
        let mut new = heating(tier);
        new.title = format!("{filed}的诉求");
        let filed_at = at(filed);
        let token = petitions.file(&new, filed, &|_| Vec::new(), filed_at).await.unwrap().token;
        let Some(department) = department else { return };
        let petition = petitions.by_token(&token, filed_at).await.unwrap().unwrap();
        let route = Action::Route { department: department.into() };
        let step = Step { actor: &Actor::Dispatcher, action: &route, note: "", audit: None, texts: &[] };
        let mut petition = petitions.act(petition.id, petition.version, step, filed_at).await.unwrap().unwrap();
        if contacted {
            let handler = Actor::Handler { department: department.into() };
            for action in [Action::SignFor, Action::RecordContact] {
                let step = Step { actor: &handler, action: &action, note: "", audit: None, texts: &[] };
                petition = petitions.act(petition.id, petition.version, step, filed_at).await.unwrap().unwrap();
            }
        }
    };
    // Response due Tuesday 17 November 24:00, never met: more than its one working day late.
    file(Tier::Ordinary, "2026-11-16T09:00:00", Some("civil-affairs"), false).await;
    // Two hours from 08:20: 20 minutes left of 120, under a quarter.
    file(Tier::Urgent, "2026-11-25T08:20:00", Some("civil-affairs"), false).await;
    // Responded; the result clock's 7 days from Wednesday 25th end Tuesday 1 December 24:00.
    file(Tier::Ordinary, "2026-11-24T09:00:00", Some("civil-affairs"), true).await;
    file(Tier::Ordinary, "2026-11-24T09:30:00", Some("hrss"), false).await;
    file(Tier::Ordinary, "2026-11-24T09:40:00", None, false).await;

    let handler =
        staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "civil-affairs".into() }]).await;
    let get = |cookie: String| {
        Request::get("/staff/petitions/civil-affairs")
            .header(header::COOKIE, cookie)
            .body(axum::body::Body::empty())
            .unwrap()
    };
    let filtered = Request::get("/staff/petitions/civil-affairs?state=due-soon")
        .header(header::COOKIE, handler.clone())
        .body(axum::body::Body::empty())
        .unwrap();
    let due_soon = send(&instance.router, filtered).await;
    let shown: Vec<&str> =
        due_soon.body.match_indices("的诉求</strong>").map(|(i, _)| &due_soon.body[i - 19..i]).collect();
    assert_eq!(shown, ["2026-11-25T08:20:00"], "the filter keeps the due-soon one only");
    assert!(due_soon.body.contains("严重超期 1</li>"), "the counts stay the whole queue's");
    let page = send(&instance.router, get(handler)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let titles: Vec<&str> = page.body.match_indices("的诉求</strong>").map(|(i, _)| &page.body[i - 19..i]).collect();
    assert_eq!(
        titles,
        ["2026-11-16T09:00:00", "2026-11-25T08:20:00", "2026-11-24T09:00:00"],
        "next deadline first; only civil-affairs' routed ones"
    );
    assert!(page.body.contains("响应：2026年11月17日 24:00 截止，已超期7天10小时"), "{}", page.body);
    assert!(page.body.contains("响应：2026年11月25日 10:20 截止，剩余20分钟"));
    assert!(page.body.contains("办结：2026年12月1日 24:00 截止，剩余6天14小时"));
    for (state, count) in [("严重超期", 1), ("已超期", 0), ("即将到期", 1), ("正常", 1)] {
        assert!(page.body.contains(&format!("{state} {count}</li>")), "{state} {count}");
    }
    assert!(!page.body.contains("13812345678") && !page.body.contains("3号楼2门501") && !page.body.contains("张三"));
    let other = staff_cookie(&instance.services, "H0002", vec![Grant::Handler { department: "hrss".into() }]).await;
    assert_eq!(send(&instance.router, get(other)).await.status, StatusCode::FORBIDDEN);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dispatch_centre_routes_new_petitions_and_the_department_finds_them_in_its_queue() {
    use crate::support::{config, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let petitions = instance.services.petitions.clone();
    petitions.file(&heating(Tier::Urgent), "first", &|_| Vec::new(), at("2026-11-25T08:00:00")).await.unwrap();
    let mut letter = heating(Tier::Letters);
    (letter.category, letter.title) = ("letters".into(), "对拆迁补偿的意见".into());
    petitions.file(&letter, "second", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();

    let services = &instance.services;
    let dispatcher = staff_cookie(services, "P0001", vec![Grant::Dispatcher]).await;
    let handler = staff_cookie(services, "H0001", vec![Grant::Handler { department: "housing".into() }]).await;
    let get = |uri: &str, cookie: &str| {
        Request::get(uri).header(header::COOKIE, cookie).body(axum::body::Body::empty()).unwrap()
    };
    let post = |body: &str, cookie: &str| {
        Request::post("/staff/dispatch/route")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body.to_string()))
            .unwrap()
    };
    let desk = send(&instance.router, get("/staff/dispatch", &dispatcher)).await;
    assert_eq!(desk.status, StatusCode::OK, "{}", desk.body);
    let heating_at = desk.body.find("暖气不热</strong>").unwrap();
    assert!(heating_at < desk.body.find("对拆迁补偿的意见</strong>").unwrap(), "oldest first");
    assert!(desk.body.contains(r#"<option value="housing" selected"#), "heating suggests the housing committee");
    assert_eq!(send(&instance.router, get("/staff/dispatch", &handler)).await.status, StatusCode::FORBIDDEN);

    let number = desk.body[heating_at..]
        .split(r#"name="number" value=""#)
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let routing = format!("number={number}&version=0&department=housing");
    assert_eq!(send(&instance.router, post(&routing, &handler)).await.status, StatusCode::FORBIDDEN);
    let routed = send(&instance.router, post(&routing, &dispatcher)).await;
    assert_eq!(routed.status, StatusCode::SEE_OTHER, "{}", routed.body);
    let again = send(&instance.router, post(&routing, &dispatcher)).await;
    assert_eq!(again.status, StatusCode::CONFLICT, "the second to act on that version is told");
    assert!(again.body.contains("这件诉求刚刚已被他人处理"));

    let queue = send(&instance.router, get("/staff/petitions/housing", &handler)).await;
    assert!(queue.body.contains("暖气不热") && !queue.body.contains("对拆迁补偿的意见"));
    let desk = send(&instance.router, get("/staff/dispatch", &dispatcher)).await;
    assert!(!desk.body.contains("暖气不热</strong>"), "routed: off the dispatch list");
    let admin = staff_cookie(services, "A0001", vec![Grant::Admin]).await;
    let trail = send(&instance.router, get("/staff/admin/audit", &admin)).await;
    assert!(trail.body.contains("派单") && trail.body.contains(&format!("诉求{number} → 河北区住房和建设委员会")));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_status_page_shows_the_deadlines_and_milestones_with_personal_data_masked() {
    use crate::support::{config, send};
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // the clock: 25 November 2026, 10:00
    let petitions = instance.services.petitions.clone();
    let filed = petitions.file(&heating(Tier::Urgent), "k", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    let mut petition = petitions.by_token(&filed.token, at("2026-11-25T09:00:00")).await.unwrap().unwrap();
    let handler = Actor::Handler { department: "housing".into() };
    for (actor, action, note, when) in [
        (Actor::Dispatcher, Action::Route { department: "housing".into() }, "河北区住房和建设委员会", "09:05"),
        (handler.clone(), Action::SignFor, "", "09:10"),
        (handler.clone(), Action::RecordContact, "已电话联系", "09:30"),
        (handler.clone(), Action::AskForInformation, "请提供室温照片", "09:40"),
    ] {
        let step = Step { actor: &actor, action: &action, note, audit: None, texts: &[] };
        let when = at(&format!("2026-11-25T{when}:00"));
        petition = petitions.act(petition.id, petition.version, step, when).await.unwrap().unwrap();
    }
    let page = send(
        &instance.router,
        Request::get(format!("/petitions/{}", filed.token)).body(axum::body::Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(page.headers[header::CACHE_CONTROL], "no-store");
    for shown in [
        "120105 20261125 00001",
        "待补充材料",
        "河北区住房和建设委员会",
        "张* · 138****5678",
        // Urgent: 2 hours to respond (met at 09:30), 24 to finish, standing still since 09:40.
        "响应：2026年11月25日 11:00 前，已于2026-11-25 09:30完成",
        "办结：2026年11月26日 09:20 前",
        "部门请您补充材料",
        "请提供室温照片",
    ] {
        assert!(page.body.contains(shown), "{shown} missing from the status page");
    }
    assert!(!page.body.contains("13812345678") && !page.body.contains("3号楼2门501") && !page.body.contains("张三"));
    assert_eq!(
        send(
            &instance.router,
            Request::get("/petitions/NoSuchPetitionNoSuchPetitionNoSuchPetit").body(axum::body::Body::empty()).unwrap()
        )
        .await
        .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_petition_is_found_by_number_and_code_and_guessing_is_cut_short() {
    use crate::support::{config, send};
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let filed = instance
        .services
        .petitions
        .file(&heating(Tier::Urgent), "k", &|_| Vec::new(), at("2026-11-25T09:00:00"))
        .await
        .unwrap();
    let post = |body: String| {
        Request::post("/petitions/lookup")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header("x-forwarded-for", "203.0.113.9")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let spaced = filed.number.replace("2026", " 2026");
    let found = send(&instance.router, post(format!("number={spaced}&code={}", filed.access_code))).await;
    assert_eq!(found.status, StatusCode::SEE_OTHER);
    assert_eq!(found.headers[header::LOCATION], format!("/petitions/{}", filed.token).as_str());
    let wrong_code = if filed.access_code == "00000000" { "11111111" } else { "00000000" };
    for attempt in 2..=10 {
        let wrong = send(&instance.router, post(format!("number={}&code={wrong_code}", filed.number))).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "attempt {attempt}");
        assert!(wrong.body.contains("受理编号或查询码不对"));
    }
    let limited = send(&instance.router, post(format!("number={}&code={}", filed.number, filed.access_code))).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS, "ten tries per number in ten minutes, even right");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dispatcher_files_a_phoned_in_petition_once_with_the_same_checks_as_every_channel() {
    use crate::support::{config, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let dispatcher = staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await;
    let post = |body: String, cookie: &str| {
        Request::post("/staff/dispatch/phone-in")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let encode = crate::support::encode;
    let body = format!(
        "key=phone-1&category=noise&tier=&community={}&place_detail=&title={}&body={}&name={}&phone=13912345678",
        encode("月牙河/金海社区"),
        encode("夜间施工噪声"),
        encode("工地每晚十一点后还在施工，影响休息。"),
        encode("李四"),
    );
    let filed = send(&instance.router, post(body.clone(), &dispatcher)).await;
    assert_eq!(filed.status, StatusCode::OK, "{}", filed.body);
    assert!(filed.body.contains(r#"<code id="phoned-in-number">1201052026112500001</code>"#), "{}", filed.body);
    let again = send(&instance.router, post(body.clone(), &dispatcher)).await;
    assert!(again.body.contains("1201052026112500001"), "the same form sent twice files once");
    let desk = send(
        &instance.router,
        Request::get("/staff/dispatch").header(header::COOKIE, &dispatcher).body(axum::body::Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(desk.body.matches("夜间施工噪声").count(), 1);
    assert!(desk.body.contains(r#"<option value="ecology" selected"#), "noise goes to the ecology bureau");
    let outbox = instance.services.sms.outbox.clone().unwrap();
    assert!(outbox.newest(10).await.unwrap().is_empty(), "an ordinary petition alerts nobody");
    let urgent = body.replace("phone-1", "phone-4").replace("category=noise", "category=heating");
    assert_eq!(send(&instance.router, post(urgent, &dispatcher)).await.status, StatusCode::OK);
    let texts = outbox.newest(10).await.unwrap();
    assert_eq!(texts.len(), 1, "one dispatcher, one text");
    assert_eq!(texts[0].phone_masked, "139****0000");
    assert_eq!(texts[0].words, "【掌上办】新的急迫诉求120105 20261125 00002待派单，请立即处理。");

    let empty = send(&instance.router, post("key=phone-2".into(), &dispatcher)).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    for message in ["请选择诉求类别", "请选择所在街道和社区", "标题4到40个字", "请填写姓名"]
    {
        assert!(empty.body.contains(message), "{message}");
    }
    let handler =
        staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "ecology".into() }]).await;
    assert_eq!(
        send(&instance.router, post(body.replace("phone-1", "phone-3"), &handler)).await.status,
        StatusCode::FORBIDDEN
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_handler_signs_for_contacts_asks_and_replies_and_the_resident_reads_it() {
    use crate::support::{config, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let petitions = instance.services.petitions.clone();
    let filed = petitions.file(&heating(Tier::Urgent), "k", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    let petition = petitions.by_token(&filed.token, at("2026-11-25T09:00:00")).await.unwrap().unwrap();
    let route = Action::Route { department: "housing".into() };
    let step = Step { actor: &Actor::Dispatcher, action: &route, note: "", audit: None, texts: &[] };
    petitions.act(petition.id, 0, step, at("2026-11-25T09:05:00")).await.unwrap().unwrap();

    let handler =
        staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "housing".into() }]).await;
    let page_uri = format!("/staff/petitions/housing/{}", filed.number);
    let get = |uri: &str, cookie: &str| {
        Request::get(uri).header(header::COOKIE, cookie).body(axum::body::Body::empty()).unwrap()
    };
    let post = |body: String, cookie: &str| {
        Request::post(page_uri.as_str())
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let page = send(&instance.router, get(&page_uri, &handler)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(
        page.body.contains("入冬以来室温只有14度") && page.body.contains("3号楼2门501"),
        "the whole text and place"
    );
    assert!(page.body.contains("张*") && !page.body.contains("13812345678"), "the phone only on request");
    assert!(
        page.body.contains(">签收</button>") && !page.body.contains(">答复并办结</button>"),
        "only what the rules allow now"
    );

    let encode = crate::support::encode;
    for (body, version) in [
        ("action=sign_for".to_string(), 1),
        (format!("action=contact&note={}", encode("已电话联系，明天上门")), 2),
        (format!("action=ask_information&note={}", encode("请提供室温照片")), 3),
    ] {
        let done = send(&instance.router, post(format!("{body}&version={version}"), &handler)).await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{body}: {}", done.body);
    }
    let stale = send(&instance.router, post("action=close&version=3&note=xx".into(), &handler)).await;
    assert_eq!(stale.status, StatusCode::CONFLICT, "acted on a version someone already changed");
    let status = send(&instance.router, get(&format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("部门请您补充材料") && status.body.contains("请提供室温照片"));
    assert!(status.body.contains("部门已与您联系") && status.body.contains("已电话联系，明天上门"));

    // The resident answers on the status page; the result clock runs again.
    let answer = |body: String| {
        Request::post(format!("/petitions/{}", filed.token))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    assert!(status.body.contains("提交补充"), "the answer form is offered while the department waits");
    let empty = send(&instance.router, answer("version=4&note=".into())).await;
    assert_eq!(empty.status, StatusCode::BAD_REQUEST);
    assert!(empty.body.contains("请写明补充的内容"));
    let answered = send(&instance.router, answer(format!("version=4&note={}", encode("照片已发到部门邮箱")))).await;
    assert_eq!(answered.status, StatusCode::SEE_OTHER, "{}", answered.body);
    let status = send(&instance.router, get(&format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("您已补充材料") && status.body.contains("照片已发到部门邮箱"));
    assert!(status.body.contains("已联系，办理中") && !status.body.contains("提交补充"));
    let again = send(&instance.router, answer(format!("version=5&note={}", encode("再补充一次")))).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "nothing is asked now");

    let no_note = send(&instance.router, post("action=close&version=5".into(), &handler)).await;
    assert_eq!(no_note.status, StatusCode::BAD_REQUEST);
    assert!(no_note.body.contains("请写明内容"));
    let reply = format!("action=close&version=5&note={}", encode("已维修管道，室温恢复到20度"));
    assert_eq!(send(&instance.router, post(reply, &handler)).await.status, StatusCode::SEE_OTHER);
    // The resident was texted at 签收, at the request for information and at 办结, with the link to answer.
    let texts = instance.services.sms.outbox.clone().unwrap().newest(10).await.unwrap();
    let link = format!("https://zsb.tjhb.example.cn/petitions/{}", filed.token);
    let words: Vec<&str> = texts.iter().rev().map(|t| t.words.as_str()).collect();
    assert_eq!(
        words,
        [
            "【掌上办】您的诉求120105 20261125 00001已由办理部门签收，我们会尽快联系您。".to_string(),
            format!("【掌上办】办理部门请您为诉求120105 20261125 00001补充材料，请打开 {link} 查看并回复。"),
            format!(
                "【掌上办】您的诉求120105 20261125 00001已办结。请打开 {link} 查看答复，并告诉我们是否解决、是否满意。"
            ),
        ]
    );
    assert!(texts.iter().all(|t| t.phone_masked == "138****5678"));
    let other = staff_cookie(&instance.services, "H0002", vec![Grant::Handler { department: "ecology".into() }]).await;
    assert_eq!(send(&instance.router, get(&page_uri, &other)).await.status, StatusCode::FORBIDDEN);
    let not_here = format!("/staff/petitions/ecology/{}", filed.number);
    assert_eq!(send(&instance.router, get(&not_here, &other)).await.status, StatusCode::NOT_FOUND, "not routed there");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_department_asks_and_the_dispatch_centre_decides_more_time_a_transfer_and_a_decline() {
    use crate::support::{config, encode, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // 25 November 2026, 10:00
    let petitions = instance.services.petitions.clone();
    let filed =
        petitions.file(&heating(Tier::Ordinary), "k", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    let petition = petitions.by_token(&filed.token, at("2026-11-25T09:00:00")).await.unwrap().unwrap();
    let route = Action::Route { department: "housing".into() };
    let step = Step { actor: &Actor::Dispatcher, action: &route, note: "", audit: None, texts: &[] };
    petitions.act(petition.id, 0, step, at("2026-11-25T09:05:00")).await.unwrap().unwrap();
    let handler =
        staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "housing".into() }]).await;
    let dispatcher = staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await;
    let post = |uri: String, body: String, cookie: &str| {
        Request::post(uri)
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let get = |uri: String, cookie: &str| {
        Request::get(uri).header(header::COOKIE, cookie).body(axum::body::Body::empty()).unwrap()
    };
    let case = format!("/staff/petitions/housing/{}", filed.number);
    let version = |n: i64| format!("&version={n}");

    // Ordinary: 7 calendar days, at most 7 more. Three more days, asked with a reason.
    let page = send(&instance.router, get(case.clone(), &handler)).await;
    assert!(page.body.contains("最多7日"), "the room left for an extension");
    let no_reason =
        send(&instance.router, post(case.clone(), format!("action=ask_extension&amount=3{}", version(1)), &handler))
            .await;
    assert_eq!(no_reason.status, StatusCode::BAD_REQUEST);
    assert!(no_reason.body.contains("请写明理由"));
    let asked = format!("action=ask_extension&amount=3&note={}{}", encode("需要采购换热器配件"), version(1));
    assert_eq!(send(&instance.router, post(case.clone(), asked, &handler)).await.status, StatusCode::SEE_OTHER);
    let page = send(&instance.router, get(case.clone(), &handler)).await;
    assert!(page.body.contains("等待派单员审核：申请延期3日：需要采购换热器配件"));
    let twice = format!("action=ask_decline&reason=private_civil_matter{}", version(2));
    let refused = send(&instance.router, post(case.clone(), twice, &handler)).await;
    assert!(refused.body.contains("已有一项申请等待派单员审核"), "one request at a time");
    let desk = send(&instance.router, get("/staff/dispatch".into(), &dispatcher)).await;
    assert!(desk.body.contains("河北区住房和建设委员会申请延期3日：需要采购换热器配件"), "{}", desk.body);
    let by_handler = send(
        &instance.router,
        post("/staff/dispatch/decide".into(), format!("number={}&approve=1{}", filed.number, version(2)), &handler),
    )
    .await;
    assert_eq!(by_handler.status, StatusCode::FORBIDDEN, "a department cannot approve its own request");
    let approve = format!("number={}&approve=1{}", filed.number, version(2));
    assert_eq!(
        send(&instance.router, post("/staff/dispatch/decide".into(), approve, &dispatcher)).await.status,
        StatusCode::SEE_OTHER
    );
    let status = send(&instance.router, get(format!("/petitions/{}", filed.token), "")).await;
    // Filed Wednesday 25 November: 7 days end on 2 December, three more on Saturday 5 December, which runs on to
    // the end of Monday 7 December (a calendar-day clock ends on a working day).
    assert!(status.body.contains("办结：2026年12月7日 24:00 前"), "{}", status.body);
    assert!(status.body.contains("办结时限经批准延长3日"));

    // A transfer, sent back: it stays with the department.
    let transfer = format!("action=ask_transfer&to=ecology&note={}{}", encode("属于噪声问题"), version(3));
    assert_eq!(send(&instance.router, post(case.clone(), transfer, &handler)).await.status, StatusCode::SEE_OTHER);
    let back = format!("number={}&approve=0{}", filed.number, version(4));
    assert_eq!(
        send(&instance.router, post("/staff/dispatch/decide".into(), back, &dispatcher)).await.status,
        StatusCode::SEE_OTHER
    );
    let page = send(&instance.router, get(case.clone(), &handler)).await;
    assert!(page.status == StatusCode::OK && !page.body.contains("等待派单员审核"));

    // A decline, approved: the resident is told why, by text and on the status page.
    let decline = format!("action=ask_decline&reason=private_civil_matter{}", version(5));
    assert_eq!(send(&instance.router, post(case.clone(), decline, &handler)).await.status, StatusCode::SEE_OTHER);
    let approve = format!("number={}&approve=1{}", filed.number, version(6));
    assert_eq!(
        send(&instance.router, post("/staff/dispatch/decide".into(), approve, &dispatcher)).await.status,
        StatusCode::SEE_OTHER
    );
    let status = send(&instance.router, get(format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("不予受理：属于民事纠纷，不属于行政机关处理范围"));
    let texts = instance.services.sms.outbox.clone().unwrap().newest(1).await.unwrap();
    assert!(texts[0].words.contains("经审核不予受理"), "{}", texts[0].words);
    assert!(
        !send(&instance.router, get("/staff/dispatch".into(), &dispatcher)).await.body.contains("申请不予受理"),
        "decided"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_residents_callback_sends_it_back_once_a_bad_review_starts_its_clocks_and_a_rating_changes_once() {
    use crate::support::{config, send, staff_cookie};
    use app::staff::model::Grant;
    use axum::http::{header, Request, StatusCode};
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let petitions = instance.services.petitions.clone();
    let filed =
        petitions.file(&heating(Tier::Ordinary), "k", &|_| Vec::new(), at("2026-11-25T08:00:00")).await.unwrap();
    let mut petition = petitions.by_token(&filed.token, at("2026-11-25T08:00:00")).await.unwrap().unwrap();
    let handler = Actor::Handler { department: "housing".into() };
    for (actor, action, note) in [
        (Actor::Dispatcher, Action::Route { department: "housing".into() }, ""),
        (handler.clone(), Action::SignFor, ""),
        (handler.clone(), Action::RecordContact, "已电话联系"),
        (handler.clone(), Action::Close, "已更换阀门"),
    ] {
        let step = Step { actor: &actor, action: &action, note, audit: None, texts: &[] };
        petition =
            petitions.act(petition.id, petition.version, step, at("2026-11-25T09:00:00")).await.unwrap().unwrap();
    }
    let form = |path: &str, body: String| {
        Request::post(format!("/petitions/{}{path}", filed.token))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body))
            .unwrap()
    };
    let get = |uri: String, cookie: &str| {
        Request::get(uri).header(header::COOKIE, cookie).body(axum::body::Body::empty()).unwrap()
    };
    let status = send(&instance.router, get(format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("请评价这次办理") && status.body.contains("非常不满意"));
    let half = send(&instance.router, form("/callback", "version=4&contacted=yes".into())).await;
    assert_eq!(half.status, StatusCode::BAD_REQUEST);
    assert!(half.body.contains("请回答问题是否解决") && half.body.contains("请选择满意程度"));

    // Not solved, and dissatisfied: back to the department once, with a new result clock from now (10:00 on the
    // 25th: 7 days end on 2 December), and the bad review's clocks.
    let not_solved = form("/callback", "version=4&contacted=yes&solved=no&rating=dissatisfied".into());
    assert_eq!(send(&instance.router, not_solved).await.status, StatusCode::SEE_OTHER);
    let status = send(&instance.router, get(format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("您已评价：未解决，退回重办") && status.body.contains("已签收"));
    assert!(status.body.contains("已联系 · 未解决 · 不满意"));
    assert!(status.body.contains("办结：2026年12月2日 24:00 前"), "{}", status.body);
    let cookie = staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "housing".into() }]).await;
    let case = format!("/staff/petitions/housing/{}", filed.number);
    let page = send(&instance.router, get(case.clone(), &cookie)).await;
    // Given on Wednesday 25 November: call back by the end of Thursday the 26th; fix within 15 working days,
    // 26 November to 16 December.
    assert!(page.body.contains("回访核实：2026年11月26日 24:00 前"), "{}", page.body);
    assert!(page.body.contains("整改反馈：2026年12月16日 24:00 前"));
    let called = Request::post(case.clone())
        .header(header::COOKIE, &cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("action=review_called"))
        .unwrap();
    assert_eq!(send(&instance.router, called).await.status, StatusCode::SEE_OTHER);
    let page = send(&instance.router, get(case.clone(), &cookie)).await;
    assert!(page.body.contains("回访核实：已于2026-11-25 10:00完成"));

    // Worked again and closed; this time solved and satisfied, then the rating changed once.
    let close = Action::Close;
    let contact = Action::RecordContact;
    for action in [&contact, &close] {
        let step = Step { actor: &handler, action, note: "已再次处理", audit: None, texts: &[] };
        let current = petitions.by_token(&filed.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
        let done = petitions.act(current.id, current.version, step, at("2026-11-25T10:00:00")).await.unwrap();
        assert!(done.is_ok(), "{done:?}");
    }
    let current = petitions.by_token(&filed.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
    let solved = format!("version={}&contacted=yes&solved=yes&rating=satisfied", current.version);
    assert_eq!(send(&instance.router, form("/callback", solved)).await.status, StatusCode::SEE_OTHER);
    let changed = send(&instance.router, form("/rating", "rating=basically_satisfied".into())).await;
    assert_eq!(changed.status, StatusCode::SEE_OTHER);
    let again = send(&instance.router, form("/rating", "rating=very_satisfied".into())).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("评价只能修改一次"));
    let status = send(&instance.router, get(format!("/petitions/{}", filed.token), "")).await;
    assert!(status.body.contains("已完结") && status.body.contains("已联系 · 已解决 · 基本满意（已修改）"));
    assert!(!status.body.contains("撤回诉求") && !status.body.contains("修改评价"), "nothing left to do");
    let records = petitions.callbacks(current.id).await.unwrap();
    assert_eq!(records.len(), 2, "one callback a round");

    // Another resident withdraws an open petition.
    let other =
        petitions.file(&heating(Tier::Ordinary), "k2", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    let withdraw = Request::post(format!("/petitions/{}/withdraw", other.token))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(axum::body::Body::from("version=0"))
        .unwrap();
    assert_eq!(send(&instance.router, withdraw).await.status, StatusCode::SEE_OTHER);
    let status = send(&instance.router, get(format!("/petitions/{}", other.token), "")).await;
    assert!(status.body.contains("已撤回") && status.body.contains("您已撤回"));
}

#[tokio::test(flavor = "multi_thread")]
async fn two_years_after_a_petition_ends_its_name_phone_place_and_photos_are_erased_and_the_case_stays() {
    use app::petitions::store::PhotosOf;
    let (store, _db) = store().await;
    let photo = app::photos::Photo { jpeg: vec![0xFF, 0xD8, 0xFF, 0xD9], width: 1, height: 1 };
    store.add_photo("k", &photo, at("2026-11-25T09:00:00")).await.unwrap();
    let filed = store.file(&heating(Tier::Urgent), "k", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    let petition = store.by_token(&filed.token, at("2026-11-25T09:00:00")).await.unwrap().unwrap();
    let withdraw = Action::Withdraw;
    store.act(petition.id, 0, Step::resident(&withdraw, ""), at("2026-11-26T10:00:00")).await.unwrap().unwrap();
    let open = store.file(&heating(Tier::Urgent), "k2", &|_| Vec::new(), at("2026-11-25T09:00:00")).await.unwrap();
    store.add_photo("never-filed", &photo, at("2026-11-25T09:00:00")).await.unwrap();

    // A day after: only the unfiled draft's photo goes.
    assert_eq!(store.erase_old(at("2026-11-26T09:00:01")).await.unwrap(), 0);
    assert!(store.photos(PhotosOf::Draft("never-filed")).await.unwrap().is_empty());
    assert_eq!(store.photos(PhotosOf::Petition(petition.id)).await.unwrap().len(), 1);
    // 730 days after it ended is 25 November 2028, 10:00 (2028 has a 29 February): not yet; a moment later, erased.
    assert_eq!(store.erase_old(at("2028-11-25T10:00:00")).await.unwrap(), 0);
    assert_eq!(store.erase_old(at("2028-11-25T10:00:01")).await.unwrap(), 1, "only the ended one");
    let erased = store.by_token(&filed.token, at("2028-11-26T00:00:00")).await.unwrap().unwrap();
    assert_eq!(
        (erased.filed.applicant_name.as_str(), erased.filed.phone.as_str(), erased.filed.place_detail.as_str()),
        ("", "", "")
    );
    assert_eq!((erased.filed.title.as_str(), erased.case.stage), ("暖气不热", Stage::Withdrawn), "the case stays");
    assert_eq!(store.history(erased.id).await.unwrap().len(), 2, "and its history");
    assert!(store.photos(PhotosOf::Petition(petition.id)).await.unwrap().is_empty());
    let still_open = store.by_token(&open.token, at("2028-11-26T00:00:00")).await.unwrap().unwrap();
    assert_eq!(still_open.filed.phone, "13812345678", "an open petition keeps what it needs");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_history_loads_once_says_so_on_every_page_and_is_removed_whole() {
    use crate::support::{config, get};
    let db = TestDb::fresh().await;
    let demo = server::config::Config { demo_history: true, ..config(&db) };
    let started = std::time::Instant::now();
    let instance = server::build(&demo).await.unwrap();
    eprintln!("loaded the demo history in {:?}", started.elapsed());
    let pool = db::connect(&db.url).await.unwrap();
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move { db::on_backend!(&pool, |pool| sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap() }
    };
    let petitions = count("SELECT COUNT(*) FROM petitions").await;
    assert!((29_000..=31_000).contains(&petitions), "{petitions}");
    assert_eq!(
        count("SELECT COUNT(*) FROM petitions WHERE personal_erased AND phone = ''").await,
        petitions,
        "no personal data"
    );
    assert!(count("SELECT COUNT(*) FROM petition_callbacks").await > 20_000);
    for page in ["/", "/items/54", "/petitions", "/staff/sign-in"] {
        assert!(get(&instance.router, page).await.body.contains("演示数据："), "{page} says 演示数据");
    }
    // The next real petition of its last day takes the next number; a second start loads nothing more.
    let last_day = count("SELECT MAX(last_sequence) FROM petition_day_counters WHERE day = '2026-11-24'").await;
    assert!(last_day > 40);
    drop(instance);
    server::build(&demo).await.unwrap();
    assert_eq!(count("SELECT COUNT(*) FROM petitions").await, petitions, "loaded once");

    let removed = server::petitions::demo::remove(&pool).await.unwrap();
    assert_eq!(removed as i64, petitions);
    // As `server demo remove` does: the demo year of enforcement records goes with it.
    assert!(server::rankings::demo::remove(&pool).await.unwrap() > 0);
    for table in ["petitions", "petition_events", "petition_callbacks", "demo_petitions"] {
        let sql: &'static str = Box::leak(format!("SELECT COUNT(*) FROM {table}").into_boxed_str());
        assert_eq!(count(sql).await, 0, "{table} is empty again");
    }
    let after = server::build(&config(&db)).await.unwrap();
    assert!(!get(&after.router, "/").await.body.contains("演示数据："), "and the pages stop saying so");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_dispatch_centre_sees_every_overdue_petition_calls_back_by_phone_and_merges_a_duplicate() {
    use crate::support::{config, encode, staff_cookie, Visitor};
    use app::staff::model::Grant;
    use axum::http::StatusCode;
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let petitions = instance.services.petitions.clone();
    let handler = Actor::Handler { department: "housing".into() };
    let walk = |filed_at: &'static str, key: &'static str, steps: Vec<(Actor, Action)>| {
        let petitions = petitions.clone();
        async move {
            let filed = petitions.file(&heating(Tier::Ordinary), key, &|_| Vec::new(), at(filed_at)).await.unwrap();
            let mut petition = petitions.by_token(&filed.token, at(filed_at)).await.unwrap().unwrap();
            for (actor, action) in steps {
                let step = Step { actor: &actor, action: &action, note: "已处理", audit: None, texts: &[] };
                petition = petitions.act(petition.id, petition.version, step, at(filed_at)).await.unwrap().unwrap();
            }
            (filed, petition)
        }
    };
    let route = || (Actor::Dispatcher, Action::Route { department: "housing".into() });
    // Filed Friday 20 November and never signed for: its response was due at the end of Monday the 23rd.
    let (late, _) = walk("2026-11-20T09:00:00", "late", vec![route()]).await;
    let (closed, closed_now) = walk(
        "2026-11-25T08:00:00",
        "closed",
        vec![
            route(),
            (handler.clone(), Action::SignFor),
            (handler.clone(), Action::RecordContact),
            (handler.clone(), Action::Close),
        ],
    )
    .await;
    let (first, _) = walk("2026-11-25T08:30:00", "first", vec![]).await;
    let (again, again_now) = walk("2026-11-25T09:00:00", "again", vec![]).await;

    let mut dispatcher = Visitor::new(instance.router.clone());
    dispatcher.cookie = Some(staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await);
    let desk = dispatcher.get("/staff/dispatch").await;
    let overdue =
        desk.body.split(r#"id="overdue""#).nth(1).unwrap().split(r#"id="callbacks""#).next().unwrap().to_string();
    assert!(
        overdue.contains(&late.number) && overdue.contains("河北区住房和建设委员会") && overdue.contains("已超期"),
        "{overdue}"
    );
    assert!(!overdue.contains(&closed.number), "only the overdue");

    // The closed one's resident phoned in: the dispatcher records their callback.
    let half = dispatcher
        .post(
            "/staff/dispatch/callback",
            &format!("number={}&version={}&contacted=yes", closed.number, closed_now.version),
        )
        .await;
    assert_eq!(half.status, StatusCode::BAD_REQUEST);
    let called = format!(
        "number={}&version={}&contacted=yes&solved=yes&rating=very_satisfied",
        closed.number, closed_now.version
    );
    assert_eq!(dispatcher.post("/staff/dispatch/callback", &called).await.status, StatusCode::SEE_OTHER);
    let finished = petitions.by_token(&closed.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
    assert_eq!(finished.case.stage, Stage::Finished);
    let trail = instance.services.staff.audit_trail(5).await.unwrap();
    assert!(trail.iter().any(|entry| entry.action == "电话回访"));

    // The second is the same as the first: merged into it, and its resident is told which one carries on.
    let to_itself = format!("number={}&version={}&into={}", again.number, again_now.version, again.number);
    assert_eq!(dispatcher.post("/staff/dispatch/merge", &to_itself).await.status, StatusCode::BAD_REQUEST);
    let merge = format!("number={}&version={}&into={}", again.number, again_now.version, encode(&first.number));
    assert_eq!(dispatcher.post("/staff/dispatch/merge", &merge).await.status, StatusCode::SEE_OTHER);
    let status = Visitor::new(instance.router.clone()).get(&format!("/petitions/{}", again.token)).await;
    assert!(status.body.contains("已合并") && status.body.contains("120105 20261125 00003"), "{}", status.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_petition_is_given_to_a_handler_of_its_department_and_their_queue_filters_to_it() {
    use crate::support::{config, staff_account, staff_session, Visitor};
    use app::staff::model::Grant;
    use axum::http::StatusCode;
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let services = &instance.services;
    let housing = || vec![Grant::Handler { department: "housing".into() }];
    let (sun, li) =
        (staff_account(services, "H0001", housing()).await, staff_account(services, "H0002", housing()).await);
    staff_account(services, "H0003", vec![Grant::Handler { department: "ecology".into() }]).await;
    let mut dispatcher = Visitor::new(instance.router.clone());
    dispatcher.cookie = Some(crate::support::staff_cookie(services, "P0001", vec![Grant::Dispatcher]).await);
    let first = services
        .petitions
        .file(&heating(Tier::Ordinary), "a", &|_| Vec::new(), at("2026-11-25T09:00:00"))
        .await
        .unwrap();
    let second = services
        .petitions
        .file(&heating(Tier::Ordinary), "b", &|_| Vec::new(), at("2026-11-25T09:30:00"))
        .await
        .unwrap();

    // Routed with a handler of another department: refused whole, and still there to route.
    let wrong = dispatcher
        .post("/staff/dispatch/route", &format!("number={}&version=0&department=housing&assignee=H0003", first.number))
        .await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("只能指定本部门的承办人"));
    let unrouted = services.petitions.by_token(&first.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
    assert_eq!((unrouted.case.department, unrouted.version), (None, 0), "nothing stored");
    let to_department = format!("number={}&version=0&department=housing&assignee=", first.number);
    assert_eq!(dispatcher.post("/staff/dispatch/route", &to_department).await.status, StatusCode::SEE_OTHER);
    let routed = format!("number={}&version=0&department=housing&assignee=H0001", second.number);
    assert_eq!(dispatcher.post("/staff/dispatch/route", &routed).await.status, StatusCode::SEE_OTHER);

    let mut handler = Visitor::new(instance.router.clone());
    handler.cookie = Some(staff_session(services, sun).await);
    let mine = handler.get("/staff/petitions/housing?assignee=me").await;
    assert!(mine.body.contains(&second.number) && !mine.body.contains(&first.number), "only the one given to H0001");
    assert!(mine.body.contains("承办人：职员H0001（H0001）"));
    // The department gives the first to H0002, who finds it under their own.
    let page = format!("/staff/petitions/housing/{}", first.number);
    assert_eq!(handler.post(&page, "action=assign&assignee=H0003").await.status, StatusCode::BAD_REQUEST);
    assert_eq!(handler.post(&page, "action=assign&assignee=H0002").await.status, StatusCode::SEE_OTHER);
    let mut colleague = Visitor::new(instance.router.clone());
    colleague.cookie = Some(staff_session(services, li).await);
    assert!(colleague.get("/staff/petitions/housing?assignee=me").await.body.contains(&first.number));
    assert!(!handler.get("/staff/petitions/housing?assignee=none").await.body.contains(&first.number));
    let trail = services.staff.audit_trail(10).await.unwrap();
    assert_eq!(trail.iter().filter(|entry| entry.action == "指定承办人").count(), 2);
}
