//! Open311 GeoReport v2 (`/open311/v2/`): the petition categories as services, and the public petitions — those a
//! resident agreed to publish and a dispatcher approved — as service requests, in the specification's fields and
//! its two formats. Here: the rules of the queries (the default 90 days, at most 90 days at once, 1,000 results a
//! page and the page / page_size extension), the status a stage maps to, and the documents' shapes. No personal
//! data is in any of it: the approved text is masked, and photos and the place detail are never public.
//! `POST requests` (with a key an admin issued for it) files a petition like any other channel: checked by the same
//! rules, private until its resident agreed and a dispatcher approved its text; its media_url is never fetched.

use super::filing::FilingForm;
use super::lifecycle::Stage;
use super::model::PublicPetition;
use crate::categories::{category, Category};
use chrono::{DateTime, Duration, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};

pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";
/// When this endpoint last changed, as discovery reports it.
pub const CHANGESET: &str = "2026-11-30T00:00:00+08:00";

/// The window a query of requests covers when it names none, and the most it may name.
pub const WINDOW_DAYS: i64 = 90;
/// Results a page: the specification's default, and the most the page_size extension allows.
pub const PAGE_SIZE: u32 = 1_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Xml,
    Json,
}

impl Format {
    /// The format of `document` (`services.xml`) if it is `name` with a suffix this endpoint serves.
    pub fn of(document: &str, name: &str) -> Option<Format> {
        match document.strip_prefix(name)? {
            ".xml" => Some(Format::Xml),
            ".json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Xml => "text/xml; charset=utf-8",
            Format::Json => "application/json; charset=utf-8",
        }
    }
}

/// An error as the specification answers it: the HTTP status, and its `<error>` (code and description).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Open311Error {
    #[serde(skip)]
    pub status: u16,
    pub code: u16,
    pub description: String,
}

impl Open311Error {
    pub fn new(status: u16, description: impl Into<String>) -> Self {
        Self { status, code: status, description: description.into() }
    }
}

/// GET requests' parameters, as given (empty means not given, as the specification says of optional ones).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct RequestsQuery {
    #[serde(default)]
    pub service_request_id: String,
    #[serde(default)]
    pub service_code: String,
    #[serde(default)]
    pub start_date: String,
    #[serde(default)]
    pub end_date: String,
    #[serde(default)]
    pub status: String,
    #[serde(default)]
    pub page: String,
    #[serde(default)]
    pub page_size: String,
}

/// Which requests a query asks for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// These only (tracking numbers); when given, every other argument is overridden.
    pub ids: Vec<String>,
    pub codes: Vec<String>,
    pub from: DateTime<FixedOffset>,
    pub until: DateTime<FixedOffset>,
    /// open only, closed only, or both (`None`).
    pub open: Option<bool>,
    /// From 1.
    pub page: u32,
    pub page_size: u32,
}

fn listed(value: &str) -> Vec<String> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty()).map(String::from).collect()
}

fn w3c_date(name: &str, value: &str) -> Result<Option<DateTime<FixedOffset>>, Open311Error> {
    if value.is_empty() {
        return Ok(None);
    }
    DateTime::parse_from_rfc3339(value).map(Some).map_err(|_| {
        Open311Error::new(400, format!("{name} 须为带时区的 W3C 日期时间，如 2026-11-01T00:00:00+08:00。"))
    })
}

fn positive(name: &str, value: &str, default: u32) -> Result<u32, Open311Error> {
    if value.is_empty() {
        return Ok(default);
    }
    value.parse().ok().filter(|n| *n > 0).ok_or_else(|| Open311Error::new(400, format!("{name} 须为正整数。")))
}

/// The selection `query` asks for at `now`, or why it is refused. `is_service`: whether a code names a service.
pub fn select(
    query: &RequestsQuery,
    is_service: impl Fn(&str) -> bool,
    now: DateTime<FixedOffset>,
) -> Result<Selection, Open311Error> {
    let window = Duration::days(WINDOW_DAYS);
    let (from, until) = match (w3c_date("start_date", &query.start_date)?, w3c_date("end_date", &query.end_date)?) {
        (None, None) => (now - window, now),
        (Some(from), None) => (from, from + window),
        (None, Some(until)) => (until - window, until),
        (Some(from), Some(until)) if until < from => {
            return Err(Open311Error::new(400, "end_date 早于 start_date。"));
        }
        (Some(from), Some(until)) if until - from > window => {
            return Err(Open311Error::new(400, format!("start_date 到 end_date 最多跨{WINDOW_DAYS}天。")));
        }
        (Some(from), Some(until)) => (from, until),
    };
    let codes = listed(&query.service_code);
    if let Some(unknown) = codes.iter().find(|code| !is_service(code)) {
        return Err(Open311Error::new(404, format!("没有 service_code 为 {unknown} 的诉求类别。")));
    }
    let statuses = listed(&query.status);
    let open = match (statuses.iter().any(|s| s == "open"), statuses.iter().any(|s| s == "closed")) {
        _ if statuses.iter().any(|s| s != "open" && s != "closed") => {
            return Err(Open311Error::new(400, "status 只能是 open、closed，或用逗号分隔的两者。"));
        }
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    };
    let page_size = positive("page_size", &query.page_size, PAGE_SIZE)?;
    if page_size > PAGE_SIZE {
        return Err(Open311Error::new(400, format!("page_size 最大为{PAGE_SIZE}。")));
    }
    Ok(Selection {
        ids: listed(&query.service_request_id),
        codes,
        from,
        until,
        open,
        page: positive("page", &query.page, 1)?,
        page_size,
    })
}

/// POST requests' parameters, form-encoded as the specification sends them. What a petition has no place for
/// (lat and long, email, device_id, account_id, attribute[…], media_url) is not read: a point cannot be placed in a
/// community without the district's map, which this site does not keep.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct PostRequest {
    #[serde(default)]
    pub api_key: String,
    #[serde(default)]
    pub service_code: String,
    /// The community's code (`community-002`): this jurisdiction places a petition by its community.
    #[serde(default)]
    pub address_id: String,
    /// Where, in words: it places the petition when it names one of the district's communities (宁园社区) and no
    /// address_id is given.
    #[serde(default)]
    pub address_string: String,
    #[serde(default)]
    pub first_name: String,
    #[serde(default)]
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub description: String,
    /// Extension: the partner's own id of the request. Sent again with the same id, the request is filed once and
    /// answered with the same service_request_id.
    #[serde(default)]
    pub partner_request_id: String,
    /// Extension: `true` when the resident agreed to its publication (a dispatcher still approves the text).
    #[serde(default)]
    pub public: String,
}

/// The longest title a petition has (`filing::check_title`): a request's is its description's first line, cut there.
const TITLE_CHARS: usize = 40;

/// The filing form a POST describes: its category the service_code; its community the one whose code is
/// address_id, or else the one address_string names (`centres`: each community's street, name and code; a name
/// two streets share needs its street named too); its title the description's first line; its name surname
/// first. The form's own rules (`filing::check`) judge the rest.
pub fn filing_form(post: &PostRequest, centres: &[(String, String, String)]) -> Result<FilingForm, Open311Error> {
    if post.service_code.is_empty() {
        return Err(Open311Error::new(400, "缺少 service_code（诉求类别）。"));
    }
    if category(&post.service_code).is_none() {
        return Err(Open311Error::new(404, format!("没有 service_code 为 {} 的诉求类别。", post.service_code)));
    }
    let (street, community) = if !post.address_id.is_empty() {
        let found = centres.iter().find(|(_, _, code)| *code == post.address_id);
        found
            .map(|(street, community, _)| (street, community))
            .ok_or_else(|| Open311Error::new(400, format!("address_id {} 不是河北区的社区编码。", post.address_id)))?
    } else {
        let words = &post.address_string;
        let named: Vec<_> = centres.iter().filter(|(_, community, _)| words.contains(community.as_str())).collect();
        let placed: Vec<_> = match named.len() {
            1 => named,
            _ => named.into_iter().filter(|(street, _, _)| words.contains(street.as_str())).collect(),
        };
        match placed[..] {
            [(street, community, _)] => (street, community),
            _ => {
                return Err(Open311Error::new(
                    400,
                    "无法确定诉求所在社区：请提供 address_id（社区编码 community-001 至 community-118），\
                     或在 address_string 中写明社区名称。",
                ))
            }
        }
    };
    let description = post.description.trim();
    let title: String = description.lines().next().unwrap_or_default().chars().take(TITLE_CHARS).collect();
    Ok(FilingForm {
        category: post.service_code.clone(),
        community: format!("{street}/{community}"),
        title,
        body: description.to_string(),
        name: format!("{}{}", post.last_name.trim(), post.first_name.trim()),
        phone: post.phone.clone(),
        ..FilingForm::default()
    })
}

/// What `POST requests` answers: the new request's id at once (the services are realtime).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Created {
    pub service_request_id: String,
    /// When the resident will hear and by when it is done, in words.
    pub service_notice: String,
    pub account_id: Option<String>,
}

/// A datetime as the specification writes it: w3 format with the Beijing offset.
pub fn w3c(at: DateTime<FixedOffset>) -> String {
    at.with_timezone(&crate::clock::beijing()).to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// `open` while it is being worked, else `closed`; the stage in words goes in status_notes.
pub fn status(stage: Stage) -> &'static str {
    if stage.is_open() {
        "open"
    } else {
        "closed"
    }
}

/// A service: a petition category.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub service_code: String,
    pub service_name: String,
    pub description: String,
    /// No further fields are asked: the category is all a petition needs of it.
    pub metadata: bool,
    /// A request's id is given at once.
    #[serde(rename = "type")]
    pub kind: String,
    pub keywords: String,
    pub group: String,
}

impl Service {
    /// `department`: the name of the department that handles it, if one does.
    pub fn of(category: &Category, department: Option<&str>) -> Service {
        let handled =
            department.map_or("由区接诉即办指挥中心派单".to_string(), |name| format!("由{name}办理"));
        Service {
            service_code: category.id.into(),
            service_name: category.label.into(),
            description: format!("{}，{handled}。", category.label),
            metadata: false,
            kind: "realtime".into(),
            keywords: category.label.split('、').collect::<Vec<_>>().join(", "),
            group: category.group.into(),
        }
    }
}

/// A service definition: the categories ask no further attributes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceDefinition {
    pub service_code: String,
    pub attributes: Vec<()>,
}

/// A public petition as a service request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ServiceRequest {
    /// Its tracking number (digits only).
    pub service_request_id: String,
    pub status: String,
    /// The stage in words: 已签收, 已办结，待回访 …
    pub status_notes: String,
    pub service_name: String,
    pub service_code: String,
    /// The approved public text, masked: its title and what was written.
    pub description: String,
    pub agency_responsible: Option<String>,
    pub service_notice: Option<String>,
    pub requested_datetime: String,
    pub updated_datetime: String,
    pub expected_datetime: Option<String>,
    /// Most specific first: community, street, district, city.
    pub address: String,
    /// The community's centre in the catalog (community-017), the district's code for the community.
    pub address_id: Option<String>,
    pub zipcode: Option<String>,
    /// No coordinates are kept: a petition names its community, not a point.
    pub lat: Option<f64>,
    pub long: Option<f64>,
    /// Photos are never public.
    pub media_url: Option<String>,
}

impl ServiceRequest {
    /// `service_name`: its category's label; `agency`: its department's name; `address_id`: its community's code.
    pub fn of(
        petition: &PublicPetition,
        service_name: &str,
        agency: Option<String>,
        address_id: Option<String>,
    ) -> ServiceRequest {
        ServiceRequest {
            service_request_id: petition.number.clone(),
            status: status(petition.stage).into(),
            status_notes: petition.stage.label().into(),
            service_name: service_name.into(),
            service_code: petition.category.clone(),
            description: format!("{}\n{}", petition.title, petition.body),
            agency_responsible: agency,
            service_notice: None,
            requested_datetime: w3c(petition.filed_at),
            updated_datetime: w3c(petition
                .result_met_at
                .filter(|_| !petition.stage.is_open())
                .unwrap_or(petition.updated_at)),
            expected_datetime: petition.result_due_at.map(w3c),
            address: format!("{}，{}街，天津市河北区", petition.community, petition.street),
            address_id,
            zipcode: None,
            lat: None,
            long: None,
            media_url: None,
        }
    }
}

/// The endpoint's discovery document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Discovery {
    pub changeset: String,
    pub contact: String,
    pub key_service: String,
    pub endpoints: Vec<Endpoint>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Endpoint {
    pub specification: String,
    pub url: String,
    pub changeset: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub formats: Vec<String>,
}

impl Discovery {
    /// `base`: the site's public address.
    pub fn of(base: &str) -> Discovery {
        Discovery {
            changeset: CHANGESET.into(),
            contact: "天津市河北区政务服务办公室（接诉即办指挥中心），电话12345".into(),
            key_service: "提交诉求的接口密钥由区政务服务办公室签发，请与其联系。".into(),
            endpoints: vec![Endpoint {
                specification: SPECIFICATION.into(),
                url: format!("{base}/open311/v2"),
                changeset: CHANGESET.into(),
                kind: "production".into(),
                formats: vec!["text/xml".into(), "application/json".into()],
            }],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    const NOW: &str = "2026-11-25T10:00:00+08:00";

    fn query(pairs: &[(&str, &str)]) -> RequestsQuery {
        let mut query = RequestsQuery::default();
        for (name, value) in pairs {
            let field = match *name {
                "service_request_id" => &mut query.service_request_id,
                "service_code" => &mut query.service_code,
                "start_date" => &mut query.start_date,
                "end_date" => &mut query.end_date,
                "status" => &mut query.status,
                "page" => &mut query.page,
                "page_size" => &mut query.page_size,
                other => panic!("no parameter {other}"),
            };
            *field = value.to_string();
        }
        query
    }

    fn any_service(_: &str) -> bool {
        true
    }

    #[test]
    fn the_format_is_the_documents_suffix() {
        assert_eq!(Format::of("services.xml", "services"), Some(Format::Xml));
        assert_eq!(Format::of("requests.json", "requests"), Some(Format::Json));
        assert_eq!(Format::of("services.csv", "services"), None);
        assert_eq!(Format::of("services", "services"), None);
    }

    #[test]
    fn with_no_dates_a_query_covers_the_last_90_days_a_page_of_1000() {
        let selection = select(&RequestsQuery::default(), any_service, at(NOW)).unwrap();
        assert_eq!((selection.from, selection.until), (at("2026-08-27T10:00:00+08:00"), at(NOW)));
        assert_eq!((selection.page, selection.page_size, selection.open), (1, 1_000, None));
    }

    #[test]
    fn one_date_given_covers_90_days_from_or_to_it_and_two_may_not_span_more() {
        let from_only = select(&query(&[("start_date", "2026-05-01T00:00:00Z")]), any_service, at(NOW)).unwrap();
        assert_eq!(from_only.until, at("2026-07-30T00:00:00Z"));
        let until_only = select(&query(&[("end_date", "2026-06-01T00:00:00+08:00")]), any_service, at(NOW)).unwrap();
        assert_eq!(until_only.from, at("2026-03-03T00:00:00+08:00"));
        let too_long = [("start_date", "2026-01-01T00:00:00Z"), ("end_date", "2026-04-02T00:00:00Z")];
        assert_eq!(select(&query(&too_long), any_service, at(NOW)).unwrap_err().status, 400);
        let backwards = [("start_date", "2026-04-02T00:00:00Z"), ("end_date", "2026-01-01T00:00:00Z")];
        assert_eq!(select(&query(&backwards), any_service, at(NOW)).unwrap_err().status, 400);
        assert_eq!(select(&query(&[("start_date", "2026-01-01")]), any_service, at(NOW)).unwrap_err().status, 400);
    }

    #[test]
    fn statuses_codes_and_ids_are_comma_delimited() {
        let q = query(&[("status", "open,closed"), ("service_code", "noise,drainage"), ("service_request_id", "1, 2")]);
        let selection = select(&q, any_service, at(NOW)).unwrap();
        assert_eq!(selection.open, None, "both");
        assert_eq!(selection.codes, ["noise", "drainage"]);
        assert_eq!(selection.ids, ["1", "2"]);
        assert_eq!(select(&query(&[("status", "closed")]), any_service, at(NOW)).unwrap().open, Some(false));
        assert_eq!(select(&query(&[("status", "pending")]), any_service, at(NOW)).unwrap_err().status, 400);
        let unknown = select(&query(&[("service_code", "ufo")]), |code| code == "noise", at(NOW)).unwrap_err();
        assert_eq!((unknown.status, unknown.description.as_str()), (404, "没有 service_code 为 ufo 的诉求类别。"));
    }

    #[test]
    fn pages_are_at_most_1000_and_counted_from_1() {
        let paged = select(&query(&[("page", "3"), ("page_size", "50")]), any_service, at(NOW)).unwrap();
        assert_eq!((paged.page, paged.page_size), (3, 50));
        for bad in [("page", "0"), ("page_size", "1001"), ("page_size", "x")] {
            assert_eq!(select(&query(&[bad]), any_service, at(NOW)).unwrap_err().status, 400, "{bad:?}");
        }
    }

    fn posted(pairs: &[(&str, &str)]) -> PostRequest {
        let mut post = PostRequest {
            service_code: "noise".into(),
            address_id: "community-002".into(),
            first_name: "三".into(),
            last_name: "张".into(),
            phone: "13812345678".into(),
            description: "夜间施工噪声\n工地每晚十点后还在施工。".into(),
            ..PostRequest::default()
        };
        for (name, value) in pairs {
            match *name {
                "service_code" => post.service_code = value.to_string(),
                "address_id" => post.address_id = value.to_string(),
                "address_string" => post.address_string = value.to_string(),
                "description" => post.description = value.to_string(),
                other => panic!("no parameter {other}"),
            }
        }
        post
    }

    fn centres() -> Vec<(String, String, String)> {
        [
            ("望海楼", "宁园社区", "community-002"),
            ("月牙河", "金海社区", "community-031"),
            ("光复道", "金海社区", "community-009"),
        ]
        .map(|(street, community, code)| (street.to_string(), community.to_string(), code.to_string()))
        .to_vec()
    }

    #[test]
    fn a_post_becomes_the_filing_form_of_its_category_community_and_words() {
        let form = filing_form(&posted(&[]), &centres()).unwrap();
        assert_eq!((form.category.as_str(), form.community.as_str()), ("noise", "望海楼/宁园社区"));
        assert_eq!((form.title.as_str(), form.name.as_str()), ("夜间施工噪声", "张三"));
        assert_eq!(form.body, "夜间施工噪声\n工地每晚十点后还在施工。");
        let long = "噪".repeat(50);
        assert_eq!(filing_form(&posted(&[("description", &long)]), &centres()).unwrap().title.chars().count(), 40);
    }

    #[test]
    fn a_post_without_a_known_service_or_community_is_refused_as_the_specification_says() {
        assert_eq!(filing_form(&posted(&[("service_code", "")]), &centres()).unwrap_err().status, 400);
        assert_eq!(filing_form(&posted(&[("service_code", "ufo")]), &centres()).unwrap_err().status, 404);
        assert_eq!(filing_form(&posted(&[("address_id", "")]), &centres()).unwrap_err().status, 400);
        assert_eq!(filing_form(&posted(&[("address_id", "community-999")]), &centres()).unwrap_err().status, 400);
    }

    #[test]
    fn without_a_code_the_address_in_words_places_the_request_by_the_community_it_names() {
        let placed = |words: &str| {
            let post = posted(&[("address_id", ""), ("address_string", words)]);
            filing_form(&post, &centres()).map(|form| form.community)
        };
        assert_eq!(placed("河北区宁园社区3号楼").unwrap(), "望海楼/宁园社区");
        assert_eq!(placed("月牙河街金海社区").unwrap(), "月牙河/金海社区", "a name two streets share, with its street");
        assert_eq!(placed("金海社区").unwrap_err().status, 400, "which 金海社区?");
        assert_eq!(placed("1234 5th street").unwrap_err().status, 400);
    }

    #[test]
    fn datetimes_carry_the_beijing_offset() {
        assert_eq!(w3c(at("2026-11-25T02:00:00Z")), "2026-11-25T10:00:00+08:00");
    }

    #[test]
    fn a_stage_still_worked_is_open_and_every_other_closed() {
        assert_eq!(status(Stage::AwaitingInformation), "open");
        assert_eq!(status(Stage::Closed), "closed");
        assert_eq!(status(Stage::Merged), "closed");
    }
}
