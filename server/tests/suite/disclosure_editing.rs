//! Keeping the disclosure up to date, through the router: a department's editor changes an item (in effect at once,
//! searchable at once, a version with its diff), a legal change waits for the service office, a save over someone
//! else's is refused, "reviewed, no change" makes a stale list fresh in the report, and seeding again keeps edits.

use crate::support::{config, encode, send, staff_cookie, staff_form, Page, TestDb};
use app::staff::model::Grant;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};

fn page(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri).header(header::COOKIE, cookie).body(Body::empty()).unwrap()
}

fn form(pairs: &[(&str, &str)]) -> String {
    pairs.iter().map(|(name, value)| format!("{name}={}", encode(value))).collect::<Vec<_>>().join("&")
}

fn went_to(page: &Page, path: &str) {
    assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
    assert_eq!(page.headers[header::LOCATION], path);
}

const EDITOR: &str = "/staff/disclosure/edit/items/54";
/// Item 54, 结婚登记, as the catalog was seeded: version 4, reviewed 23 March 2026.
const SEEDED_DESCRIPTION: &str = "自然人办理结婚登记，材料齐全的当场办结。";
const SEEDED_BASIS: &str = "《婚姻登记条例》（国务院令第387号）</dd>";
const NEW_DESCRIPTION: &str = "内地居民办理结婚登记，男女双方须共同到场，材料齐全的当场办结。";
const NEW_BASIS: &str = "《婚姻登记条例》（国务院令第387号）第四条、第五条";

#[tokio::test(flavor = "multi_thread")]
async fn an_editor_changes_an_item_at_once_and_a_legal_change_waits_for_the_service_office() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let (app, services) = (&instance.router, &instance.services);
    let editor = staff_cookie(services, "E3001", vec![Grant::Editor { department: "civil-affairs".into() }]).await;
    let admin = staff_cookie(services, "A3001", vec![Grant::Admin]).await;
    assert_eq!(send(app, page("/search/results?q=共同到场", "")).await.body.matches("结婚登记").count(), 0);

    let opened = send(app, page(EDITOR, &editor)).await;
    assert_eq!(opened.status, StatusCode::OK, "{}", opened.body);
    assert!(opened.body.contains(r#"name="stamp" value="0""#));
    assert!(opened.body.contains(SEEDED_DESCRIPTION));
    assert!(opened.body.contains("设定依据（法定内容：修改须经区政务服务办审核后公开）"));

    // The description and the basis changed; the other fields sent as they were.
    let saved = send(
        app,
        staff_form(
            EDITOR,
            &editor,
            &form(&[
                ("stamp", "0"),
                ("description", NEW_DESCRIPTION),
                ("legal_basis", NEW_BASIS),
                ("phone", "022-26289233"),
                ("promised_limit_amount", "0"),
                ("promised_limit_unit", "working_days"),
                ("note", "按婚姻登记条例核对"),
                ("action", "save"),
            ]),
        ),
    )
    .await;
    went_to(&saved, "/staff/disclosure/edit/items/54#versions");

    // In effect and searchable at once; the basis not yet; a new version, reviewed today.
    let public = send(app, page("/items/54", "")).await.body;
    assert!(public.contains(NEW_DESCRIPTION) && !public.contains(SEEDED_DESCRIPTION));
    assert!(public.contains(SEEDED_BASIS) && !public.contains(NEW_BASIS));
    assert!(public.contains("第5版 · 最近核对 2026-11-25"), "{public}");
    assert_eq!(send(app, page("/search/results?q=共同到场", "")).await.body.matches("结婚登记").count(), 1);

    // The versions, newest first: the legal change waiting, then the change made, each with its diff.
    let history = send(app, page(EDITOR, &editor)).await.body;
    assert!(history.contains(r#"name="stamp" value="2""#));
    let waiting = history.find("法定内容修改，待审核").unwrap();
    let made = history.find("<strong>已修改</strong>").unwrap();
    assert!(waiting < made);
    assert!(history.contains(&format!("<del>{SEEDED_DESCRIPTION}</del>")));
    assert!(history.contains(&format!("<ins>{NEW_DESCRIPTION}</ins>")));
    assert!(history.contains(&format!("<ins>{NEW_BASIS}</ins>")));
    assert!(history.contains("2026年11月25日 10:00 · 职员E3001（E3001）"), "{history}");
    assert!(history.contains("说明：按婚姻登记条例核对"));

    // A form opened before these versions is refused, not saved over them.
    let late =
        send(app, staff_form(EDITOR, &editor, &form(&[("stamp", "0"), ("hours", "周一至周日"), ("action", "save")])))
            .await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    assert!(late.body.contains("已被他人修改或审核"));
    // Bad values are named in Chinese, and nothing is stored.
    let bad = send(
        app,
        staff_form(
            EDITOR,
            &editor,
            &form(&[("stamp", "2"), ("statutory_limit_amount", "九十"), ("statutory_limit_unit", "working_days")]),
        ),
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
    assert!(bad.body.contains("法定办结时限请填写0到365之间的整数天数"));
    let nothing = send(app, staff_form(EDITOR, &editor, &form(&[("stamp", "2"), ("action", "save")]))).await;
    assert_eq!(nothing.status, StatusCode::BAD_REQUEST);
    assert!(nothing.body.contains("没有改动"));

    // Another department's editor can neither open nor save it.
    let other = staff_cookie(services, "E3002", vec![Grant::Editor { department: "hrss".into() }]).await;
    assert_eq!(send(app, page(EDITOR, &other)).await.status, StatusCode::FORBIDDEN);
    let refused = send(app, staff_form(EDITOR, &other, &form(&[("stamp", "2"), ("hours", "全天")]))).await;
    assert_eq!(refused.status, StatusCode::FORBIDDEN);

    // The service office: a rejection needs a reason; an approval puts the basis in effect.
    let queue = send(app, page("/staff/disclosure/approvals", &admin)).await.body;
    assert!(queue.contains(r#"<a href="/items/54">结婚登记</a>"#) && queue.contains(NEW_BASIS));
    let id = queue.split(r#"action="/staff/disclosure/approvals/"#).nth(1).unwrap().split('"').next().unwrap();
    let decide = format!("/staff/disclosure/approvals/{id}");
    let unexplained = send(app, staff_form(&decide, &admin, "decision=reject")).await;
    assert_eq!(unexplained.status, StatusCode::BAD_REQUEST);
    assert!(unexplained.body.contains("不通过时请写明理由"));
    went_to(&send(app, staff_form(&decide, &admin, "decision=approve")).await, "/staff/disclosure/approvals");
    let public = send(app, page("/items/54", "")).await.body;
    assert!(public.contains(NEW_BASIS) && public.contains("第6版"));
    assert!(send(app, page("/staff/disclosure/approvals", &admin)).await.body.contains("没有等待审核的修改"));
    let decided = send(app, staff_form(&decide, &admin, "decision=approve")).await;
    assert_eq!(decided.status, StatusCode::CONFLICT, "decided once only");
    let history = send(app, page(EDITOR, &editor)).await.body;
    assert!(
        history.contains("法定内容修改，已审核通过") && history.contains("审核：通过（A3001，2026年11月25日 10:00）")
    );

    // The audit trail: the edit and the decision, by whom.
    let audit = services.staff.audit_about("item:54", 10).await.unwrap();
    let actions: Vec<_> = audit.iter().map(|e| (e.staff_number.as_str(), e.action.as_str())).collect();
    assert_eq!(actions, [("A3001", "审核通过公开信息法定内容修改"), ("E3001", "修改公开信息")]);
}

#[tokio::test(flavor = "multi_thread")]
async fn reviewed_with_no_change_makes_a_stale_list_fresh_and_a_changed_list_is_public_at_once() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let (app, services) = (&instance.router, &instance.services);
    let editor = staff_cookie(services, "E3003", vec![Grant::Editor { department: "civil-air-defense".into() }]).await;
    let admin = staff_cookie(services, "A3003", vec![Grant::Admin]).await;
    let list = "/staff/disclosure/edit/departments/civil-air-defense";
    let row = |body: &str| -> String {
        let at = body.find(r#"<a href="/departments/civil-air-defense">"#).unwrap();
        body[at..].split("</tr>").next().unwrap().to_string()
    };

    // Reviewed 22 January 2018: stale, and 3 of the office's 4 entries fresh.
    let index = send(app, page("/staff/disclosure/edit", &editor)).await.body;
    let list_line = index.split("<li>").find(|line| line.contains(">职责清单</a>")).unwrap();
    assert!(list_line.contains("（最近审核：2018年1月22日）") && list_line.contains("超过一年未更新"), "{list_line}");
    assert!(row(&send(app, page("/staff/disclosure", &admin)).await.body).contains("75.0%"));

    went_to(
        &send(app, staff_form(list, &editor, "stamp=0&action=reviewed&responsibilities=%E4%B9%B1")).await,
        &format!("{list}#versions"),
    );
    let report = row(&send(app, page("/staff/disclosure", &admin)).await.body);
    assert!(report.contains("2026年11月25日") && report.contains("100.0%"), "{report}");
    assert!(!report.contains("超过一年未更新"));
    let public = send(app, page("/departments/civil-air-defense", "")).await.body;
    assert!(public.contains("负责人民防空工程建设和使用管理"), "the list is as it was");
    assert!(!public.contains("乱"), "a reviewed entry keeps its text, whatever else the form sent");
    assert!(send(app, page(list, &editor)).await.body.contains("<strong>已核对，无需修改</strong>"));

    // A line added is public at once, and the diff shows only it as new.
    let lines = "负责人民防空工程建设和使用管理\n负责防空警报设施管理\n负责人民防空宣传教育和群众防空疏散演练";
    let saved = send(app, staff_form(list, &editor, &form(&[("stamp", "1"), ("responsibilities", lines)]))).await;
    went_to(&saved, &format!("{list}#versions"));
    assert!(send(app, page("/departments/civil-air-defense", "")).await.body.contains("群众防空疏散演练"));
    let history = send(app, page(list, &editor)).await.body;
    assert!(history.contains(r#"<li class="kept">负责防空警报设施管理</li>"#));
    assert!(history.contains("<ins>负责人民防空宣传教育和群众防空疏散演练</ins>"));
    assert!(!history.contains("<del>"));
}

#[tokio::test(flavor = "multi_thread")]
async fn seeding_again_never_writes_over_an_edit() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let (app, services) = (&instance.router, &instance.services);
    let editor = staff_cookie(services, "E3004", vec![Grant::Editor { department: "civil-affairs".into() }]).await;
    let saved =
        send(app, staff_form(EDITOR, &editor, &form(&[("stamp", "0"), ("description", NEW_DESCRIPTION)]))).await;
    went_to(&saved, "/staff/disclosure/edit/items/54#versions");
    // One item gone (as if a release added it), so that seeding runs again.
    server::db::on_backend!(&instance.pool, |pool| {
        for sql in [
            "DELETE FROM place_items WHERE item_id = 763",
            "DELETE FROM item_topics WHERE item_id = 763",
            "DELETE FROM items WHERE id = 763",
        ] {
            sqlx::query(sql).execute(pool).await.unwrap();
        }
    });
    server::catalog::seed::seed(&instance.pool).await.unwrap();
    let again = server::build(&config(&db)).await.unwrap();
    let public = send(&again.router, page("/items/54", "")).await.body;
    assert!(public.contains(NEW_DESCRIPTION), "the edit is kept");
    assert_eq!(send(&again.router, page("/items/763", "")).await.status, StatusCode::OK, "the missing item is back");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_editor_changes_an_items_materials_row_by_row_and_a_fee_waits_for_the_service_office() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let (app, services) = (&instance.router, &instance.services);
    let editor = staff_cookie(services, "E3001", vec![Grant::Editor { department: "civil-affairs".into() }]).await;
    let admin = staff_cookie(services, "A3001", vec![Grant::Admin]).await;

    // A resident getting ready has ticked two materials: one the editor keeps, one the editor takes off.
    let ticks = form(&[("ticked", "户口簿"), ("ticked", "代办人居民身份证（他人代办时）")]);
    let ticked = send(app, crate::support::post("/items/54/checklist", Some("http://127.0.0.1:3000"), &ticks)).await;
    assert_eq!(ticked.status, StatusCode::SEE_OTHER);
    let resident = ticked.headers[header::SET_COOKIE].to_str().unwrap().split(';').next().unwrap().to_string();

    // 结婚登记's five materials, a row each, and two blank rows; no fee.
    let opened = send(app, page(EDITOR, &editor)).await.body;
    assert_eq!(opened.matches(r#"name="materials_name""#).count(), 7, "five materials and two blank rows");
    assert!(
        opened.contains(r#"aria-label="第3项材料的份数" type="number" min="0" max="20" inputmode="numeric" value="2""#)
    );
    assert_eq!(opened.matches(r#"name="fees_item""#).count(), 2, "no fee: two blank rows");

    let material = |name: &str, required: &str, form: &str, copies: &str, source: &str, notes: &str| {
        [
            ("materials_name", name.to_string()),
            ("materials_required", required.into()),
            ("materials_form", form.into()),
            ("materials_copies", copies.into()),
            ("materials_source", source.into()),
            ("materials_notes", notes.into()),
        ]
    };
    // The photo now three copies; the agent's ID card row emptied (removed); a new row for a proxy's letter.
    let rows = [
        material("居民身份证", "yes", "original", "0", "政府部门核发", "原件现场核验后退还"),
        material("户口簿", "yes", "original", "0", "政府部门核发", "原件现场核验后退还"),
        material("近期半身免冠合影照片", "yes", "original", "3", "申请人自备", "近6个月内白底免冠彩色照片"),
        material(
            "本人无配偶以及与对方当事人没有直系血亲和三代以内旁系血亲关系的签字声明",
            "yes",
            "original_and_copy",
            "2",
            "申请人自备",
            "",
        ),
        material("", "no", "original", "", "", ""),
        material("离婚证（再婚者）", "no", "original", "0", "政府部门核发", "再婚的当事人提交"),
        material("", "yes", "original", "", "", ""),
    ];
    let fee = [("fees_item", "工本费"), ("fees_amount", "每证9元"), ("fees_basis", "津价费〔2016〕15号")];
    let mut pairs: Vec<(&str, String)> = rows.iter().flatten().cloned().collect();
    pairs.extend(fee.iter().map(|(k, v)| (*k, v.to_string())));
    pairs.extend([("stamp", "0".into()), ("action", "save".into())]);
    let body = |pairs: &[(&str, String)]| {
        pairs.iter().map(|(k, v)| format!("{k}={}", crate::support::encode(v))).collect::<Vec<_>>().join("&")
    };

    // A bad row is named by its number, and the rows come back as sent.
    let mut bad = pairs.clone();
    bad[3 * 6 - 3] = ("materials_copies", "很多".into());
    let refused = send(app, staff_form(EDITOR, &editor, &body(&bad))).await;
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("第3项材料的份数请填写0到20之间的整数（0表示只需出示）。"), "{}", refused.body);
    assert!(refused.body.contains(r#"value="离婚证（再婚者）""#), "the rows as sent");

    went_to(&send(app, staff_form(EDITOR, &editor, &body(&pairs))).await, "/staff/disclosure/edit/items/54#versions");
    let public = send(app, page("/items/54", "")).await.body;
    assert!(public.contains("必需 · 原件 · 3份 · 申请人自备"), "the photo's three copies");
    assert!(public.contains("离婚证（再婚者）") && !public.contains("代办人居民身份证"));
    assert!(public.contains("不收费"), "the fee waits for approval");
    // The resident's tick stays on 户口簿 (still second), and the one on the material taken off is gone.
    let theirs = send(app, page("/items/54", &resident)).await.body;
    assert!(theirs.contains("已备齐 1 / 5 项（已保存）"), "{theirs}");
    assert!(theirs.contains(r#"value="户口簿" checked"#));
    assert!(!theirs.contains(r#"value="离婚证（再婚者）" checked"#));
    let history = send(app, page(EDITOR, &editor)).await.body;
    assert!(history.contains("<del>近期半身免冠合影照片｜必需｜原件｜2份｜申请人自备｜近6个月内白底免冠彩色照片</del>"));
    assert!(history.contains("<ins>近期半身免冠合影照片｜必需｜原件｜3份｜申请人自备｜近6个月内白底免冠彩色照片</ins>"));
    assert!(
        history.contains("<del>代办人居民身份证（他人代办时）｜非必需｜原件｜0份｜政府部门核发｜现场核验后退还</del>")
    );
    assert!(history.contains("<ins>工本费｜每证9元｜津价费〔2016〕15号</ins>"));

    // Marriage registration is free by law: the service office turns the fee down, with its reason.
    let queue = send(app, page("/staff/disclosure/approvals", &admin)).await.body;
    assert!(queue.contains("收费标准") && queue.contains("工本费｜每证9元"));
    let id = queue.split(r#"action="/staff/disclosure/approvals/"#).nth(1).unwrap().split('"').next().unwrap();
    let reason = format!("decision=reject&note={}", crate::support::encode("婚姻登记不收费"));
    went_to(
        &send(app, staff_form(&format!("/staff/disclosure/approvals/{id}"), &admin, &reason)).await,
        "/staff/disclosure/approvals",
    );
    assert!(send(app, page("/items/54", "")).await.body.contains("不收费"));
    assert!(send(app, page(EDITOR, &editor))
        .await
        .body
        .contains("审核：不通过（A3001，2026年11月25日 10:00）：婚姻登记不收费"));
}
