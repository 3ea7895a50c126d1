//! The booking questions as a browser without JavaScript sees them: plain form posts, 303s onward, the same page
//! with a 400 and its problems when an answer is wrong, and no full ID number or phone in any page.

use crate::support::{self, app, config, encode, goes_to, Visitor};
use axum::{
    http::{header, StatusCode},
    Router,
};

#[tokio::test(flavor = "multi_thread")]
async fn a_resident_books_without_javascript_and_a_second_submission_books_nothing_more() {
    let (app, db) = app().await;
    let mut visitor = Visitor::new(app);

    goes_to(&visitor.post("/book/start", "item=54").await, "/book/place");
    // Skipping ahead is sent back to the first unanswered question.
    let skipped = visitor.get("/book/slot").await;
    assert_eq!(skipped.status, StatusCode::FOUND);
    assert_eq!(skipped.headers[header::LOCATION], "/book/place");

    let no_place = visitor.post("/book/place", "place=").await;
    assert_eq!(no_place.status, StatusCode::BAD_REQUEST);
    assert!(no_place.body.contains("请修改以下问题") && no_place.body.contains("请选择一个办理点。"));
    goes_to(&visitor.post("/book/place", "place=hall-1").await, "/book/day");

    let days = visitor.get("/book/day").await;
    assert!(days.body.contains("11月26日 星期四") && days.body.contains("当天不办公"), "Sunday is shown closed");
    let sunday = visitor.post("/book/day", "day=2026-11-29").await;
    assert_eq!(sunday.status, StatusCode::BAD_REQUEST);
    goes_to(&visitor.post("/book/day", "day=2026-11-26").await, "/book/slot");
    goes_to(&visitor.post("/book/slot", "slot=09%3A00").await, "/book/who");

    let wrong = format!("name={}&id_type=resident_card&id_number=110101202311012171&phone=123", encode("张三"));
    let wrong = visitor.post("/book/who", &wrong).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("身份证号码校验位不对") && wrong.body.contains("请填写11位手机号码"));
    assert!(wrong.body.contains(r#"value="张三""#), "the name is kept");
    assert!(!wrong.body.contains("110101202311012171"), "an ID number is never echoed");
    let right = format!("name={}&id_type=resident_card&id_number=11010519491231002x&phone=13812345678", encode("张三"));
    goes_to(&visitor.post("/book/who", &right).await, "/book/consent");
    assert_eq!(visitor.post("/book/consent", "").await.status, StatusCode::BAD_REQUEST);
    goes_to(&visitor.post("/book/consent", "agree=1").await, "/book/check");

    let check = visitor.get("/book/check").await;
    assert_eq!(check.headers[header::CACHE_CONTROL], "no-store", "nothing personal stays in a browser's cache");
    assert!(check.body.contains("110105********002X") && check.body.contains("138****5678"));
    assert!(!check.body.contains("11010519491231002X") && !check.body.contains("13812345678"));
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();

    let first = visitor.post("/book/confirm", &format!("key={key}")).await;
    let second = visitor.post("/book/confirm", &format!("key={key}")).await;
    assert_eq!(first.status, StatusCode::SEE_OTHER);
    let location = first.headers[header::LOCATION].to_str().unwrap().to_string();
    assert!(location.starts_with("/bookings/"));
    assert_eq!(second.headers[header::LOCATION], location.as_str(), "the same confirmation");
    let pool = server::db::connect(&db.url).await.unwrap();
    let bookings: i64 = server::db::on_backend!(&pool, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM bookings")
        .fetch_one(pool)
        .await)
    .unwrap();
    assert_eq!(bookings, 1);

    // Booked, the draft forgets who: the session keeps neither the ID number nor the phone.
    for record in support::stored_sessions(&db.url).await {
        assert!(!record.contains("11010519491231002X") && !record.contains("13812345678"), "{record}");
    }
    let check_again = visitor.get("/book/check").await;
    assert_eq!(check_again.headers[header::LOCATION], location.as_str(), "a finished booking shows itself");

    let confirmation = visitor.get(&location).await;
    assert_eq!(confirmation.status, StatusCode::OK);
    assert!(confirmation.body.contains("预约成功") && confirmation.body.contains("张*"));
    assert!(confirmation.body.contains("11月26日 星期四 09:00–09:30") && confirmation.body.contains("居民身份证"));
    assert!(!confirmation.body.contains("11010519491231002X") && !confirmation.body.contains("13812345678"));
    let code = confirmation.body.split(r#"class="check-in-code">"#).nth(1).unwrap().split('<').next().unwrap();
    assert!(app::booking::codes::normalise_check_in(code).is_some(), "a check-in code: {code}");

    let ics = visitor.get(&format!("{location}/calendar.ics")).await;
    assert_eq!(ics.headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
    assert!(ics.body.contains("BEGIN:VEVENT") && ics.body.contains("DTSTART:20261126T010000Z"), "09:00 Beijing");
    assert!(ics.body.contains("TRIGGER:-PT3600S") || ics.body.contains("TRIGGER:-PT1H"), "{}", ics.body);
    assert!(!ics.body.contains("张"), "no personal data in the calendar file");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_item_that_cannot_be_booked_and_an_unknown_booking_say_so() {
    let (app, _db) = app().await;
    let mut visitor = Visitor::new(app);
    let refused = visitor.post("/book/start", "item=99999").await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("这个事项不能预约到现场办理"));
    assert_eq!(visitor.get("/bookings/not-a-token").await.status, StatusCode::NOT_FOUND);
    assert_eq!(visitor.get("/bookings/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await.status, StatusCode::NOT_FOUND);
    // Without a draft, every question leads back to the start.
    for question in ["/book/who", "/book/consent", "/book/check"] {
        let lost = visitor.get(question).await;
        assert_eq!(lost.headers[header::LOCATION], "/book", "{question}");
    }
}

/// Books item 54 at hall-1 on 26 November at `slot` for the `n`th person; the booking page's path.
async fn booked(visitor: &mut Visitor, n: u32, slot: &str) -> String {
    let first17 = format!("12010519900101{n:03}");
    let id = format!("{first17}{}", app::personal::check_digit(&first17));
    visitor.post("/book/start", "item=54").await;
    visitor.post("/book/place", "place=hall-1").await;
    visitor.post("/book/day", "day=2026-11-26").await;
    visitor.post("/book/slot", &format!("slot={}", encode(slot))).await;
    let who = format!("name={}&id_type=resident_card&id_number={id}&phone=13812345678", encode("李四"));
    visitor.post("/book/who", &who).await;
    visitor.post("/book/consent", "agree=1").await;
    let check = visitor.get("/book/check").await;
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    let done = visitor.post("/book/confirm", &format!("key={key}")).await;
    done.headers[header::LOCATION].to_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_day_the_staff_closed_shows_closed_with_their_reason_and_only_that_day() {
    let db = crate::support::TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let grant = app::staff::model::Grant::CounterStaff { place: "hall-1".into() };
    let staff = crate::support::staff_cookie(&instance.services, "C0001", vec![grant]).await;
    let mut counter = Visitor::new(instance.router.clone());
    counter.cookie = Some(staff);
    let closed =
        counter.post("/staff/counter/hall-1/close", &format!("day=2026-11-27&reason={}", encode("设备检修"))).await;
    goes_to(&closed, "/staff/counter/hall-1");
    let mut visitor = Visitor::new(instance.router);
    goes_to(&visitor.post("/book/start", "item=54").await, "/book/place");
    goes_to(&visitor.post("/book/place", "place=hall-1").await, "/book/day");
    let days = visitor.get("/book/day").await;
    assert_eq!(days.body.matches("临时停止办公：设备检修").count(), 1, "one closed day among the fourteen");
    let closed = visitor.post("/book/day", "day=2026-11-27").await;
    assert_eq!(closed.status, StatusCode::BAD_REQUEST);
    assert!(closed.body.contains("临时停止办公：设备检修"));
    goes_to(&visitor.post("/book/day", "day=2026-11-26").await, "/book/slot");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_link_holder_reschedules_and_cancels() {
    let (app, _db) = app().await;
    let mut visitor = Visitor::new(app);
    let page = booked(&mut visitor, 1, "09:00").await;

    let options = visitor.get(&format!("{page}/reschedule?day=2026-11-27")).await;
    assert!(options.body.contains("改到这个时段") && options.body.contains("11月27日 星期五"));
    let bad = visitor.post(&format!("{page}/reschedule"), "day=2026-11-29&slot=09%3A00").await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "a Sunday");
    goes_to(&visitor.post(&format!("{page}/reschedule"), "day=2026-11-27&slot=10%3A30").await, &page);
    assert!(visitor.get(&page).await.body.contains("11月27日 星期五 10:30–11:00"));

    goes_to(&visitor.post(&format!("{page}/cancel"), "").await, &page);
    let cancelled = visitor.get(&page).await;
    assert!(cancelled.body.contains("已取消") && !cancelled.body.contains("确认取消"));
    let again = visitor.post(&format!("{page}/cancel"), "").await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST);
    assert!(again.body.contains("这个预约已经不能取消"));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resident_finds_their_bookings_with_phone_and_code_and_guessing_is_cut_short() {
    let (app, _db) = app().await;
    let mut resident = Visitor::new(app.clone());
    let page = booked(&mut resident, 2, "15:00").await;
    let code = resident.get(&page).await.body.split(r#"class="check-in-code">"#).nth(1).unwrap()[..8].to_string();

    let mut elsewhere = Visitor::new(app);
    assert!(elsewhere.get("/my-bookings").await.body.contains("用手机号码和签到码查找"));
    let malformed = elsewhere.post("/bookings/lookup", "phone=123&code=abc").await;
    assert_eq!(malformed.status, StatusCode::BAD_REQUEST);
    assert!(malformed.body.contains("请填写11位手机号码") && malformed.body.contains("签到码是8位"));
    let wrong = elsewhere.post("/bookings/lookup", "phone=13812345678&code=ABCD2345").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("没有找到"));
    goes_to(
        &elsewhere.post("/bookings/lookup", &format!("phone=138+1234+5678&code={}", code.to_lowercase())).await,
        "/my-bookings",
    );
    let mine = elsewhere.get("/my-bookings").await;
    assert!(mine.body.contains("结婚登记") && mine.body.contains("15:00–15:30") && mine.body.contains(&page));
    assert!(!mine.body.contains("13812345678"));

    // Ten lookups per phone in ten minutes; the eleventh is refused whatever the code.
    for _ in 0..8 {
        let wrong = elsewhere.post("/bookings/lookup", "phone=13812345678&code=ABCD2345").await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "still within the limit");
    }
    let limited = elsewhere.post("/bookings/lookup", &format!("phone=13812345678&code={code}")).await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("查询太频繁了"));
}

#[tokio::test(flavor = "multi_thread")]
async fn guessing_across_many_phone_numbers_from_one_address_is_cut_short_too() {
    let (app, _db) = app().await;
    let mut guesser = Visitor::at(app.clone(), "192.0.2.66");
    // Sixty tries from one address, each with a fresh phone number (so no phone's own limit is reached).
    for n in 0..60 {
        let wrong = guesser.post("/bookings/lookup", &format!("phone=1391234{n:04}&code=ABCD2345")).await;
        assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    }
    let limited = guesser.post("/bookings/lookup", "phone=13912349999&code=ABCD2345").await;
    assert_eq!(limited.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(limited.body.contains("查询太频繁了"));
    // The address is the one the proxy saw (the rightmost), not what the client claims: someone else is unaffected.
    let neighbour = Visitor::at(app, "192.0.2.67").post("/bookings/lookup", "phone=13912349999&code=ABCD2345").await;
    assert_eq!(neighbour.status, StatusCode::BAD_REQUEST);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_place_question_asks_for_the_street_first_when_many_places_handle_the_item() {
    let (app, _db) = app().await;
    let mut visitor = Visitor::new(app);
    // 结婚登记 is handled at 119 places over the district's 10 streets.
    goes_to(&visitor.post("/book/start", "item=54").await, "/book/place");
    let streets = visitor.get("/book/place").await;
    assert_eq!(streets.status, StatusCode::OK);
    assert_eq!(streets.body.matches(r#"name="place""#).count(), 0, "no place before a street is chosen");
    assert_eq!(streets.body.matches("/book/place?street=").count(), 10, "one link a street");
    assert!(streets.body.contains("望海楼街") && streets.body.contains("13个办理点"));

    let street = format!("/book/place?street={}", encode("望海楼"));
    let places = visitor.get(&street).await;
    assert_eq!(places.body.matches(r#"name="place""#).count(), 13, "望海楼's places");
    assert!(places.body.contains("河北区政务服务中心无人审批超市"));
    // A missing answer lists the same street's places again, with the problem.
    let none = visitor.post("/book/place", &format!("place=&street={}", encode("望海楼"))).await;
    assert_eq!(none.status, StatusCode::BAD_REQUEST);
    assert!(none.body.contains("请选择一个办理点。"));
    assert_eq!(none.body.matches(r#"name="place""#).count(), 13);
    goes_to(&visitor.post("/book/place", "place=hall-1").await, "/book/day");
    // Coming back, the answer is shown on its street.
    let back = visitor.get("/book/place").await;
    assert_eq!(back.body.matches(r#"name="place""#).count(), 13);
    assert_eq!(visitor.get("/book/place?street=").await.body.matches(r#"name="place""#).count(), 0);

    // An item handled at one place lists it at once.
    goes_to(&visitor.post("/book/start", "item=2").await, "/book/place");
    assert_eq!(visitor.get("/book/place").await.body.matches(r#"name="place""#).count(), 1);
}

#[tokio::test]
async fn a_draft_saved_by_an_older_release_starts_the_booking_over() {
    use app::booking::{draft::Draft, service::draft};
    use app::ui::questions::Questions;
    use tower_sessions::{MemoryStore, Session};
    const SESSION_KEY: &str = <Draft as Questions>::SESSION_KEY;
    let session = Session::new(None, std::sync::Arc::new(MemoryStore::default()), None);
    // Before drafts kept their kiosk's name, `kiosk` was the place's id alone.
    let old = serde_json::json!({
        "key": "k", "item": 54, "place_id": "community-006", "day": null, "starts": null, "wait_if_full": false,
        "applicant": null, "consented": false, "booked": null, "kiosk": "community-006"
    });
    session.insert(SESSION_KEY, old).await.unwrap();
    assert!(draft(&session).await.unwrap().is_none());
    assert!(session.get::<serde_json::Value>(SESSION_KEY).await.unwrap().is_none(), "the old draft is gone");
}

/// A server on a fresh database whose clock is stopped at `instant` (Beijing time).
async fn app_at(instant: &str) -> (Router, support::TestDb) {
    let db = support::TestDb::fresh().await;
    let at = chrono::DateTime::parse_from_rfc3339(instant).unwrap().with_timezone(&app::clock::beijing());
    let config = server::config::Config { clock: app::clock::Clock::fixed(at), ..config(&db) };
    (server::build(&config).await.unwrap().router, db)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_public_holiday_is_refused_and_a_make_up_workday_opens_with_mondays_hours() {
    // Monday 28 September 2026: National Day (1–7 October) and its make-up Saturday (10 October) are ahead.
    let (app, _db) = app_at("2026-09-28T10:00:00+08:00").await;
    let mut visitor = Visitor::new(app);
    // 居民身份证换领 at hall-2, which is closed on ordinary weekends.
    goes_to(&visitor.post("/book/start", "item=1").await, "/book/place");
    goes_to(&visitor.post("/book/place", "place=hall-2").await, "/book/day");
    let holiday = visitor.post("/book/day", "day=2026-10-01").await;
    assert_eq!(holiday.status, StatusCode::BAD_REQUEST);
    assert!(holiday.body.contains("国庆节放假，不办公"), "{}", holiday.body);
    let weekend = visitor.post("/book/day", "day=2026-10-11").await;
    assert_eq!(weekend.status, StatusCode::BAD_REQUEST, "an ordinary Sunday");
    goes_to(&visitor.post("/book/day", "day=2026-10-10").await, "/book/slot");
    let slots = visitor.get("/book/slot").await;
    assert!(slots.body.contains("09:00–09:30") && slots.body.contains("16:30–17:00"), "Monday's 09:00–17:00");
}

#[tokio::test(flavor = "multi_thread")]
async fn days_in_a_year_whose_holidays_are_not_published_are_not_offered() {
    // 28 December 2026: the fourteen days reach into 2027, whose schedule is not published (not checked in).
    let (app, _db) = app_at("2026-12-28T10:00:00+08:00").await;
    let mut visitor = Visitor::new(app);
    goes_to(&visitor.post("/book/start", "item=54").await, "/book/place");
    goes_to(&visitor.post("/book/place", "place=hall-1").await, "/book/day");
    let days = visitor.get("/book/day").await;
    assert!(days.body.contains("1月4日 星期一") && days.body.contains("节假日安排尚未公布"), "shown, not offered");
    let unpublished = visitor.post("/book/day", "day=2027-01-04").await;
    assert_eq!(unpublished.status, StatusCode::BAD_REQUEST);
    assert!(unpublished.body.contains("节假日安排尚未公布，暂不开放预约"));
    goes_to(&visitor.post("/book/day", "day=2026-12-29").await, "/book/slot");
}

#[tokio::test(flavor = "multi_thread")]
async fn counter_staff_see_today_masked_mark_arrivals_and_no_shows_and_close_and_reopen_a_day() {
    use crate::support::{booked_in_store, staff_cookie, TestDb};
    use app::staff::model::Grant;
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    // The clock stands at 10:00 on 25 November: the 10:00 slot may check in, the 09:30 one is past it.
    let due = booked_in_store(&db.url, "hall-1", "2026-11-25", "10:00", 1).await;
    let missed = booked_in_store(&db.url, "hall-1", "2026-11-25", "09:30", 2).await;
    let tomorrow = booked_in_store(&db.url, "hall-1", "2026-11-26", "09:00", 3).await;
    let cookie = staff_cookie(&instance.services, "C0001", vec![Grant::CounterStaff { place: "hall-1".into() }]).await;
    let mut counter = Visitor::new(instance.router.clone());
    counter.cookie = Some(cookie);

    let today = counter.get("/staff/counter/hall-1").await;
    assert_eq!(today.status, StatusCode::OK, "{}", today.body);
    assert!(today.body.contains("赵*") && !today.body.contains("赵六"), "names masked until opened");
    assert!(!today.body.contains("E00000001") && !today.body.contains("13700000000"));
    assert!(today.body.contains(&due.check_in_code) && today.body.contains(&missed.check_in_code));
    assert_eq!(counter.get("/staff/counter/hall-2").await.status, StatusCode::FORBIDDEN, "another place's counter");

    let opened = counter.get(&format!("/staff/counter/hall-1/bookings/{}", due.token)).await;
    assert!(opened.body.contains("赵六") && opened.body.contains("E00000001") && opened.body.contains("13700000000"));
    assert_eq!(opened.headers[header::CACHE_CONTROL], "no-store");

    goes_to(
        &counter.post("/staff/counter/hall-1/arrived", &format!("token={}", due.token)).await,
        "/staff/counter/hall-1",
    );
    let early = counter.post("/staff/counter/hall-1/no-show", &format!("token={}", tomorrow.token)).await;
    assert_eq!(early.status, StatusCode::BAD_REQUEST);
    assert!(early.body.contains("还不能标记为未到场"), "{}", early.body);
    goes_to(
        &counter.post("/staff/counter/hall-1/no-show", &format!("token={}", missed.token)).await,
        "/staff/counter/hall-1",
    );
    let after = counter.get("/staff/counter/hall-1").await;
    assert!(after.body.contains("第1位签到 · 已签到"), "{}", after.body);
    assert!(after.body.contains("未按时到场"));

    let mut resident = Visitor::new(instance.router.clone());
    assert!(resident.get(&format!("/bookings/{}", missed.token)).await.body.contains("未按时到场，预约已失效"));

    let close = format!("day=2026-11-26&reason={}", encode("停电检修"));
    goes_to(&counter.post("/staff/counter/hall-1/close", &close).await, "/staff/counter/hall-1");
    let closed = resident.get(&format!("/bookings/{}", tomorrow.token)).await;
    assert!(closed.body.contains("办理点当天停止办公"), "{}", closed.body);
    goes_to(&counter.post("/staff/counter/hall-1/reopen", "day=2026-11-26").await, "/staff/counter/hall-1");
    let reopened = resident.get(&format!("/bookings/{}", tomorrow.token)).await;
    assert!(reopened.body.contains("预约成功") && !reopened.body.contains("停止办公"), "{}", reopened.body);

    let admin = staff_cookie(&instance.services, "A0001", vec![Grant::Admin]).await;
    let mut auditor = Visitor::new(instance.router);
    auditor.cookie = Some(admin);
    let trail = auditor.get("/staff/admin/audit").await;
    for action in ["查看预约人信息", "标记到场", "标记未到场", "当天停止办公", "恢复办公"] {
        assert!(trail.body.contains(action), "{action} is in the audit trail");
    }
    assert!(!trail.body.contains("赵六") && !trail.body.contains("E00000001"), "masked values only");
}
