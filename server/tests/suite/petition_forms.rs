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
    // Markup that would escape a textarea (Leptos writes its children unescaped) or an attribute.
    const MARKUP: [&str; 2] = ["</textarea><script>alert(1)</script>", "\"><script>alert(1)</script>"];
    prop_oneof![
        ".{0,60}",
        "[\u{0}-\u{1f}<>&\"'%]{0,20}",
        typed(0..=50),
        proptest::sample::select(&MARKUP[..]).prop_map(String::from)
    ]
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

/// Whether `sent` (markup) shows in `body` only as text: escaped, or inside an attribute's quoted value.
pub(crate) fn inert(body: &str, sent: &str) -> bool {
    body.match_indices(sent).all(|(at, _)| body[..at].ends_with("=\""))
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
        self.post("/staff/dispatch/phone-in", fields)
    }

    fn post(&self, path: &str, fields: &[(&str, &str)]) -> Page {
        let body: Vec<String> = fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect();
        let request = Request::post(path)
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
            prop_assert!(inert(&page.body, "<script>alert"), "nothing sent is rendered as markup");
            Ok(())
        })
        .unwrap();
}

#[test]
fn generated_shifts_go_on_the_roster_when_valid_and_are_refused_in_chinese_otherwise() {
    let desk = Desk::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(24));
    // Every other day from tomorrow, so no two valid shifts of P0001's overlap.
    let case = std::cell::Cell::new(0i64);
    let valid = ("[01][0-9]|2[0-3]", "[0-5][0-9]", 1..=24u32);
    runner
        .run(&valid, |(hour, minute, hours)| {
            case.set(case.get() + 1);
            let day = (chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() + chrono::Duration::days(2 * case.get()))
                .to_string();
            let (starts, hours) = (format!("{hour}:{minute}"), hours.to_string());
            let fields = [("dispatcher", "P0001"), ("day", &day), ("starts", &starts), ("hours", &hours)];
            let page = desk.post("/staff/dispatch/roster", &fields);
            prop_assert_eq!(page.status, StatusCode::SEE_OTHER, "{:?}: {:?}", fields, stated_problem(&page));
            Ok(())
        })
        .unwrap();
    // Each field mostly plausible, so most forms reach the later checks (a bad hour count needs a good day and
    // time first); sometimes anything at all.
    let or_junk =
        |plausible: &'static str| prop_oneof![3 => proptest::string::string_regex(plausible).unwrap(), 1 => anything()];
    let forms = (
        or_junk("P000[1-2]"),
        or_junk("202(6-1[12]|7-0[12])-[0-2][0-9]"),
        or_junk("([01][0-9]|2[0-3]):[0-5][0-9]"),
        or_junk("[0-9]{1,2}"),
        or_junk("[0-9]{1,2}"),
    );
    let answered = std::cell::RefCell::new(std::collections::BTreeSet::new());
    proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(64))
        .run(&forms, |(dispatcher, day, starts, hours, id)| {
            let shift = [("dispatcher", dispatcher.as_str()), ("day", &day), ("starts", &starts), ("hours", &hours)];
            for (form, page) in [
                ("add", desk.post("/staff/dispatch/roster", &shift)),
                ("remove", desk.post("/staff/dispatch/roster/remove", &[("id", &id)])),
            ] {
                match page.status {
                    StatusCode::SEE_OTHER => {}
                    StatusCode::BAD_REQUEST => prop_assert!(stated_problem(&page).is_some(), "no problem in Chinese"),
                    other => prop_assert!(false, "answered {other}"),
                }
                answered.borrow_mut().insert((form, page.status.as_u16()));
                prop_assert!(inert(&page.body, "<script>alert"), "nothing sent is rendered as markup");
            }
            Ok(())
        })
        .unwrap();
    let seen: Vec<_> = answered.into_inner().into_iter().collect();
    assert_eq!(
        seen,
        [("add", 303), ("add", 400), ("remove", 303), ("remove", 400)],
        "each form both taken and refused"
    );
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

/// A resident's filing with each question answered as generated: junk first where the case says so, then the
/// valid answer.
#[derive(Clone, Debug)]
struct Filing {
    category: &'static str,
    tier: &'static str,
    place: (&'static str, &'static str),
    detail: String,
    title: String,
    body: String,
    name: String,
    phone: String,
    public: bool,
    anonymous: bool,
    /// Junk for each question's fields, sent before its valid answer.
    junk: Vec<Option<Vec<String>>>,
}

fn filing() -> impl Strategy<Value = Filing> {
    use proptest::sample::select;
    const PLACES: [(&str, &str); 3] = [("望海楼", "宁园社区"), ("鸿顺里", "金钟社区"), ("月牙河", "金海社区")];
    let junk = prop_oneof![anything(), "[0-9]{1,8}"];
    (
        (
            select(&["noise", "heating", "drainage", "sanitation", "wage-arrears"][..]),
            select(&["emergency", "urgent", "ordinary", "complex", "letters"][..]),
            select(&PLACES[..]),
            typed(0..=20),
        ),
        (typed(4..=40), typed(10..=300), "[\u{5f20}\u{738b}\u{674e}][\u{4e00}-\u{4e80}]{1,2}", "1[3-9][0-9]{9}"),
        (any::<bool>(), any::<bool>()),
        proptest::collection::vec(proptest::option::weighted(0.4, proptest::collection::vec(junk, 3)), 8),
    )
        .prop_map(|((category, tier, place, detail), (title, body, name, phone), (public, anonymous), junk)| {
            Filing { category, tier, place, detail, title, body, name, phone, public, anonymous, junk }
        })
}

#[test]
fn generated_filings_keep_exactly_the_valid_answers_and_refuse_the_rest_in_chinese() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (instance, _db) = runtime.block_on(async {
        let db = TestDb::fresh().await;
        (server::build(&config(&db)).await.unwrap(), db)
    });
    let case = std::cell::Cell::new(0u32);
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(40));
    runner
        .run(&filing(), |filing| {
            // An address and a phone of its own each (shrinking runs cases again): texts are limited per both.
            case.set(case.get() + 1);
            let address: &'static str =
                Box::leak(format!("10.0.{}.{}", case.get() / 250, case.get() % 250).into_boxed_str());
            let filing = Filing { phone: format!("{}{:09}", &filing.phone[..2], case.get()), ..filing };
            let mut visitor = Visitor::at(instance.router.clone(), address);
            let form = |fields: &[(&str, &str)]| {
                fields.iter().map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
            };
            let (street, community) = filing.place;
            let (public, anonymous) =
                (if filing.public { "yes" } else { "no" }, if filing.anonymous { "1" } else { "" });
            let questions: [(&str, Vec<&str>, Vec<(&str, &str)>); 6] = [
                ("/petitions/new/category", vec!["category"], vec![("category", filing.category)]),
                ("/petitions/new/tier", vec!["tier"], vec![("tier", filing.tier)]),
                (
                    "/petitions/new/place",
                    vec!["street", "community", "detail"],
                    vec![("street", street), ("community", community), ("detail", &filing.detail)],
                ),
                ("/petitions/new/text", vec!["title", "body"], vec![("title", &filing.title), ("body", &filing.body)]),
                (
                    "/petitions/new/contact",
                    vec!["name", "phone"],
                    vec![("name", &filing.name), ("phone", &filing.phone)],
                ),
                (
                    "/petitions/new/sharing",
                    vec!["public", "anonymous"],
                    vec![("public", public), ("anonymous", anonymous)],
                ),
            ];
            let filed = runtime.block_on(async {
                let started = visitor.post("/petitions/new/start", "").await;
                prop_assert_eq!(started.status, StatusCode::SEE_OTHER);
                for ((path, names, valid), junk) in questions.iter().zip(&filing.junk) {
                    if let Some(junk) = junk {
                        let fields: Vec<(&str, &str)> =
                            names.iter().copied().zip(junk.iter().map(String::as_str)).collect();
                        let page = visitor.post(path, &form(&fields)).await;
                        match page.status {
                            StatusCode::SEE_OTHER => {}
                            StatusCode::BAD_REQUEST => {
                                prop_assert!(stated_problem(&page).is_some(), "{path}: no problem stated")
                            }
                            other => prop_assert!(false, "{path} answered {other} to {fields:?}"),
                        }
                        prop_assert!(inert(&page.body, "<script>alert"), "{path} renders what was sent as markup");
                    }
                    let page = visitor.post(path, &form(valid)).await;
                    prop_assert_eq!(
                        page.status,
                        StatusCode::SEE_OTHER,
                        "{} refused {:?}: {:?}",
                        path,
                        valid,
                        stated_problem(&page)
                    );
                    if *path == "/petitions/new/text" {
                        prop_assert_eq!(
                            visitor.post("/petitions/new/photos/done", "").await.status,
                            StatusCode::SEE_OTHER
                        );
                    }
                    if *path == "/petitions/new/contact" {
                        let outbox = visitor.get("/dev/outbox").await.body;
                        let masked = app::personal::mask_phone(&filing.phone);
                        let text = outbox.split("<li>").find(|item| item.contains(&masked)).expect("a code texted");
                        let code: String = text.split("您的验证码是").nth(1).unwrap().chars().take(6).collect();
                        if let Some(junk) = &filing.junk[6] {
                            let page = visitor.post("/petitions/new/code", &form(&[("code", &junk[0])])).await;
                            prop_assert!(page.status == StatusCode::BAD_REQUEST && stated_problem(&page).is_some());
                        }
                        let proved = visitor.post("/petitions/new/code", &form(&[("code", &code)])).await;
                        prop_assert_eq!(proved.status, StatusCode::SEE_OTHER, "{:?}", stated_problem(&proved));
                    }
                }
                let check = visitor.get("/petitions/new/check").await.body;
                let key = check.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
                if let Some(junk) = &filing.junk[7] {
                    let page = visitor.post("/petitions/new/confirm", &form(&[("key", &junk[0])])).await;
                    prop_assert!(page.status == StatusCode::BAD_REQUEST && stated_problem(&page).is_some());
                    // Nothing similar was offered, so there is nothing to join.
                    let page = visitor.post("/petitions/new/me-too", &form(&[("joins", &junk[1])])).await;
                    match page.status {
                        StatusCode::SEE_OTHER => prop_assert_eq!(junk[1].trim(), "0"),
                        status => prop_assert!(status.is_client_error() && stated_problem(&page).is_some()),
                    }
                }
                let confirmed = visitor.post("/petitions/new/confirm", &form(&[("key", &key)])).await;
                prop_assert_eq!(confirmed.status, StatusCode::SEE_OTHER);
                let page = visitor.get("/petitions/new/filed").await.body;
                let token =
                    page.split("https://zsb.tjhb.example.cn/petitions/").nth(1).unwrap().split('"').next().unwrap();
                let now = instance.services.site.clock.now();
                Ok(instance.services.petitions.by_token(token, now).await.unwrap().expect("filed"))
            })?;
            let kept = &filed.filed;
            prop_assert_eq!(
                (kept.category.as_str(), kept.tier.code(), kept.street.as_str(), kept.community.as_str()),
                (filing.category, filing.tier, street, community)
            );
            prop_assert_eq!(
                (&kept.place_detail, &kept.title, &kept.body),
                (&filing.detail, &filing.title, &filing.body)
            );
            prop_assert_eq!((&kept.applicant_name, &kept.phone), (&filing.name, &filing.phone));
            prop_assert_eq!((kept.public_wanted, kept.anonymous), (filing.public, filing.public && filing.anonymous));
            prop_assert_eq!(kept.joins, None);
            Ok(())
        })
        .unwrap();
    let unrouted = runtime.block_on(instance.services.petitions.unrouted(instance.services.site.clock.now()));
    assert_eq!(unrouted.unwrap().len(), 40, "each filing filed once, nothing else");
}
