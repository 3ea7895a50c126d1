//! A resident files a petition without JavaScript: one question a page, a photo re-encoded, the phone proved by
//! the code the outbox holds, the check page sent twice filing once, and the confirmation's deadlines as worked
//! out by hand.

use crate::support::{config, encode, goes_to, TestDb, Visitor};
use axum::http::StatusCode;

/// The code in the newest text to `masked` in the development outbox.
async fn code_in_outbox(visitor: &mut Visitor, masked: &str) -> String {
    let outbox = visitor.get("/dev/outbox").await;
    assert_eq!(outbox.status, StatusCode::OK);
    let item = outbox.body.split("<li>").find(|item| item.contains(masked)).expect("a text to the phone");
    let words = item.split("您的验证码是").nth(1).expect("a code text");
    words.chars().take(6).collect()
}

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = image::RgbImage::from_pixel(width, height, image::Rgb([200, 40, 40]));
    let mut bytes = std::io::Cursor::new(Vec::new());
    image.write_to(&mut bytes, image::ImageFormat::Png).unwrap();
    bytes.into_inner()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_resident_files_with_a_photo_and_a_texted_code_once_however_often_they_press_submit() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let mut visitor = Visitor::new(instance.router.clone());

    goes_to(&visitor.post("/petitions/new/start", "").await, "/petitions/new/category");
    let unanswered = visitor.get("/petitions/new/check").await;
    assert_eq!(unanswered.status, StatusCode::FOUND, "a question asked too early sends to the first unanswered");
    assert_eq!(unanswered.headers["location"], "/petitions/new/category");
    let wrong = visitor.post("/petitions/new/category", "category=no-such").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("请选择诉求类别"));
    goes_to(&visitor.post("/petitions/new/category", "category=noise").await, "/petitions/new/tier");
    let tier = visitor.get("/petitions/new/tier").await;
    assert!(tier.body.contains("一般（建议）") && tier.body.contains("1个工作日内响应，7日内办结"));
    goes_to(&visitor.post("/petitions/new/tier", "tier=ordinary").await, "/petitions/new/place");
    let streets = visitor.get("/petitions/new/place").await;
    assert!(streets.body.contains("望海楼街"), "the streets first");
    let communities = visitor.get(&format!("/petitions/new/place?street={}", encode("望海楼"))).await;
    assert!(communities.body.contains("宁园社区"));
    let elsewhere = visitor
        .post("/petitions/new/place", &format!("street={}&community={}", encode("望海楼"), encode("金海社区")))
        .await;
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST, "金海社区 is in 月牙河, not 望海楼");
    let place =
        format!("street={}&community={}&detail={}", encode("望海楼"), encode("宁园社区"), encode("3号楼2门501"));
    goes_to(&visitor.post("/petitions/new/place", &place).await, "/petitions/new/text");
    let short = visitor.post("/petitions/new/text", &format!("title={}&body={}", encode("吵"), encode("吵"))).await;
    assert_eq!(short.status, StatusCode::BAD_REQUEST);
    assert!(short.body.contains("标题4到40个字") && short.body.contains("内容10到1000个字"));
    let text = format!(
        "title={}&body={}",
        encode("工地夜间施工噪声"),
        encode("每天晚上11点以后还在施工，电钻声很大，孩子睡不着。")
    );
    goes_to(&visitor.post("/petitions/new/text", &text).await, "/petitions/new/photos");

    let not_a_photo = visitor.upload("/petitions/new/photos", &[("photo", "x.jpg", b"<script>".to_vec())]).await;
    assert_eq!(not_a_photo.status, StatusCode::BAD_REQUEST);
    assert!(not_a_photo.body.contains("只能上传JPG、PNG或WebP格式的照片"));
    goes_to(
        &visitor.upload("/petitions/new/photos", &[("photo", "a.png", png(2400, 1200))]).await,
        "/petitions/new/photos",
    );
    let photos = visitor.get("/petitions/new/photos").await;
    let src =
        photos.body.split(r#"<img src=""#).nth(1).expect("the photo is shown").split('"').next().unwrap().to_string();
    let photo = visitor.get(&src).await;
    assert_eq!(photo.status, StatusCode::OK);
    assert_eq!(photo.headers["content-type"], "image/jpeg", "kept re-encoded");
    assert_eq!(Visitor::new(instance.router.clone()).get(&src).await.status, StatusCode::NOT_FOUND, "another's draft");
    goes_to(&visitor.post("/petitions/new/photos/done", "").await, "/petitions/new/contact");

    let bad_phone = visitor.post("/petitions/new/contact", &format!("name={}&phone=12345", encode("李四"))).await;
    assert_eq!(bad_phone.status, StatusCode::BAD_REQUEST);
    let contact = format!("name={}&phone=13912345678", encode("李四"));
    goes_to(&visitor.post("/petitions/new/contact", &contact).await, "/petitions/new/code");
    let code_page = visitor.get("/petitions/new/code").await;
    assert!(code_page.body.contains("139****5678") && !code_page.body.contains("13912345678"));
    let code = code_in_outbox(&mut visitor, "139****5678").await;
    let wrong_code = if code == "000000" { "111111" } else { "000000" };
    let wrong = visitor.post("/petitions/new/code", &format!("code={wrong_code}")).await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST);
    assert!(wrong.body.contains("验证码不对，还可以再试4次"));
    let too_soon = visitor.post("/petitions/new/code/resend", "").await;
    assert!(too_soon.body.contains("秒后再重新获取"), "a minute between codes");
    goes_to(&visitor.post("/petitions/new/code", &format!("code={code}")).await, "/petitions/new/sharing");
    goes_to(&visitor.post("/petitions/new/sharing", "public=yes").await, "/petitions/new/check");

    let check = visitor.get("/petitions/new/check").await;
    for shown in
        ["施工、商业噪声扰民", "望海楼街 宁园社区 · 3号楼2门501", "1张", "李* · 139****5678", "同意公开，显示姓氏"]
    {
        assert!(check.body.contains(shown), "{shown} missing from the check page");
    }
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    let confirms = [
        visitor.post("/petitions/new/confirm", &format!("key={key}")).await,
        visitor.post("/petitions/new/confirm", &format!("key={key}")).await,
    ];
    for confirmed in &confirms {
        goes_to(confirmed, "/petitions/new/filed");
    }
    let filed = visitor.get("/petitions/new/filed").await;
    assert_eq!(filed.status, StatusCode::OK);
    // Ordinary, filed Wednesday 25 November 10:00: respond by the end of the next working day, finish 7 calendar
    // days on (2 December, a Wednesday).
    for shown in ["120105 20261125 00001", "响应：2026年11月26日 24:00 前", "办结：2026年12月2日 24:00 前", "<svg"]
    {
        assert!(filed.body.contains(shown), "{shown} missing from the confirmation");
    }
    assert_eq!(
        instance.services.petitions.unrouted(instance.services.site.clock.now()).await.unwrap().len(),
        1,
        "filed once"
    );
    let petition = instance
        .services
        .petitions
        .by_tracking_number("1201052026112500001", instance.services.site.clock.now())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((petition.filed.phone.as_str(), petition.filed.public_wanted), ("13912345678", true));
    let kept =
        instance.services.petitions.photos(app::petitions::store::PhotosOf::Petition(petition.id)).await.unwrap();
    assert_eq!(
        kept.iter().map(|p| (p.width, p.height)).collect::<Vec<_>>(),
        [(1600, 800)],
        "the photo went with it, shrunk"
    );
    // Routed to the ecology bureau, its handler sees the photo and, on asking (audited), the phone.
    let route = app::petitions::lifecycle::Action::Route { department: "ecology".into() };
    let step = app::petitions::store::Step {
        actor: &app::petitions::lifecycle::Actor::Dispatcher,
        action: &route,
        note: "",
        audit: None,
        texts: &[],
    };
    instance
        .services
        .petitions
        .act(petition.id, petition.version, step, instance.services.site.clock.now())
        .await
        .unwrap()
        .unwrap();
    let handler = crate::support::staff_cookie(
        &instance.services,
        "H0001",
        vec![app::staff::model::Grant::Handler { department: "ecology".into() }],
    )
    .await;
    let mut staff = Visitor::new(instance.router.clone());
    staff.cookie = Some(handler);
    let case = staff.get("/staff/petitions/ecology/1201052026112500001").await;
    assert!(!case.body.contains("13912345678") && case.body.contains("查看电话"), "the phone only on request");
    let photo_src = case
        .body
        .split(r#"<img src=""#)
        .nth(1)
        .expect("the photo on the case page")
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let photo = staff.get(&photo_src).await;
    assert_eq!((photo.status, photo.headers["content-type"].to_str().unwrap()), (StatusCode::OK, "image/jpeg"));
    assert_eq!(visitor.get(&photo_src).await.status, StatusCode::SEE_OTHER, "the resident's session is not staff");
    let revealed = staff.post("/staff/petitions/ecology/1201052026112500001/phone", "").await;
    assert!(revealed.body.contains(r#"href="tel:13912345678""#));
    let trail = instance.services.staff.audit_trail(5).await.unwrap();
    assert!(
        trail.iter().any(|entry| entry.action == "查看诉求人电话" && entry.subject.ends_with("139****5678")),
        "{trail:?}"
    );
    assert!(trail.iter().all(|entry| !entry.subject.contains("13912345678")), "masked in the trail");
    let case = staff.get("/staff/petitions/ecology/1201052026112500001").await;
    assert!(
        case.body.contains("审计记录") && case.body.contains("H0001 查看诉求人电话"),
        "the petition's own audit entries"
    );

    // Going back to a question once filed shows the confirmation again, not a second petition.
    assert_eq!(visitor.get("/petitions/new/text").await.headers["location"], "/petitions/new/filed");
}

#[tokio::test(flavor = "multi_thread")]
async fn codes_to_one_phone_are_limited_and_outside_development_the_outbox_is_not_shown() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let answers = [
        ("/petitions/new/start", String::new()),
        ("/petitions/new/category", "category=heating".to_string()),
        ("/petitions/new/tier", "tier=urgent".to_string()),
        ("/petitions/new/place", format!("street={}&community={}", encode("望海楼"), encode("宁园社区"))),
        (
            "/petitions/new/text",
            format!("title={}&body={}", encode("暖气不热了"), encode("入冬以来室温只有14度，孩子冷。")),
        ),
        ("/petitions/new/photos/done", String::new()),
    ];
    // Six residents behind different addresses try to text the same phone: five texts an hour reach it.
    let mut pages = Vec::new();
    for n in 0..6 {
        let mut visitor = Visitor::at(
            instance.router.clone(),
            ["203.0.113.1", "203.0.113.2", "203.0.113.3", "203.0.113.4", "203.0.113.5", "203.0.113.6"][n],
        );
        for (path, form) in &answers {
            assert_eq!(visitor.post(path, form).await.status, StatusCode::SEE_OTHER, "{path}");
        }
        pages.push(visitor.post("/petitions/new/contact", &format!("name={}&phone=13700001111", encode("王五"))).await);
    }
    assert_eq!(
        pages.iter().map(|page| page.status).collect::<Vec<_>>(),
        [StatusCode::SEE_OTHER; 5].into_iter().chain([StatusCode::TOO_MANY_REQUESTS]).collect::<Vec<_>>()
    );
    assert!(pages[5].body.contains("获取验证码太频繁了"), "says what was done too often");

    let production = server::config::Config { development: false, ..config(&db) };
    let router = server::build(&production).await.unwrap().router;
    assert_eq!(Visitor::new(router).get("/dev/outbox").await.status, StatusCode::NOT_FOUND);
}

/// Answers every question up to the check page, with `title` and `body` about 宁园社区 in 望海楼.
async fn answer_up_to_check(visitor: &mut Visitor, category: &str, title: &str, body: &str, phone: &str) {
    let place = format!("street={}&community={}", encode("望海楼"), encode("宁园社区"));
    let text = format!("title={}&body={}", encode(title), encode(body));
    for (path, form) in [
        ("/petitions/new/start", String::new()),
        ("/petitions/new/category", format!("category={category}")),
        ("/petitions/new/tier", "tier=ordinary".into()),
        ("/petitions/new/place", place),
        ("/petitions/new/text", text),
        ("/petitions/new/photos/done", String::new()),
        ("/petitions/new/contact", format!("name={}&phone={phone}", encode("王五"))),
    ] {
        assert_eq!(visitor.post(path, &form).await.status, StatusCode::SEE_OTHER, "{path}");
    }
    let masked = format!("{}****{}", &phone[..3], &phone[7..]);
    let code = code_in_outbox(visitor, &masked).await;
    goes_to(&visitor.post("/petitions/new/code", &format!("code={code}")).await, "/petitions/new/sharing");
    goes_to(&visitor.post("/petitions/new/sharing", "public=yes").await, "/petitions/new/check");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dispatcher_publishes_a_masked_text_and_a_neighbour_says_me_too() {
    use app::staff::model::Grant;
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let mut first = Visitor::at(instance.router.clone(), "203.0.113.21");
    let body = "宁园社区东门下水道堵塞，污水外溢到路面，3号楼2门501的住户电话13812345678";
    answer_up_to_check(&mut first, "drainage", "东门下水道堵塞", body, "13812345678").await;
    let check = first.get("/petitions/new/check").await;
    assert!(!check.body.contains("附近已有相似的诉求"), "nothing public yet");
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    goes_to(&first.post("/petitions/new/confirm", &format!("key={key}")).await, "/petitions/new/filed");

    // The dispatcher sees it masked, edits the title, and publishes it.
    let mut dispatcher = Visitor::new(instance.router.clone());
    dispatcher.cookie = Some(crate::support::staff_cookie(&instance.services, "P0001", vec![Grant::Dispatcher]).await);
    let desk = dispatcher.get("/staff/dispatch").await;
    assert!(
        desk.body.contains("宁园社区东门下水道堵塞，污水外溢到路面，＊号楼＊门＊＊＊的住户电话138****5678"),
        "{}",
        desk.body
    );
    assert!(!desk.body.contains("13812345678"), "the dispatcher is offered the masked text only");
    let shown_body = "宁园社区东门下水道堵塞，污水外溢到路面，＊号楼＊门＊＊＊的住户电话138****5678";
    let publish = format!(
        "number=1201052026112500001&approve=1&title={}&body={}",
        encode("东门下水道堵塞，污水外溢"),
        encode(shown_body)
    );
    goes_to(&dispatcher.post("/staff/dispatch/publish", &publish).await, "/staff/dispatch");
    let public =
        Visitor::new(instance.router.clone()).get(&format!("/petitions/public?street={}", encode("望海楼"))).await;
    assert!(public.body.contains("东门下水道堵塞，污水外溢") && public.body.contains("望海楼街 宁园社区"));
    assert!(!public.body.contains("13812345678") && !public.body.contains("501"), "masked");
    let again = dispatcher.post("/staff/dispatch/publish", &publish).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "decided once");

    // A neighbour writing about the same drain is offered it, joins it, and is counted.
    let mut neighbour = Visitor::at(instance.router.clone(), "203.0.113.22");
    answer_up_to_check(
        &mut neighbour,
        "drainage",
        "东门下水道堵了",
        "东门的下水道堵了，污水都外溢到路面上了，请尽快疏通",
        "13987654321",
    )
    .await;
    let check = neighbour.get("/petitions/new/check").await;
    assert!(
        check.body.contains("附近已有相似的诉求") && check.body.contains("东门下水道堵塞，污水外溢"),
        "{}",
        check.body
    );
    let joins = check.body.split(r#"name="joins" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    assert_eq!(
        neighbour.post("/petitions/new/me-too", "joins=999999").await.status,
        StatusCode::BAD_REQUEST,
        "only one offered"
    );
    goes_to(&neighbour.post("/petitions/new/me-too", &format!("joins={joins}")).await, "/petitions/new/check");
    let check = neighbour.get("/petitions/new/check").await;
    assert!(check.body.contains("您的诉求将计入这件诉求"));
    let key = check.body.split(r#"name="key" value=""#).nth(1).unwrap().split('"').next().unwrap().to_string();
    goes_to(&neighbour.post("/petitions/new/confirm", &format!("key={key}")).await, "/petitions/new/filed");
    let public = Visitor::new(instance.router.clone()).get("/petitions/public?state=open").await;
    assert!(public.body.contains("另有1人一同反映"), "{}", public.body);
    let done = Visitor::new(instance.router.clone()).get("/petitions/public?state=done").await;
    assert!(
        !done.body.contains("东门下水道堵塞") && done.body.contains("没有符合条件的公开诉求"),
        "still being worked"
    );
    assert!(!public.body.contains("东门下水道堵了"), "the neighbour's own text is not public");
}
