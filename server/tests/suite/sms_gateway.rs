//! The Alibaba Cloud SMS adapter against a local mock of the gateway's documented answers: it checks each
//! request's signature with the account's secret, as the gateway does, and answers OK, an illegal-number refusal
//! or a signature mismatch. The resident's code goes out as its registered template with its value.

use app::sms::{Notifier, Template, Text};
use axum::{extract::RawQuery, routing::get, Json, Router};
use server::sms::aliyun::{signature, AliyunSettings, AliyunSms};
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

const SECRET: &str = "mock-secret";

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
