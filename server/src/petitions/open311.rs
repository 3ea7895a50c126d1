//! Open311 GeoReport v2 under `/open311/v2/`: `discovery`, `services`, `services/{code}`, `requests` and
//! `requests/{id}`, each as `.xml` (the format the specification requires) or `.json`; public, with no key;
//! jurisdiction_id accepted and ignored, as the specification allows an endpoint of one jurisdiction. And
//! `POST requests`, a partner's app filing for its resident with the `api_key` an admin issued it. No cookie is
//! read and no session started. Errors are the specification's `<errors>` bodies, with its HTTP statuses; a
//! database that is away answers 503 the same way.
//!
//! One document is written in both formats from the same value: JSON as serde writes it, XML by the
//! specification's mapping of it (the Spark convention) — an object's fields are child elements in their order, an
//! array is an element of its items, each named in the singular (`services` of `service`s).

use crate::guards::partner::{self, Refusal};
use crate::guards::rate_limit::Limit;
use crate::AppState;
use app::petitions::open311::{Format, Open311Error, PostRequest, RequestsQuery};
use app::petitions::service::open311;
use app::staff::keys::KeyScope;
use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{Form, Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use quick_xml::escape::partial_escape;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::Serialize;
use serde_json::Value;

/// The names of an array's items, by the array's name.
const ITEMS: [(&str, &str); 6] = [
    ("services", "service"),
    ("service_requests", "request"),
    ("endpoints", "endpoint"),
    ("formats", "format"),
    ("attributes", "attribute"),
    ("errors", "error"),
];

fn xml(root: &str, value: &Value) -> Vec<u8> {
    let mut writer = Writer::new(Vec::new());
    let written = writer
        .write_event(Event::Decl(BytesDecl::new("1.0", Some("utf-8"), None)))
        .and_then(|()| element(&mut writer, root, value));
    written.expect("writing to memory does not fail");
    writer.into_inner()
}

fn element(writer: &mut Writer<Vec<u8>>, name: &str, value: &Value) -> std::io::Result<()> {
    writer.write_event(Event::Start(BytesStart::new(name)))?;
    match value {
        Value::Object(fields) => {
            for (field, value) in fields {
                element(writer, field, value)?;
            }
        }
        Value::Array(items) => {
            let item = ITEMS.iter().find(|(plural, _)| *plural == name).map_or("item", |(_, singular)| singular);
            for value in items {
                element(writer, item, value)?;
            }
        }
        Value::Null => {}
        // Only what must be escaped in text (<, >, &): the specification's examples keep their apostrophes.
        Value::String(text) => writer.write_event(Event::Text(BytesText::from_escaped(partial_escape(text))))?,
        other => writer.write_event(Event::Text(BytesText::from_escaped(other.to_string())))?,
    }
    writer.write_event(Event::End(BytesEnd::new(name)))
}

/// `document` (named `root` in XML) in `format`.
fn answer(status: StatusCode, format: Format, root: &str, document: &impl Serialize) -> Response {
    let value = serde_json::to_value(document).expect("the documents are plain data");
    let body = match format {
        Format::Xml => xml(root, &value),
        Format::Json => serde_json::to_vec(&value).expect("plain data"),
    };
    (status, [(header::CONTENT_TYPE, format.content_type())], body).into_response()
}

fn refused(format: Format, error: Open311Error) -> Response {
    let status = StatusCode::from_u16(error.status).unwrap_or(StatusCode::BAD_REQUEST);
    answer(status, format, "errors", &[error])
}

fn unavailable(format: Format, error: impl std::fmt::Display) -> Response {
    tracing::error!(%error, "could not answer an Open311 request");
    refused(format, Open311Error::new(503, "暂时无法读取诉求数据，请稍后再试。"))
}

/// The format of `document`, a resource with its suffix; not found when the suffix is no format served. Its
/// answers are XML, the specification's own format, as is its error when the suffix is not one served.
fn format_of(document: &str, name: &str) -> Result<Format, Response> {
    Format::of(document, name).ok_or_else(|| {
        refused(Format::Xml, Open311Error::new(404, format!("{document}：格式只有 {name}.xml 和 {name}.json。")))
    })
}

/// `GET /open311/v2/{document}`: discovery, services or requests.
pub async fn document(
    State(state): State<AppState>,
    Path(document): Path<String>,
    query: Result<Query<RequestsQuery>, QueryRejection>,
) -> Response {
    let services = &state.services;
    let resource = document.split('.').next().unwrap_or_default();
    let format = match format_of(&document, resource) {
        Ok(format) => format,
        Err(not_found) => return not_found,
    };
    match resource {
        "discovery" => answer(StatusCode::OK, format, "discovery", &open311::discovery(services)),
        "services" => match open311::service_list(services).await {
            Ok(list) => answer(StatusCode::OK, format, "services", &list),
            Err(error) => unavailable(format, error),
        },
        "requests" => {
            let query = match query {
                Ok(Query(query)) => query,
                Err(e) => {
                    return refused(format, Open311Error::new(400, format!("参数无法读取（{}）。", e.body_text())))
                }
            };
            match open311::requests(services, &query).await {
                Ok(Ok(list)) => answer(StatusCode::OK, format, "service_requests", &list),
                Ok(Err(refusal)) => refused(format, refusal),
                Err(error) => unavailable(format, error),
            }
        }
        other => refused(format, Open311Error::new(404, format!("没有 {other} 这项资源。"))),
    }
}

/// `GET /open311/v2/services/{code}.{format}`: a service's definition.
pub async fn service(Path(document): Path<String>) -> Response {
    let code = document.rsplit_once('.').map_or(document.as_str(), |(code, _)| code);
    let format = match format_of(&document, code) {
        Ok(format) => format,
        Err(not_found) => return not_found,
    };
    match open311::service_definition(code) {
        Some(definition) => answer(StatusCode::OK, format, "service_definition", &definition),
        None => refused(format, Open311Error::new(404, format!("没有 service_code 为 {code} 的诉求类别。"))),
    }
}

/// `GET /open311/v2/requests/{id}.{format}`: one request, in a list of one as the specification has it.
pub async fn request(State(state): State<AppState>, Path(document): Path<String>) -> Response {
    let id = document.rsplit_once('.').map_or(document.as_str(), |(id, _)| id);
    let format = match format_of(&document, id) {
        Ok(format) => format,
        Err(not_found) => return not_found,
    };
    match open311::request(&state.services, id).await {
        Ok(Some(request)) => answer(StatusCode::OK, format, "service_requests", &[request]),
        Ok(None) => refused(format, Open311Error::new(404, format!("没有编号为 {id} 的公开诉求。"))),
        Err(error) => unavailable(format, error),
    }
}

/// Requests one key may post an hour: a busy partner's residents, not a flood.
const POSTS: Limit = Limit { max_hits: 100, window_seconds: 3_600 };

/// `POST /open311/v2/requests.{format}`: a partner's request, filed as a petition. The resource is checked first,
/// then the key (403 without a valid one, as the specification says) and its limit.
pub async fn submit(
    State(state): State<AppState>,
    Path(document): Path<String>,
    form: Result<Form<PostRequest>, FormRejection>,
) -> Response {
    let services = &state.services;
    let format = if document.ends_with(".json") { Format::Json } else { Format::Xml };
    let post = match form {
        Ok(Form(post)) => post,
        Err(e) => return refused(format, Open311Error::new(400, format!("参数无法读取（{}）。", e.body_text()))),
    };
    if Format::of(&document, "requests").is_none() {
        let message = format!("{document}：诉求请提交到 requests.xml 或 requests.json。");
        return refused(format, Open311Error::new(404, message));
    }
    let key = match partner::admit(&state, Some(post.api_key.as_str()), KeyScope::Open311, POSTS).await {
        Ok(key) => key,
        Err(Refusal::Key(_)) => {
            // The specification's own words, after ours.
            let message =
                "api_key 无效，不能提交诉求（Invalid api_key received -- can't proceed with create_request.）";
            return refused(format, Open311Error::new(403, message));
        }
        Err(Refusal::TooOften { retry_after_seconds }) => {
            let message = format!("提交过于频繁，请{retry_after_seconds}秒后再试。");
            return partner::retry_after(refused(format, Open311Error::new(429, message)), retry_after_seconds);
        }
        Err(Refusal::Unavailable(error)) => return unavailable(format, error),
    };
    match open311::submit(services, key.id, &post).await {
        Ok(Ok(created)) => answer(StatusCode::OK, format, "service_requests", &[created]),
        Ok(Err(problems)) => {
            let status = StatusCode::from_u16(problems[0].status).unwrap_or(StatusCode::BAD_REQUEST);
            answer(status, format, "errors", &problems)
        }
        Err(error) => unavailable(format, error),
    }
}

#[cfg(test)]
mod tests {
    use super::xml;
    use serde_json::json;

    #[test]
    fn xml_is_the_json_by_the_spark_mapping_with_text_escaped() {
        let value = json!([{ "code": 400, "description": "<b> & can't", "values": null }]);
        assert_eq!(
            String::from_utf8(xml("errors", &value)).unwrap(),
            r#"<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>&lt;b&gt; &amp; can't</description><values></values></error></errors>"#
        );
        let discovery = json!({ "endpoints": [{ "formats": ["text/xml", "application/json"] }] });
        assert!(String::from_utf8(xml("discovery", &discovery)).unwrap().ends_with(
            "<discovery><endpoints><endpoint><formats><format>text/xml</format><format>application/json</format></formats></endpoint></endpoints></discovery>"
        ));
    }
}
