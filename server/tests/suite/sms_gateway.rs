//! The Alibaba Cloud SMS adapter against a local mock of the gateway's documented answers: it checks each
//! request's signature with the account's secret, as the gateway does, and answers OK, an illegal-number refusal
//! or a signature mismatch. The resident's code goes out as its registered template with its value. A text the
//! gateway turns away is kept, and sent again until it expires, without undoing the step that sent it.

use crate::support::encode;
use app::sms::{Template, Text};
use axum::{extract::RawQuery, routing::get, Json, Router};
use server::sms::aliyun::{signature, AliyunSettings, AliyunSms};
use server::sms::Notifier;
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

const SECRET: &str = "mock-secret";
/// The gateway's flow control turns texts to this phone away every time, and to `BUSY_ONCE` the first time.
const BUSY: &str = "13800000009";
const BUSY_ONCE: &str = "13800000001";

/// Serves the mock; every request's parameters are kept in `seen`.
async fn mock(seen: Arc<Mutex<Vec<BTreeMap<String, String>>>>) -> String {
    let answer = move |RawQuery(query): RawQuery| {
        let seen = seen.clone();
        async move {
            let params: BTreeMap<String, String> =
                url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect();
            seen.lock().unwrap().push(params.clone());
            let signed: BTreeMap<&str, String> =
                params.iter().filter(|(name, _)| *name != "Signature").map(|(n, v)| (n.as_str(), v.clone())).collect();
            let (code, message) = if params.get("Signature") != Some(&signature(&signed, SECRET)) {
                ("SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")
            } else if params["PhoneNumbers"] == "10000000000" {
                ("isv.MOBILE_NUMBER_ILLEGAL", "非法手机号")
            } else if params["PhoneNumbers"] == BUSY
                || params["PhoneNumbers"] == BUSY_ONCE
                    && seen.lock().unwrap().iter().filter(|p| p["PhoneNumbers"] == BUSY_ONCE).count() == 1
            {
                ("isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1")
            } else {
                ("OK", "OK")
            };
            Json(
                serde_json::json!({ "Code": code, "Message": message, "RequestId": "F655A8D5-B967-440B-8683", "BizId": "9006197469364984400" }),
            )
        }
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let router = Router::new().route("/", get(answer));
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}/")
}

fn settings(endpoint: String, secret: &str) -> AliyunSettings {
    let templates =
        Template::NAMES.iter().enumerate().map(|(n, name)| format!("{name}=SMS_1000{n}")).collect::<Vec<_>>();
    AliyunSettings {
        endpoint,
        access_key_id: "LTAI-mock".into(),
        access_key_secret: secret.into(),
        sign_name: "河北区政务服务".into(),
        templates: AliyunSettings::parse_templates(&templates.join(",")).unwrap(),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn texts_go_out_as_signed_templates_and_the_gateways_refusals_are_reported() {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let endpoint = mock(seen.clone()).await;
    let gateway = AliyunSms::new(settings(endpoint.clone(), SECRET)).unwrap();
    let now = chrono::DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
    let code = Text { phone: "13912345678".into(), template: Template::PhoneCode { code: "482913".into() } };
    gateway.send(&code, now).await.unwrap();
    let sent = seen.lock().unwrap().last().cloned().unwrap();
    for (name, value) in [
        ("Action", "SendSms"),
        ("Version", "2017-05-25"),
        ("PhoneNumbers", "13912345678"),
        ("SignName", "河北区政务服务"),
        ("TemplateCode", "SMS_10000"),
        ("TemplateParam", r#"{"code":"482913"}"#),
        ("Timestamp", "2026-11-25T02:00:00Z"),
        ("SignatureMethod", "HMAC-SHA1"),
    ] {
        assert_eq!(sent.get(name).map(String::as_str), Some(value), "{name}");
    }

    let illegal =
        Text { phone: "10000000000".into(), template: Template::SignedFor { number: "120105 20261125 00001".into() } };
    let refused = gateway.send(&illegal, now).await.unwrap_err();
    assert!(refused.0.contains("isv.MOBILE_NUMBER_ILLEGAL"), "{}", refused.0);

    let wrong_key = AliyunSms::new(settings(endpoint, "not-the-secret")).unwrap();
    let mismatch = wrong_key.send(&code, now).await.unwrap_err();
    assert!(mismatch.0.contains("SignatureDoesNotMatch"), "{}", mismatch.0);
}

/// The queue's texts, newest first, each as (masked phone, where it stands).
async fn standing(pool: &server::db::Pool) -> Vec<(String, String)> {
    use app::sms::Outbox;
    let texts = server::sms::queue::Queue::new(pool.clone()).newest(10).await.unwrap();
    texts.into_iter().map(|t| (t.phone_masked, t.state)).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_text_the_gateway_turns_away_is_kept_and_sent_again_and_given_up_only_once_it_has_expired() {
    use crate::support::{config, send, staff_form, TestDb};
    use app::staff::model::Grant;
    use axum::http::StatusCode;
    use server::sms::delivery::deliver_due;

    let seen = Arc::new(Mutex::new(Vec::new()));
    let endpoint = mock(seen.clone()).await;
    let db = TestDb::fresh().await;
    let instance =
        server::build(&server::config::Config { sms_gateway: Some(settings(endpoint.clone(), SECRET)), ..config(&db) })
            .await
            .unwrap();
    let services = &instance.services;
    // Two dispatchers, nobody on the roster: an urgent petition texts both.
    let mut cookie = String::new();
    for (number, phone) in [("P0001", BUSY_ONCE), ("P0002", BUSY)] {
        let id = crate::support::staff_account_reached_at(services, number, phone, vec![Grant::Dispatcher]).await;
        cookie = crate::support::staff_session(services, id).await;
    }
    let body = format!(
        "key=busy-1&category=heating&tier=urgent&community={}&place_detail=&title={}&body={}&name={}&phone=13912345678",
        encode("月牙河/金海社区"),
        encode("暖气不热"),
        encode("家里暖气片一直是凉的，老人受不了。"),
        encode("李四"),
    );
    let filed = send(&instance.router, staff_form("/staff/dispatch/phone-in", &cookie, &body)).await;
    assert_eq!(filed.status, StatusCode::OK, "the gateway's refusal does not undo the filing: {}", filed.body);
    assert!(filed.body.contains("1201052026112500001"));

    // The instance's own deliverer tries both at once (10:00); the gateway turns both away.
    let tried = async {
        while seen.lock().unwrap().len() < 2 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
    };
    tokio::time::timeout(std::time::Duration::from_secs(10), tried).await.expect("the deliverer tried both");
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    let refused = "待重发（已失败1次：isv.BUSINESS_LIMIT_CONTROL：触发分钟级流控Permits:1）";
    let mut expected = vec![("138****0009".to_string(), refused.to_string()), ("138****0001".into(), refused.into())];
    assert_eq!(standing(&instance.pool).await, expected);

    // Not before its time (10:00:30), then it goes; the one the gateway keeps refusing waits longer each time.
    let at = |time: &str| chrono::DateTime::parse_from_rfc3339(&format!("2026-11-25T{time}+08:00")).unwrap();
    let gateway = AliyunSms::new(settings(endpoint, SECRET)).unwrap();
    assert_eq!(deliver_due(&instance.pool, &gateway, at("10:00:29")).await.unwrap(), 0);
    assert_eq!(seen.lock().unwrap().len(), 2);
    assert_eq!(deliver_due(&instance.pool, &gateway, at("10:00:30")).await.unwrap(), 1);
    expected[1].1 = "已发出".into();
    expected[0].1 = refused.replace("1次", "2次");
    assert_eq!(standing(&instance.pool).await, expected);
    assert_eq!(deliver_due(&instance.pool, &gateway, at("10:02:29")).await.unwrap(), 0, "next at 10:02:30");
    assert_eq!(seen.lock().unwrap().len(), 4);
    // 10:02:30, 10:12:30, 10:42:30, 11:12:30, 11:42:30: each refused; 12:12:30 is past the alert's two hours.
    for time in ["10:02:30", "10:12:30", "10:42:30", "11:12:30", "11:42:30"] {
        assert_eq!(deliver_due(&instance.pool, &gateway, at(time)).await.unwrap(), 0, "{time}");
    }
    assert_eq!(seen.lock().unwrap().len(), 9, "the busy one was tried 7 times in all");
    expected[0].1 = "已放弃（失败7次：isv.BUSINESS_LIMIT_CONTROL：触发分钟级流控Permits:1）".into();
    assert_eq!(standing(&instance.pool).await, expected);
    assert_eq!(deliver_due(&instance.pool, &gateway, at("12:12:30")).await.unwrap(), 0);
    assert_eq!(seen.lock().unwrap().len(), 9, "a text given up is not tried again");
    let sent_to: Vec<&str> = vec![BUSY_ONCE, BUSY];
    assert!(seen.lock().unwrap().iter().all(|p| sent_to.contains(&p["PhoneNumbers"].as_str())));
}
