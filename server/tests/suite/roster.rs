//! The dispatch centre's duty roster through the router, on both databases: shifts put on and refused in
//! Chinese, who is on duty in words, an urgent petition texting only the dispatcher on duty and, once the roster
//! leaves the moment uncovered, every active dispatcher (never a handler); each change in the audit trail.

use crate::support::{config, encode, send, staff_account_reached_at, staff_form, staff_session, Page, TestDb};
use app::staff::model::Grant;
use axum::http::{header, Request, StatusCode};

/// An account with its own phone, signed in: its cookie.
async fn signed_in(services: &app::services::Services, number: &str, phone: &str, grants: Vec<Grant>) -> String {
    staff_session(services, staff_account_reached_at(services, number, phone, grants).await).await
}

#[tokio::test(flavor = "multi_thread")]
async fn urgent_petitions_text_the_dispatcher_on_duty_and_every_dispatcher_when_nobody_is() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let services = &instance.services;
    let cookie = signed_in(services, "P0001", "13800000001", vec![Grant::Dispatcher]).await;
    signed_in(services, "P0003", "13800000003", vec![Grant::Dispatcher]).await;
    signed_in(services, "H0002", "13800000002", vec![Grant::Handler { department: "housing".into() }]).await;
    let router = &instance.router;
    let page = || async {
        let request = Request::get("/staff/dispatch/roster").header(header::COOKIE, &cookie).body(Default::default());
        send(router, request.unwrap()).await
    };
    let shift = |dispatcher: &str, day: &str, starts: &str, hours: &str| {
        let body = format!("dispatcher={dispatcher}&day={day}&starts={}&hours={}", encode(starts), encode(hours));
        staff_form("/staff/dispatch/roster", &cookie, &body)
    };
    let refused = |answer: Page, message: &str| {
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{message}");
        assert!(answer.body.contains(message), "{message}: {}", answer.body);
    };

    // It is 25 November 2026, 10:00; nobody is on the roster.
    let empty = page().await;
    assert_eq!(empty.status, StatusCode::OK);
    assert!(empty.body.contains("现在没有人值班"), "{}", empty.body);
    refused(send(router, shift("P0001", "2026-11-25", "08:00", "30")).await, "请填写1到24之间的小时数");
    refused(send(router, shift("H0002", "2026-11-25", "08:00", "8")).await, "只能为在岗的调度员排班");
    refused(send(router, shift("P0001", "2026-11-24", "08:00", "8")).await, "这个班已经结束了");
    refused(send(router, shift("P0001", "2027-01-27", "08:00", "8")).await, "最多排到62天以后");
    refused(send(router, shift("P0001", "25/11", "08:00", "8")).await, "请选择日期");
    refused(send(router, shift("P0001", "2026-11-25", "<script>alert(1)</script>", "8")).await, "请填写开始时间");
    assert_eq!(send(router, shift("P0001", "2026-11-25", "08:00", "8")).await.status, StatusCode::SEE_OTHER);
    assert_eq!(send(router, shift("P0003", "2026-11-25", "16:00", "8")).await.status, StatusCode::SEE_OTHER);
    refused(send(router, shift("P0001", "2026-11-25", "12:00", "2")).await, "这位调度员在这段时间已经有班了");

    let roster = page().await;
    assert!(roster.body.contains("现在值班：职员P0001（P0001），到11月25日 16:00"), "{}", roster.body);
    assert!(roster.body.contains("11月25日 星期三"));
    assert!(roster.body.contains("08:00—16:00（值班中）"));
    assert!(roster.body.contains("16:00—次日00:00"));

    // An urgent petition phoned in now texts P0001 only; an ordinary one nobody.
    let outbox = services.sms.outbox.clone().unwrap();
    let phone_in = |key: &str, category: &str| {
        let body = format!(
            "key={key}&category={category}&tier=&community={}&place_detail=&title={}&body={}&name={}&phone=13912345678",
            encode("月牙河/金海社区"),
            encode("暖气不热"),
            encode("家里暖气片一直是凉的，老人受不了。"),
            encode("李四"),
        );
        staff_form("/staff/dispatch/phone-in", &cookie, &body)
    };
    assert_eq!(send(router, phone_in("k1", "noise")).await.status, StatusCode::OK);
    assert!(outbox.newest(10).await.unwrap().is_empty());
    assert_eq!(send(router, phone_in("k2", "heating")).await.status, StatusCode::OK);
    let texted = |texts: Vec<app::sms::Kept>| texts.into_iter().map(|t| t.phone_masked).collect::<Vec<_>>();
    assert_eq!(texted(outbox.newest(10).await.unwrap()), ["138****0001"]);
    assert_eq!(send(router, phone_in("k2", "heating")).await.status, StatusCode::OK);
    assert_eq!(texted(outbox.newest(10).await.unwrap()), ["138****0001"], "the same form again files and texts once");

    // P0001's shift taken off: nobody is on at 10:00, so the next one texts both dispatchers, not the handler.
    let id = roster.body.split(r#"name="id" value=""#).nth(1).and_then(|rest| rest.split('"').next()).unwrap();
    assert_eq!(
        send(router, staff_form("/staff/dispatch/roster/remove", &cookie, &format!("id={id}"))).await.status,
        StatusCode::SEE_OTHER
    );
    refused(
        send(router, staff_form("/staff/dispatch/roster/remove", &cookie, &format!("id={id}"))).await,
        "没有找到这个班",
    );
    assert!(page().await.body.contains("现在没有人值班"));
    assert_eq!(send(router, phone_in("k3", "heating")).await.status, StatusCode::OK);
    let texts = texted(outbox.newest(10).await.unwrap());
    assert_eq!(texts, ["138****0003", "138****0001", "138****0001"]);

    let trail = services.staff.audit_trail(20).await.unwrap();
    let said: Vec<(&str, &str)> = trail.iter().map(|e| (e.action.as_str(), e.subject.as_str())).collect();
    assert!(said.contains(&("排班", "P0001 11月25日 星期三 08:00—16:00")), "{said:?}");
    assert!(said.contains(&("排班", "P0003 11月25日 星期三 16:00—次日00:00")), "{said:?}");
    assert!(said.contains(&("取消排班", "P0001 11月25日 星期三 08:00—16:00")), "{said:?}");
}
