//! Early warning over the demo history: the rainstorm week's blocked drains in 月牙河 and the heating season's
//! start are flagged, few other weeks are, and a dispatcher's note stays with the flag.

use crate::support::{config, encode, send, staff_cookie, staff_form, TestDb};
use app::staff::model::Grant;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_historys_rainstorm_is_flagged_few_other_weeks_are_and_a_note_stays_with_it() {
    let db = TestDb::fresh().await;
    let instance = server::build(&server::config::Config { demo_history: true, ..config(&db) }).await.unwrap();
    let dispatcher = staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await;
    let page =
        |cookie: String| Request::get("/staff/warnings").header(header::COOKIE, cookie).body(Body::empty()).unwrap();
    let warnings = send(&instance.router, page(dispatcher.clone())).await;
    assert_eq!(warnings.status, StatusCode::OK);
    assert!(warnings.body.contains("且按泊松分布计算"), "the rule is stated");
    let flagged: Vec<&str> =
        warnings.body.split(r#"<li class="warning"><h2>"#).skip(1).map(|w| w.split("</h2>").next().unwrap()).collect();
    let storm = "2026年7月13日—7月19日 · 月牙河街 · 下水道堵塞、污水外溢";
    assert!(flagged.contains(&storm), "{flagged:?}");
    // The heating season's first full week (15 November) is a real change, in every street.
    let heating = flagged.iter().filter(|f| f.starts_with("2026年11月16日") && f.ends_with("暖气不热、停暖")).count();
    assert_eq!(heating, 10, "{flagged:?}");
    // The rest is chance: the year has 52 weeks × 10 streets × 35 categories = 18,200 street-category weeks, most
    // averaging under 2 petitions, and an 8-week mean of so few is itself noisy. The rule as the issue states it
    // flags about 1 in 200 of them (93 on this history, 104 flags in all); held here under 1 in 100.
    assert!(flagged.len() <= 182, "{} flagged: {flagged:?}", flagged.len());

    let note = |week: &str, note: &str| {
        format!("week={week}&street={}&category=drainage&note={}", encode("月牙河"), encode(note))
    };
    let short =
        send(&instance.router, staff_form("/staff/warnings/acknowledge", &dispatcher, &note("2026-07-13", "好"))).await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.body.contains("请写明采取的措施"));
    let not_flagged = send(
        &instance.router,
        staff_form("/staff/warnings/acknowledge", &dispatcher, &note("2026-07-06", "已派人疏通")),
    )
    .await;
    assert!(not_flagged.body.contains("没有找到这条预警"), "the week before was quiet");
    let done = "暴雨后排水管网超负荷，已协调城管委和排水公司连夜疏通，并在月牙河街各社区张贴通知";
    let noted =
        send(&instance.router, staff_form("/staff/warnings/acknowledge", &dispatcher, &note("2026-07-13", done))).await;
    assert_eq!(noted.status, StatusCode::SEE_OTHER);
    let again =
        send(&instance.router, staff_form("/staff/warnings/acknowledge", &dispatcher, &note("2026-07-13", done))).await;
    assert!(again.body.contains("这条预警已经处理过了"));
    let warnings = send(&instance.router, page(dispatcher.clone())).await;
    assert!(warnings.body.contains(&format!("处理情况：{done}（P0001，2026年11月25日 10:00）")));

    // Generated notes on the heating weeks' flags, and junk in every field: a note taken once per flag, or a 400 in
    // Chinese; never a 5xx, nothing sent rendered as markup.
    let streets: Vec<String> = flagged
        .iter()
        .filter(|f| f.starts_with("2026年11月16日"))
        .map(|f| f.split(" · ").nth(1).unwrap().trim_end_matches('街').to_string())
        .collect();
    let pick = |valid: Vec<String>| {
        use proptest::prelude::*;
        prop_oneof![4 => proptest::sample::select(valid), 1 => crate::petition_forms::anything()]
    };
    let forms = (
        pick(vec!["2026-11-16".into()]),
        pick(streets),
        pick(vec!["heating".into()]),
        proptest::prop_oneof![crate::petition_forms::typed(4..=80), crate::petition_forms::anything()],
    );
    let mut runner = proptest::test_runner::TestRunner::new(proptest::test_runner::Config::with_cases(48));
    let taken = std::cell::Cell::new(0);
    tokio::task::block_in_place(|| {
        runner.run(&forms, |(week, street, category, note)| {
            let body = format!(
                "week={}&street={}&category={}&note={}",
                encode(&week),
                encode(&street),
                encode(&category),
                encode(&note)
            );
            let request = staff_form("/staff/warnings/acknowledge", &dispatcher, &body);
            let answer = tokio::runtime::Handle::current().block_on(send(&instance.router, request));
            match answer.status {
                StatusCode::SEE_OTHER => taken.set(taken.get() + 1),
                StatusCode::BAD_REQUEST => proptest::prop_assert!(
                    crate::petition_forms::stated_problem(&answer).is_some(),
                    "no problem in Chinese"
                ),
                other => proptest::prop_assert!(false, "answered {other}"),
            }
            proptest::prop_assert!(crate::petition_forms::inert(&answer.body, "<script>alert"));
            Ok(())
        })
    })
    .unwrap();
    assert!((1..=10).contains(&taken.get()), "{} notes taken, one a flag at most", taken.get());
    let handler =
        staff_cookie(&instance.services, "H0001", vec![Grant::Handler { department: "housing".into() }]).await;
    assert_eq!(send(&instance.router, page(handler)).await.status, StatusCode::FORBIDDEN, "the dispatch centre's");
}
