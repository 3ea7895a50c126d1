//! Staff identity through the real router and database: the first admin from the command line's service call,
//! enrolling from the one-time link (the secret read off the page, as a person types it into an authenticator),
//! signing in with password and code, the throttling, the session limits on the app's clock, admins' changes, and
//! the audit trail the database keeps append-only.

use crate::support::{self, send, Page, TestDb};
use app::staff::secrets::code_at;
use axum::{
    body::Body,
    http::{header, Request, StatusCode},
    Router,
};
use chrono::{DateTime, Duration, FixedOffset};

const PASSWORD: &str = "海河边的春天来了真好看";
const WRONG: &str = "工号、密码或动态验证码不正确。";

/// An instance on `db` whose clock stands at `at` (Beijing time, on 25 November 2026).
async fn instance_at(db: &TestDb, at: &str) -> (Router, app::services::Services) {
    let mut config = support::config(db);
    let at = DateTime::parse_from_rfc3339(&format!("2026-11-25T{at}+08:00")).unwrap();
    config.clock = app::clock::Clock::fixed(at);
    let instance = server::build(&config).await.unwrap();
    (instance.router, instance.services)
}

fn time(at: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2026-11-25T{at}+08:00")).unwrap()
}

fn form(uri: &str, cookie: Option<&str>, body: &str) -> Request<Body> {
    let mut request = Request::post(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header("x-forwarded-for", "203.0.113.7")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

fn get(uri: &str, cookie: Option<&str>) -> Request<Body> {
    let mut request = Request::get(uri).header("x-forwarded-for", "203.0.113.7");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.body(Body::empty()).unwrap()
}

use crate::support::encode;

/// The path of an enrolment link.
fn path_of(link: &str) -> &str {
    link.strip_prefix("https://zsb.tjhb.example.cn").expect("links use the configured public address")
}

/// Opens the enrolment link, reads the secret off the page as a person would, and sets the password with the
/// code of the moment `now`. Returns the secret.
async fn enrol(app: &Router, link: &str, now: DateTime<FixedOffset>) -> String {
    let page = send(app, get(path_of(link), None)).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert!(page.body.contains("<svg"), "the authenticator's QR code is on the page");
    let secret: String =
        page.body.split(r#"<code class="secret">"#).nth(1).unwrap().split('<').next().unwrap().replace(' ', "");
    assert!(page.body.contains(&format!("otpauth://totp/")), "the authenticator address is on the page as text");
    let code = code_at(&secret, now).unwrap();
    let body = format!("password={p}&again={p}&code={code}", p = encode(PASSWORD));
    let done = send(app, form(path_of(link), None, &body)).await;
    assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.body);
    assert_eq!(done.headers[header::LOCATION], "/staff/sign-in?enrolled=1");
    secret
}

async fn sign_in(app: &Router, number: &str, password: &str, code: &str) -> Page {
    let body = format!("staff_number={number}&password={}&code={code}", encode(password));
    send(app, form("/staff/sign-in", None, &body)).await
}

/// The staff cookie a sign-in set, as a browser sends it back.
fn cookie_of(page: &Page) -> String {
    let set = page.headers[header::SET_COOKIE].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

/// An admin made from the command line, enrolled at 10:00 and signed in at 10:00 with the next step's code (the
/// one enrolling used is spent). Returns the instance, the admin's secret and their cookie.
async fn admin_signed_in(db: &TestDb) -> (Router, app::services::Services, String, String) {
    let (app, services) = instance_at(db, "10:00:00").await;
    let issued =
        app::staff::service::create_first_admin(&services, "A0001", "王建国", "13900000001").await.unwrap().unwrap();
    let secret = enrol(&app, &issued.link, time("10:00:00")).await;
    let next = code_at(&secret, time("10:00:30")).unwrap();
    let signed_in = sign_in(&app, "A0001", PASSWORD, &next).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    let cookie = cookie_of(&signed_in);
    (app, services, secret, cookie)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_first_admin_enrols_from_the_link_signs_in_and_sees_their_desk() {
    let db = TestDb::fresh().await;
    let (app, services) = instance_at(&db, "10:00:00").await;
    let issued =
        app::staff::service::create_first_admin(&services, "a0001", "王建国", "13900000001").await.unwrap().unwrap();
    assert_eq!(issued.staff_number, "A0001");
    let secret = enrol(&app, &issued.link, time("10:00:00")).await;

    let again = send(&app, get(path_of(&issued.link), None)).await;
    assert_eq!(again.status, StatusCode::GONE, "a link works once");
    assert!(!again.body.contains(&secret));

    let signed_in = sign_in(&app, "A0001", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    assert_eq!(signed_in.headers[header::LOCATION], "/staff");
    let set_cookie = signed_in.headers[header::SET_COOKIE].to_str().unwrap();
    for attribute in ["palm_staff=", "Path=/staff", "HttpOnly", "SameSite=Strict", "Secure", "Max-Age=43200"] {
        assert!(set_cookie.contains(attribute), "{attribute} missing from {set_cookie}");
    }

    let desk = send(&app, get("/staff", Some(&cookie_of(&signed_in)))).await;
    assert_eq!(desk.status, StatusCode::OK, "{}", desk.body);
    assert!(desk.body.contains("王建国 您好"));
    assert!(desk.body.contains("系统管理员 · 河北区"));
    assert_eq!(desk.headers["x-robots-tag"], "noindex, nofollow");
    assert_eq!(desk.headers[header::CACHE_CONTROL], "no-store");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_code_is_accepted_once() {
    let db = TestDb::fresh().await;
    let (app, _, secret, cookie) = admin_signed_in(&db).await;
    let signed_out = send(&app, form("/staff/sign-out", Some(&cookie), "")).await;
    assert_eq!(signed_out.status, StatusCode::SEE_OTHER);
    assert!(signed_out.headers[header::SET_COOKIE].to_str().unwrap().contains("Max-Age=0"));
    assert_eq!(send(&app, get("/staff", Some(&cookie))).await.status, StatusCode::FOUND, "signed out");

    let replayed = sign_in(&app, "A0001", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await;
    assert_eq!(replayed.status, StatusCode::UNAUTHORIZED);
    assert!(replayed.body.contains(WRONG));
    assert!(!replayed.headers.contains_key(header::SET_COOKIE));
    // The step before the one used is refused too: codes only move forward.
    let older = sign_in(&app, "A0001", PASSWORD, &code_at(&secret, time("09:59:30")).unwrap()).await;
    assert_eq!(older.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refusal_never_says_which_half_was_wrong() {
    let db = TestDb::fresh().await;
    let (app, _, secret, _) = admin_signed_in(&db).await;
    let fresh = code_at(&secret, time("10:01:00")).unwrap();
    let wrong_code = if fresh == "000000" { "111111" } else { "000000" };
    let answers = [
        sign_in(&app, "A0001", "不是这个密码不是这个密码", &fresh).await,
        sign_in(&app, "A0001", PASSWORD, wrong_code).await,
        sign_in(&app, "B9999", PASSWORD, &fresh).await,
    ];
    for answer in &answers {
        assert_eq!(answer.status, StatusCode::UNAUTHORIZED);
        assert!(answer.body.contains(WRONG), "{}", answer.body);
        assert!(!answer.headers.contains_key(header::SET_COOKIE));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn five_failures_lock_the_staff_number_until_a_quarter_of_an_hour_after_the_last() {
    let db = TestDb::fresh().await;
    let (app, _, secret, _) = admin_signed_in(&db).await;
    for attempt in 1..=4 {
        let refused = sign_in(&app, "A0001", "错误的密码错误的密码", "123456").await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let fifth = sign_in(&app, "A0001", "错误的密码错误的密码", "123456").await;
    assert_eq!(fifth.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(fifth.body.contains("请于10:15后再试"), "{}", fifth.body);
    let right_but_locked = sign_in(&app, "A0001", PASSWORD, &code_at(&secret, time("10:01:00")).unwrap()).await;
    assert_eq!(right_but_locked.status, StatusCode::TOO_MANY_REQUESTS, "a lock is not lifted by the right password");

    let (later, _) = instance_at(&db, "10:45:00").await;
    let released = sign_in(&later, "A0001", PASSWORD, &code_at(&secret, time("10:45:00")).unwrap()).await;
    assert_eq!(released.status, StatusCode::SEE_OTHER, "{}", released.body);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_session_unused_for_half_an_hour_ends() {
    let db = TestDb::fresh().await;
    let (app, _, _, cookie) = admin_signed_in(&db).await;
    let (twenty_later, _) = instance_at(&db, "10:20:00").await;
    assert_eq!(send(&twenty_later, get("/staff", Some(&cookie))).await.status, StatusCode::OK, "used at 10:20");
    let (forty_five_later, _) = instance_at(&db, "10:45:00").await;
    assert_eq!(send(&forty_five_later, get("/staff", Some(&cookie))).await.status, StatusCode::OK, "25 min idle");
    let (an_hour_later, _) = instance_at(&db, "11:20:00").await;
    let expired = send(&an_hour_later, get("/staff", Some(&cookie))).await;
    assert_eq!(expired.status, StatusCode::FOUND);
    assert_eq!(expired.headers[header::LOCATION], "/staff/sign-in");
    assert_eq!(send(&app, get("/staff", Some(&cookie))).await.status, StatusCode::FOUND, "ended for good");
}

/// Creates an account from the admin's form; its one-time link.
async fn create(app: &Router, admin: &str, body: &str) -> String {
    let made = send(app, form("/staff/admin/accounts", Some(admin), body)).await;
    assert_eq!(made.status, StatusCode::OK, "{}", made.body);
    let link = made.body.split(r#"<code id="enrolment-link">"#).nth(1).unwrap().split('<').next().unwrap();
    link.to_string()
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_makes_a_handler_who_sees_only_what_the_grant_allows() {
    let db = TestDb::fresh().await;
    let (app, _, _, admin) = admin_signed_in(&db).await;
    let body = format!(
        "staff_number=H0101&name={}&phone=13900000002&role=handler&department=civil-affairs&place=",
        encode("李秀英")
    );
    let link = create(&app, &admin, &body).await;
    let listed = send(&app, get("/staff/admin/accounts", Some(&admin))).await;
    assert!(listed.body.contains("H0101") && listed.body.contains("139****0002"), "masked phone in the list");
    assert!(!listed.body.contains("13900000002"));

    let secret = enrol(&app, &link, time("10:00:00")).await;
    let handler = cookie_of(&sign_in(&app, "H0101", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await);
    let desk = send(&app, get("/staff", Some(&handler))).await;
    assert!(desk.body.contains("承办人 · 河北区民政局"), "{}", desk.body);
    assert!(!desk.body.contains("/staff/admin/accounts"), "no way into the admin's pages");

    let page = send(&app, get("/staff/admin/accounts", Some(&handler))).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert!(!page.body.contains("王建国"), "no account shown to a handler");
    let post = send(&app, form("/staff/admin/accounts", Some(&handler), &body.replace("H0101", "H0102"))).await;
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    let function = send(&app, form("/staff/api/accounts", Some(&handler), "")).await;
    assert_eq!(function.status, StatusCode::FORBIDDEN, "the server function checks the grant itself");
    let anonymous = send(&app, form("/staff/api/accounts", None, "")).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(!anonymous.body.contains("H0101"));
}

#[tokio::test(flavor = "multi_thread")]
async fn disabling_an_account_or_signing_it_out_everywhere_ends_its_sessions() {
    let db = TestDb::fresh().await;
    let (app, _, _, admin) = admin_signed_in(&db).await;
    let body = format!(
        "staff_number=C0201&name={}&phone=13900000003&role=counter_staff&department=&place=hall-1",
        encode("张伟")
    );
    let secret = enrol(&app, &create(&app, &admin, &body).await, time("10:00:00")).await;
    let first = cookie_of(&sign_in(&app, "C0201", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await);
    let (later, _) = instance_at(&db, "10:05:00").await;
    let second = cookie_of(&sign_in(&later, "C0201", PASSWORD, &code_at(&secret, time("10:05:00")).unwrap()).await);

    let everywhere =
        send(&later, form("/staff/admin/accounts/C0201", Some(&admin), "action=sign_out_everywhere")).await;
    assert_eq!(everywhere.status, StatusCode::SEE_OTHER, "{}", everywhere.body);
    for cookie in [&first, &second] {
        assert_eq!(send(&later, get("/staff", Some(cookie))).await.status, StatusCode::FOUND);
    }

    let third = cookie_of(&sign_in(&later, "C0201", PASSWORD, &code_at(&secret, time("10:05:30")).unwrap()).await);
    send(&later, form("/staff/admin/accounts/C0201", Some(&admin), "action=disable")).await;
    assert_eq!(send(&later, get("/staff", Some(&third))).await.status, StatusCode::FOUND, "disabled");
    let refused = sign_in(&later, "C0201", PASSWORD, &code_at(&secret, time("10:06:00")).unwrap()).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED, "a disabled account cannot sign in");

    let account = send(&later, get("/staff/admin/accounts/C0201", Some(&admin))).await;
    let sign_ins = account.body.split(r#"class="plain-list sign-ins">"#).nth(1).unwrap().split("</ul>").next().unwrap();
    // Three sign-ins, then the refusal once disabled; the instance 5 minutes on is newest, so first.
    assert!(sign_ins.starts_with("<li>2026-11-25 10:05:00"), "newest first: {sign_ins}");
    assert_eq!((sign_ins.matches("登录成功").count(), sign_ins.matches("登录失败").count()), (3, 1), "{sign_ins}");

    let trail = send(&later, get("/staff/admin/audit", Some(&admin))).await;
    for action in ["创建账号", "强制退出所有登录", "停用账号"] {
        assert!(trail.body.contains(action), "{action} missing from the audit trail");
    }
    assert!(trail.body.contains("C0201 张*"), "names are masked in the trail");
    assert!(!trail.body.contains("张伟"));
}

#[tokio::test(flavor = "multi_thread")]
async fn resetting_the_authenticator_ends_sessions_and_only_the_new_link_works() {
    let db = TestDb::fresh().await;
    let (app, _, _, admin) = admin_signed_in(&db).await;
    let body =
        format!("staff_number=D0301&name={}&phone=13900000004&role=dispatcher&department=&place=", encode("刘洋"));
    let secret = enrol(&app, &create(&app, &admin, &body).await, time("10:00:00")).await;
    let session = cookie_of(&sign_in(&app, "D0301", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await);

    let reset = send(&app, form("/staff/admin/accounts/D0301", Some(&admin), "action=reset")).await;
    assert_eq!(reset.status, StatusCode::OK);
    let link = reset.body.split(r#"<code id="enrolment-link">"#).nth(1).unwrap().split('<').next().unwrap().to_string();
    assert_eq!(send(&app, get("/staff", Some(&session))).await.status, StatusCode::FOUND, "signed out by the reset");
    let old_factor =
        sign_in(&app, "D0301", PASSWORD, &code_at(&secret, time("10:00:30") + Duration::seconds(30)).unwrap()).await;
    assert_eq!(old_factor.status, StatusCode::UNAUTHORIZED, "the lost authenticator opens nothing");

    let new_secret = enrol(&app, &link, time("10:00:00")).await;
    assert_ne!(new_secret, secret);
    let (later, _) = instance_at(&db, "10:02:00").await;
    let signed_in = sign_in(&later, "D0301", PASSWORD, &code_at(&new_secret, time("10:02:00")).unwrap()).await;
    assert_eq!(signed_in.status, StatusCode::SEE_OTHER, "{}", signed_in.body);
    let trail = send(&later, get("/staff/admin/audit", Some(&admin))).await;
    assert!(trail.body.contains("重置动态验证码"));
}

#[tokio::test(flavor = "multi_thread")]
async fn the_database_refuses_to_change_or_delete_the_audit_trail() {
    let db = TestDb::fresh().await;
    let _ = admin_signed_in(&db).await;
    let pool = server::db::connect(&db.url).await.unwrap();
    for statement in ["UPDATE staff_audit SET action = 'nothing'", "DELETE FROM staff_audit"] {
        let refused = server::db::on_backend!(&pool, |pool| sqlx::query(statement).execute(pool).await.map(drop));
        let error = refused.expect_err(statement).to_string();
        assert!(error.contains("append-only"), "{statement}: {error}");
    }
    let kept: i64 = server::db::on_backend!(&pool, |pool| {
        sqlx::query_scalar("SELECT COUNT(*) FROM staff_audit").fetch_one(pool).await
    })
    .unwrap();
    assert!(kept >= 2, "creating the admin and their enrolment are both recorded");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_admin_grants_and_withdraws_but_cannot_lock_themselves_out() {
    let db = TestDb::fresh().await;
    let (app, _, _, admin) = admin_signed_in(&db).await;
    let body =
        format!("staff_number=H0401&name={}&phone=13900000005&role=handler&department=hrss&place=", encode("陈静"));
    let secret = enrol(&app, &create(&app, &admin, &body).await, time("10:00:00")).await;
    let handler = cookie_of(&sign_in(&app, "H0401", PASSWORD, &code_at(&secret, time("10:00:30")).unwrap()).await);
    assert_eq!(send(&app, get("/staff/counter/hall-2", Some(&handler))).await.status, StatusCode::FORBIDDEN);

    let grant = "action=grant&role=counter_staff&department=&place=hall-2";
    let granted = send(&app, form("/staff/admin/accounts/H0401", Some(&admin), grant)).await;
    assert_eq!(granted.status, StatusCode::SEE_OTHER, "{}", granted.body);
    assert_eq!(send(&app, get("/staff/counter/hall-2", Some(&handler))).await.status, StatusCode::OK, "at once");
    let unknown =
        send(&app, form("/staff/admin/accounts/H0401", Some(&admin), "action=grant&role=counter_staff&place=hall-99"))
            .await;
    assert_eq!(unknown.status, StatusCode::BAD_REQUEST);
    assert!(unknown.body.contains("没有这个部门或办理点"));

    let withdraw = "action=withdraw&role=counter_staff&department=hall-2&place=hall-2";
    assert_eq!(
        send(&app, form("/staff/admin/accounts/H0401", Some(&admin), withdraw)).await.status,
        StatusCode::SEE_OTHER
    );
    assert_eq!(send(&app, get("/staff/counter/hall-2", Some(&handler))).await.status, StatusCode::FORBIDDEN);
    let page = send(&app, get("/staff/admin/accounts/H0401", Some(&admin))).await;
    assert!(page.body.contains("承办人 · 河北区人力资源和社会保障局") && !page.body.contains("窗口工作人员 · "));

    let own_admin = "action=withdraw&role=admin&department=&place=";
    let refused = send(&app, form("/staff/admin/accounts/A0001", Some(&admin), own_admin)).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("不能撤销自己的系统管理员权限"));
    let disable_self = send(&app, form("/staff/admin/accounts/A0001", Some(&admin), "action=disable")).await;
    assert_eq!(disable_self.status, StatusCode::BAD_REQUEST);
    assert_eq!(send(&app, get("/staff/admin/accounts", Some(&admin))).await.status, StatusCode::OK, "still an admin");
    let trail = send(&app, get("/staff/admin/audit", Some(&admin))).await;
    assert!(trail.body.contains("授予权限") && trail.body.contains("撤销权限"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_enrolment_link_expires_after_three_days() {
    let db = TestDb::fresh().await;
    let (app, services) = instance_at(&db, "10:00:00").await;
    let issued =
        app::staff::service::create_first_admin(&services, "A0009", "王建国", "13900000001").await.unwrap().unwrap();
    assert_eq!(send(&app, get(path_of(&issued.link), None)).await.status, StatusCode::OK, "opened in time");
    let mut config = support::config(&db);
    config.clock = app::clock::Clock::fixed(DateTime::parse_from_rfc3339("2026-11-28T10:00:00+08:00").unwrap());
    let three_days_on = server::build(&config).await.unwrap().router;
    let spent = send(&three_days_on, get(path_of(&issued.link), None)).await;
    assert_eq!(spent.status, StatusCode::GONE);
    assert!(spent.body.contains("此链接已使用或已过期"));
    let body = format!("password={p}&again={p}&code=123456", p = encode(PASSWORD));
    let refused = send(&three_days_on, form(path_of(&issued.link), None, &body)).await;
    assert_eq!(refused.status, StatusCode::GONE, "the form is answered as the link's page is");
    assert!(refused.body.contains("此链接已使用或已过期"));
}
