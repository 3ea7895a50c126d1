//! Alibaba Cloud SMS (短信服务: dysmsapi, version 2017-05-25, `SendSms`), a gateway a district can contract. A
//! text is one of the account's approved templates with its values, sent as a GET signed with the account's
//! AccessKey (the RPC signature: HMAC-SHA1 over the sorted, RFC 3986-encoded parameters). Configured by
//! environment (`PALM_SMS_GATEWAY=aliyun`, `ALIYUN_SMS_*`); tested against a local mock of its documented answers.

use super::{NotSent, Notifier};
use app::personal::mask_phone;
use app::sms::{Template, Text};
use base64::Engine;
use chrono::{DateTime, FixedOffset, Utc};
use hmac::{Hmac, Mac};
use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

/// RFC 3986's unreserved characters stay; everything else is percent-encoded (a space as %20, `*` as %2A).
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');
pub const ENDPOINT: &str = "https://dysmsapi.aliyuncs.com/";

/// The account and its templates, as configured.
#[derive(Clone, Debug)]
pub struct AliyunSettings {
    pub endpoint: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    /// The approved signature, e.g. 河北区政务服务.
    pub sign_name: String,
    /// Each of our templates' names (`Template::name`) to the account's template code (SMS_…).
    pub templates: HashMap<String, String>,
}

impl AliyunSettings {
    /// `phone_code=SMS_1,signed_for=SMS_2,…`: every one of our templates needs its code.
    pub fn parse_templates(text: &str) -> anyhow::Result<HashMap<String, String>> {
        let templates: HashMap<String, String> = text
            .split(',')
            .filter(|pair| !pair.trim().is_empty())
            .map(|pair| match pair.split_once('=') {
                Some((name, code)) => Ok((name.trim().to_string(), code.trim().to_string())),
                None => anyhow::bail!("ALIYUN_SMS_TEMPLATES: {pair} is not name=SMS_…"),
            })
            .collect::<anyhow::Result<_>>()?;
        let missing: Vec<&str> =
            Template::NAMES.iter().copied().filter(|name| !templates.contains_key(*name)).collect();
        anyhow::ensure!(missing.is_empty(), "ALIYUN_SMS_TEMPLATES has no code for {}", missing.join(", "));
        Ok(templates)
    }
}

pub struct AliyunSms {
    http: reqwest::Client,
    settings: AliyunSettings,
}

impl AliyunSms {
    pub fn new(settings: AliyunSettings) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder().timeout(Duration::from_secs(10)).build()?;
        Ok(Self { http, settings })
    }

    /// The signed query string that sends `text` at `now`.
    fn query(&self, text: &Text, now: DateTime<FixedOffset>, nonce: &str) -> Result<String, NotSent> {
        let template = text.template.name();
        let code = self.settings.templates.get(template).ok_or_else(|| NotSent(format!("没有模板{template}的编号")))?;
        let values: serde_json::Map<String, serde_json::Value> =
            text.template.values().into_iter().map(|(name, value)| (name.to_string(), value.into())).collect();
        let mut params: BTreeMap<&str, String> = BTreeMap::new();
        params.insert("AccessKeyId", self.settings.access_key_id.clone());
        params.insert("Action", "SendSms".into());
        params.insert("Format", "JSON".into());
        params.insert("PhoneNumbers", text.phone.clone());
        params.insert("RegionId", "cn-hangzhou".into());
        params.insert("SignName", self.settings.sign_name.clone());
        params.insert("SignatureMethod", "HMAC-SHA1".into());
        params.insert("SignatureNonce", nonce.into());
        params.insert("SignatureVersion", "1.0".into());
        params.insert("TemplateCode", code.clone());
        params.insert("TemplateParam", serde_json::Value::Object(values).to_string());
        params.insert("Timestamp", now.with_timezone(&Utc).format("%Y-%m-%dT%H:%M:%SZ").to_string());
        params.insert("Version", "2017-05-25".into());
        let signature = signature(&params, &self.settings.access_key_secret);
        Ok(format!("Signature={}&{}", encode(&signature), canonical(&params)))
    }
}

fn encode(value: &str) -> String {
    utf8_percent_encode(value, RFC3986).to_string()
}

/// The parameters sorted by name, each `name=value` encoded, joined by `&`.
pub fn canonical(params: &BTreeMap<&str, String>) -> String {
    params.iter().map(|(name, value)| format!("{}={}", encode(name), encode(value))).collect::<Vec<_>>().join("&")
}

/// The RPC signature of a GET with `params`: Base64(HMAC-SHA1(secret + "&", "GET&%2F&" + encode(canonical))).
pub fn signature(params: &BTreeMap<&str, String>, secret: &str) -> String {
    let string_to_sign = format!("GET&{}&{}", encode("/"), encode(&canonical(params)));
    let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{secret}&").as_bytes()).expect("HMAC takes any key");
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

#[async_trait::async_trait]
impl Notifier for AliyunSms {
    async fn send(&self, text: &Text, now: DateTime<FixedOffset>) -> Result<(), NotSent> {
        let query = self.query(text, now, &app::random::url_safe(16))?;
        let url = format!("{}?{query}", self.settings.endpoint);
        // Without the URL: its query holds the phone number, and this message is logged and kept.
        let failed = |e: reqwest::Error| NotSent(format!("短信网关无法访问：{}", e.without_url()));
        let body = self.http.get(url).send().await.map_err(failed)?.text().await.map_err(failed)?;
        let answer: serde_json::Value =
            serde_json::from_str(&body).map_err(|_| NotSent(format!("短信网关的回答无法读取：{body}")))?;
        match answer["Code"].as_str() {
            Some("OK") => {
                tracing::info!(phone = %mask_phone(&text.phone), template = text.template.name(), "text sent");
                Ok(())
            }
            code => Err(NotSent(format!("{}：{}", code.unwrap_or("?"), answer["Message"].as_str().unwrap_or("")))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worked example of Alibaba Cloud's SMS signature documentation (AccessKeySecret `testSecret`).
    #[test]
    fn the_documented_example_is_signed_as_documented() {
        let params: BTreeMap<&str, String> = [
            ("AccessKeyId", "testId"),
            ("Action", "SendSms"),
            ("Format", "XML"),
            ("OutId", "123"),
            ("PhoneNumbers", "15300000001"),
            ("RegionId", "cn-hangzhou"),
            ("SignName", "阿里云短信测试专用"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466"),
            ("SignatureVersion", "1.0"),
            ("TemplateCode", "SMS_71390007"),
            ("TemplateParam", "{\"customer\":\"test\"}"),
            ("Timestamp", "2017-07-12T02:42:19Z"),
            ("Version", "2017-05-25"),
        ]
        .into_iter()
        .map(|(name, value)| (name, value.to_string()))
        .collect();
        assert_eq!(signature(&params, "testSecret"), "zJDF+Lrzhj/ThnlvIToysFRq6t4=");
        assert!(canonical(&params).contains("SignName=%E9%98%BF%E9%87%8C%E4%BA%91"), "UTF-8, percent-encoded");
        assert!(canonical(&params).contains("Timestamp=2017-07-12T02%3A42%3A19Z"));
    }

    #[test]
    fn every_template_needs_its_code() {
        let all = Template::NAMES.iter().map(|name| format!("{name}=SMS_1")).collect::<Vec<_>>().join(",");
        assert_eq!(AliyunSettings::parse_templates(&all).unwrap().len(), Template::NAMES.len());
        let error = AliyunSettings::parse_templates("phone_code=SMS_1").unwrap_err().to_string();
        assert!(error.contains("signed_for"), "{error}");
    }
}
