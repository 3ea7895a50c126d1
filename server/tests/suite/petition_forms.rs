//! Generated input (proptest) to the petition forms through the router: generated valid answers are accepted, and
//! any generated answer is either accepted or refused with a 400 and the Chinese list of problems — never a 5xx,
//! never stored half.

use crate::support::{config, encode, send, staff_cookie, Page, TestDb, Visitor};
use app::staff::model::Grant;
use axum::http::{header, Request, StatusCode};
use proptest::prelude::*;

/// Text a resident could type, `chars` characters long once trimmed: Chinese, digits, punctuation, spaces.
pub(crate) fn typed(chars: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
    let parts = prop_oneof!["[\u{4e00}-\u{4e80}]", "[0-9]", Just("，".to_string()), Just(" ".to_string())];
    proptest::collection::vec(parts, *chars.start()..=*chars.end() + 4)
        .prop_map(|parts| parts.concat().trim().to_string())
        .prop_filter("the stated length once trimmed", move |text| chars.contains(&text.chars().count()))
}

pub(crate) fn anything() -> impl Strategy<Value = String> {
    prop_oneof![".{0,60}", "[\u{0}-\u{1f}<>&\"'%]{0,20}", typed(0..=50)]
}

/// The problem a refused form's page states in Chinese: its list of problems (the form's page again), or the
/// problem page's message (a request refused before any handler, such as one holding a NUL).
pub(crate) fn stated_problem(page: &Page) -> Option<String> {
    let body = &page.body;
    body.split(r#"class="error-summary">"#)
        .nth(1)
        .or_else(|| body.split(r#"class="problem">"#).nth(1))
        .or_else(|| body.split("<h1>无法完成您的请求</h1>").nth(1))
        .map(|rest| rest.split("</ul>").next().unwrap_or(rest))
        .map(|rest| rest.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).take(60).collect::<String>())
        .filter(|stated| !stated.is_empty())
}

/// The server, a dispatcher's cookie and a runtime to drive them from proptest's synchronous cases.
struct Desk {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    cookie: String,
    _db: TestDb,
}

impl Desk {
    fn new() -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (router, cookie, db) = runtime.block_on(async {
            let db = TestDb::fresh().await;
            let instance = server::build(&config(&db)).await.unwrap();
            let cookie = staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await;
            (instance.router, cookie, db)
        });
        Self { runtime, router, cookie, _db: db }
    }

    fn phone_in(&self, fields: &[(&str, &str)]) -> Page {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        let request = Request::post("/staff/dispatch/phone-in")
            .header(header::COOKIE, &self.cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body.join("&")))
            .unwrap();
        self.runtime.block_on(send(&self.router, request))
    }
}

fn numbered(body: &str) -> bool {
    body.contains(r#"<code id="phoned-in-number">120105"#)
}

#[test]
fn generated_phone_in_forms_are_filed_when_valid_and_refused_in_chinese_otherwise() {
    let desk = Desk::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    let key = std::cell::Cell::new(0u32);
    let valid =
        (typed(4..=30), typed(10..=300), "[\u{5f20}\u{738b}\u{674e}][\u{4e00}-\u{4e80}]{1,2}", "1[3-9][0-9]{9}");
    runner
        .run(&valid, |(title, body, name, phone)| {
            key.set(key.get() + 1);
            let key = format!("valid-{}", key.get());
            let fields = [
                ("key", key.as_str()),
                ("category", "noise"),
                ("community", "月牙河/金海社区"),
                ("title", &title),
                ("body", &body),
                ("name", &name),
                ("phone", &phone),
            ];
            let page = desk.phone_in(&fields);
            prop_assert_eq!(page.status, StatusCode::OK);
            prop_assert!(numbered(&page.body), "{title} / {body} was not filed");
            Ok(())
        })
        .unwrap();
    let any = (anything(), anything(), anything(), anything(), anything());
    runner
        .run(&any, |(category, community, title, body, phone)| {
            key.set(key.get() + 1);
            let key = format!("any-{}", key.get());
            let fields = [
                ("key", key.as_str()),
                ("category", &category),
                ("community", &community),
                ("title", &title),
                ("body", &body),
                ("name", "李四"),
                ("phone", &phone),
            ];
            let page = desk.phone_in(&fields);
            match page.status {
                StatusCode::OK => prop_assert!(numbered(&page.body)),
                StatusCode::BAD_REQUEST => prop_assert!(stated_problem(&page).is_some(), "no problem in Chinese"),
                other => prop_assert!(false, "answered {other}"),
            }
            prop_assert!(!page.body.contains("<script>alert"), "nothing sent is rendered as markup");
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_texts_on_the_residents_text_question_are_taken_or_refused_in_chinese() {
    let desk = Desk::new();
    let visitor = std::cell::RefCell::new(Visitor::new(desk.router.clone()));
    desk.runtime.block_on(async {
        let mut visitor = visitor.borrow_mut();
        for (path, form) in [
            ("/petitions/new/start", String::new()),
            ("/petitions/new/category", "category=heating".into()),
            ("/petitions/new/tier", "tier=urgent".into()),
            ("/petitions/new/place", format!("street={}&community={}", encode("望海楼"), encode("宁园社区"))),
        ] {
            assert_eq!(visitor.post(path, &form).await.status, StatusCode::SEE_OTHER, "{path}");
        }
    });
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64));
    runner
        .run(&(prop_oneof![typed(4..=40), anything()], prop_oneof![typed(10..=400), anything()]), |(title, body)| {
            let form = format!("title={}&body={}", encode(&title), encode(&body));
            let page = desk.runtime.block_on(async { visitor.borrow_mut().post("/petitions/new/text", &form).await });
            let (title_ok, body_ok) =
                (app::petitions::filing::check_title(&title), app::petitions::filing::check_body(&body));
            match (title_ok.is_ok() && body_ok.is_ok(), page.status) {
                (true, StatusCode::SEE_OTHER) => {}
                (false, StatusCode::BAD_REQUEST) => prop_assert!(stated_problem(&page).is_some()),
                (valid, status) => prop_assert!(false, "valid {valid}, answered {status}"),
            }
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_files_on_the_photo_question_are_kept_when_photos_and_refused_in_chinese_otherwise() {
    let desk = Desk::new();
    let visitor = std::cell::RefCell::new(Visitor::new(desk.router.clone()));
    desk.runtime.block_on(async {
        let mut visitor = visitor.borrow_mut();
        let text = format!("title={}&body={}", encode("暖气不热了"), encode("入冬以来室温只有14度，孩子在家冷。"));
        for (path, form) in [
            ("/petitions/new/start", String::new()),
            ("/petitions/new/category", "category=heating".into()),
            ("/petitions/new/tier", "tier=urgent".into()),
            ("/petitions/new/place", format!("street={}&community={}", encode("望海楼"), encode("宁园社区"))),
            ("/petitions/new/text", text),
        ] {
            assert_eq!(visitor.post(path, &form).await.status, StatusCode::SEE_OTHER, "{path}");
        }
    });
    // A real PNG cut short, bit-flipped or left whole, or bytes of anything.
    let png = {
        let image = image::RgbImage::from_pixel(8, 8, image::Rgb([10, 200, 30]));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
        bytes.into_inner()
    };
    let file = prop_oneof![
        (0..png.len()).prop_map({
            let png = png.clone();
            move |cut| png[..cut].to_vec()
        }),
        (8..png.len(), any::<u8>()).prop_map({
            let png = png.clone();
            move |(at, bits)| {
                let mut p = png.clone();
                p[at] ^= bits;
                p
            }
        }),
        Just(png.clone()),
        proptest::collection::vec(any::<u8>(), 0..2_000),
    ];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(48));
    runner
        .run(&file, |bytes| {
            let usable = app::photos::re_encode(&bytes).is_ok();
            let (page, photos) = desk.runtime.block_on(async {
                let mut visitor = visitor.borrow_mut();
                let page = visitor.upload("/petitions/new/photos", &[("photo", "photo.png", bytes.clone())]).await;
                // Removed again, so there is always room for the next.
                let listed = visitor.get("/petitions/new/photos").await.body;
                for id in listed.split("name=\"remove\" value=\"").skip(1).filter_map(|rest| rest.split('"').next()) {
                    visitor.post("/petitions/new/photos/remove", &format!("remove={id}")).await;
                }
                (page, listed.matches("<img src=").count())
            });
            match (usable, page.status) {
                (true, StatusCode::SEE_OTHER) => prop_assert_eq!(photos, 1, "kept"),
                (false, StatusCode::BAD_REQUEST) => {
                    prop_assert!(stated_problem(&page).is_some());
                    prop_assert_eq!(photos, 0, "nothing kept");
                }
                (usable, status) => prop_assert!(false, "usable {}, answered {}", usable, status),
            }
            Ok(())
        })
        .unwrap();
}
