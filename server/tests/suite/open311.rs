//! Open311 GeoReport v2 through the real router and database: the categories as services, the approved public
//! petitions as service requests in both formats, each field as the specification's published examples have it,
//! the query rules (90 days, status, codes, ids, pages, jurisdiction) and the `<errors>` answers. Deadlines are
//! checked against dates written by hand.

use crate::rankings::at;
use crate::support::{config, encode, get, send, staff_cookie, staff_form, Page, TestDb};
use app::petitions::callback::Rating;
use app::petitions::lifecycle::{Action, Actor, Callback};
use app::petitions::model::{Channel, NewPetition};
use app::petitions::store::{PetitionStore, Step};
use app::petitions::tiers::Tier;
use app::staff::model::Grant;
use axum::http::{header, StatusCode};
use axum::Router;
use chrono::Duration;
use serde_json::{json, Value};

/// The fields of a service and of a service request, in the order of the specification's example responses
/// (GET Service List; GET Service Requests, request 638344).
const SERVICE_FIELDS: [&str; 7] =
    ["service_code", "service_name", "description", "metadata", "type", "keywords", "group"];
const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

fn petition(category: &str, community: (&str, &str), title: &str, body: &str, public: bool) -> NewPetition {
    NewPetition {
        channel: Channel::Web,
        category: category.into(),
        tier: Tier::Ordinary,
        street: community.0.into(),
        community: community.1.into(),
        place_detail: "3号楼2单元".into(),
        title: title.into(),
        body: body.into(),
        applicant_name: "张三".into(),
        phone: "13812345678".into(),
        public_wanted: public,
        anonymous: false,
        joins: None,
    }
}

/// Files `petition` at `filed` and takes `steps`, an hour apart; its tracking number.
async fn filed(store: &dyn PetitionStore, petition: &NewPetition, filed: &str, steps: &[(Actor, Action)]) -> String {
    let mut when = at(filed);
    let done = store.file(petition, &format!("open311-{filed}"), &|_| Vec::new(), when).await.unwrap();
    let mut current = store.by_token(&done.token, when).await.unwrap().unwrap();
    for (actor, action) in steps {
        when += Duration::hours(1);
        let step = Step { actor, action, note: "已处理", audit: None, texts: &[] };
        current = store.act(current.id, current.version, step, when).await.unwrap().unwrap();
    }
    done.number
}

fn json_of(page: &Page) -> Value {
    assert_eq!(page.headers[header::CONTENT_TYPE], "application/json; charset=utf-8");
    serde_json::from_str(&page.body).unwrap_or_else(|_| panic!("not JSON: {}", page.body))
}

/// The element names directly inside the first `<item>` of an XML document.
fn xml_fields(body: &str, item: &str) -> Vec<String> {
    let inside = body.split(&format!("<{item}>")).nth(1).unwrap().split(&format!("</{item}>")).next().unwrap();
    let mut names = Vec::new();
    let mut rest = inside;
    while let Some(start) = rest.find('<') {
        let name: String = rest[start + 1..].chars().take_while(|c| *c != '>' && *c != '/').collect();
        if !name.is_empty() {
            names.push(name.clone());
            let close = format!("</{name}>");
            rest = rest[start..].find(&close).map_or("", |end| &rest[start + end + close.len()..]);
        } else {
            rest = &rest[start + 1..];
        }
    }
    names
}

async fn document(app: &Router, path: &str) -> Page {
    get(app, &format!("/open311/v2/{path}")).await
}

#[tokio::test(flavor = "multi_thread")]
async fn the_public_petitions_are_answered_as_the_specification_has_them() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let app = &instance.router;
    let store = instance.services.petitions.as_ref();
    let ecology = Actor::Handler { department: "ecology".into() };
    let urban = Actor::Handler { department: "urban-management".into() };

    // Noise in 宁园社区 (望海楼), filed Friday 20 November 09:00, routed and signed for: open.
    let noise = filed(
        store,
        &petition("noise", ("望海楼", "宁园社区"), "夜间施工噪声", "工地每晚十点后还在施工，电话13812345678。", true),
        "2026-11-20T09:00:00",
        &[(Actor::Dispatcher, Action::Route { department: "ecology".into() }), (ecology.clone(), Action::SignFor)],
    )
    .await;
    // Blocked drains in 金海社区 (月牙河), filed Tuesday 10 November 09:00, closed at 13:00 and rated: closed.
    let drains = filed(
        store,
        &petition("drainage", ("月牙河", "金海社区"), "下水道堵塞", "楼前下水道堵了一周。", true),
        "2026-11-10T09:00:00",
        &[
            (Actor::Dispatcher, Action::Route { department: "urban-management".into() }),
            (urban.clone(), Action::SignFor),
            (urban.clone(), Action::RecordContact),
            (urban.clone(), Action::Close),
            (Actor::Resident, Action::Callback(Callback { contacted: true, solved: true, rating: Rating::Satisfied })),
        ],
    )
    .await;
    // One the resident wants public but nobody approved, one private, and one approved in July.
    let unapproved = filed(
        store,
        &petition("noise", ("望海楼", "宁园社区"), "广场舞音响", "音响太吵。", true),
        "2026-11-21T09:00:00",
        &[],
    )
    .await;
    let private = filed(
        store,
        &petition("noise", ("望海楼", "宁园社区"), "商铺音响", "太吵。", false),
        "2026-11-22T09:00:00",
        &[],
    )
    .await;
    let july = filed(
        store,
        &petition("drainage", ("月牙河", "金海社区"), "雨后积水", "路口积水很深，车辆无法通行。", true),
        "2026-07-15T09:00:00",
        &[],
    )
    .await;
    let dispatcher = staff_cookie(&instance.services, "O1", vec![Grant::Dispatcher]).await;
    for (number, title, body) in [
        (&noise, "夜间施工噪声", "工地每晚十点后还在施工，电话13812345678。"),
        (&drains, "下水道堵塞", "楼前下水道堵了一周。"),
        (&july, "雨后积水", "路口积水很深，车辆无法通行。"),
    ] {
        let form = format!("number={number}&title={}&body={}&approve=1", encode(title), encode(body));
        assert_eq!(
            send(app, staff_form("/staff/dispatch/publish", &dispatcher, &form)).await.status,
            StatusCode::SEE_OTHER
        );
    }

    // Discovery.
    let discovery = json_of(&document(app, "discovery.json").await);
    assert_eq!(discovery["endpoints"][0]["specification"], "http://wiki.open311.org/GeoReport_v2");
    assert_eq!(discovery["endpoints"][0]["url"], "https://zsb.tjhb.example.cn/open311/v2");
    assert_eq!(discovery["endpoints"][0]["formats"], json!(["text/xml", "application/json"]));
    assert_eq!(discovery["endpoints"][0]["type"], "production");

    // Services: every category, each with the specification's fields.
    let services = json_of(&document(app, "services.json").await);
    let list = services.as_array().unwrap();
    assert_eq!(list.len(), app::categories::categories().len());
    let noise_service = list.iter().find(|s| s["service_code"] == "noise").unwrap();
    assert_eq!(noise_service.as_object().unwrap().keys().collect::<Vec<_>>(), SERVICE_FIELDS);
    assert_eq!(
        *noise_service,
        json!({
            "service_code": "noise", "service_name": "施工、商业噪声扰民",
            "description": "施工、商业噪声扰民，由天津市河北区生态环境局办理。", "metadata": false, "type": "realtime",
            "keywords": "施工, 商业噪声扰民", "group": "生态环境"
        })
    );
    let services_xml = document(app, "services.xml").await;
    assert_eq!(services_xml.status, StatusCode::OK);
    assert_eq!(services_xml.headers[header::CONTENT_TYPE], "text/xml; charset=utf-8");
    assert!(services_xml
        .body
        .starts_with(r#"<?xml version="1.0" encoding="utf-8"?><services><service><service_code>"#));
    assert_eq!(xml_fields(&services_xml.body, "service"), SERVICE_FIELDS);
    let definition = document(app, "services/noise.xml").await;
    assert!(definition.body.ends_with(
        "<service_definition><service_code>noise</service_code><attributes></attributes></service_definition>"
    ));
    assert_eq!(
        json_of(&document(app, "services/noise.json").await),
        json!({ "service_code": "noise", "attributes": [] })
    );

    // Requests: the last 90 days' approved ones, the newest first, every field of the specification's example.
    let requests = json_of(&document(app, "requests.json").await);
    let requests = requests.as_array().unwrap();
    let ids: Vec<&str> = requests.iter().map(|r| r["service_request_id"].as_str().unwrap()).collect();
    assert_eq!(ids, [noise.as_str(), drains.as_str()], "not {unapproved}, {private} or July's {july}");
    assert_eq!(requests[0].as_object().unwrap().keys().collect::<Vec<_>>(), REQUEST_FIELDS);
    assert_eq!(
        requests[0],
        json!({
            "service_request_id": noise, "status": "open", "status_notes": "已签收",
            "service_name": "施工、商业噪声扰民", "service_code": "noise",
            "description": "夜间施工噪声\n工地每晚十点后还在施工，电话138****5678。",
            "agency_responsible": "天津市河北区生态环境局", "service_notice": null,
            "requested_datetime": "2026-11-20T09:00:00+08:00", "updated_datetime": "2026-11-20T11:00:00+08:00",
            // Ordinary: 7 calendar days from Saturday 21 November, to Friday 27 November 24:00.
            "expected_datetime": "2026-11-28T00:00:00+08:00",
            "address": "宁园社区，望海楼街，天津市河北区", "address_id": "community-002", "zipcode": null,
            "lat": null, "long": null, "media_url": null
        })
    );
    // Closed at 13:00 on the 10th: updated then, as the specification says of a closed request. Its result was
    // due 7 days from Wednesday 11 November, by Tuesday 17 November 24:00.
    assert_eq!(requests[1]["status"], "closed");
    assert_eq!(requests[1]["status_notes"], "已完结");
    assert_eq!(requests[1]["updated_datetime"], "2026-11-10T13:00:00+08:00");
    assert_eq!(requests[1]["expected_datetime"], "2026-11-18T00:00:00+08:00");
    assert_eq!(requests[1]["agency_responsible"], "河北区城市管理委员会");
    let requests_xml = document(app, "requests.xml").await;
    assert!(requests_xml.body.starts_with(r#"<?xml version="1.0" encoding="utf-8"?><service_requests><request>"#));
    assert_eq!(xml_fields(&requests_xml.body, "request"), REQUEST_FIELDS);
    assert!(requests_xml.body.contains("<service_notice></service_notice>"), "null is an empty element");
    for secret in ["13812345678", "张三", "3号楼2单元"] {
        assert!(!requests_xml.body.contains(secret), "{secret} is never public");
    }

    // The query rules.
    let ids_of = |page: &Page| -> Vec<String> {
        json_of(page)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["service_request_id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids_of(&document(app, "requests.json?status=closed").await), [drains.clone()]);
    assert_eq!(ids_of(&document(app, "requests.json?status=open,closed&service_code=noise").await), [noise.clone()]);
    let overriding = format!("requests.json?service_request_id={drains},{july}&status=open");
    assert_eq!(ids_of(&document(app, &overriding).await), [drains.clone(), july.clone()], "ids override the rest");
    assert_eq!(ids_of(&document(app, "requests.json?page=2&page_size=1").await), [drains.clone()]);
    let summer = "requests.json?start_date=2026-06-15T00:00:00%2B08:00&end_date=2026-08-01T00:00:00%2B08:00";
    assert_eq!(ids_of(&document(app, summer).await), [july.clone()]);
    assert_eq!(ids_of(&document(app, &format!("requests.json?jurisdiction_id={}", "tjhb.gov.cn")).await).len(), 2);

    // One request, in a list of one; one that is not public is not found.
    let one = document(app, &format!("requests/{noise}.xml")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_eq!(one.body.matches("<request>").count(), 1);
    assert!(one.body.contains(&format!("<service_request_id>{noise}</service_request_id>")));
    for hidden in [&unapproved, &private] {
        let missing = document(app, &format!("requests/{hidden}.json")).await;
        assert_eq!(missing.status, StatusCode::NOT_FOUND);
        assert_eq!(
            json_of(&missing),
            json!([{ "code": 404, "description": format!("没有编号为 {hidden} 的公开诉求。") }])
        );
    }

    // Errors, as the specification's <errors>.
    let too_long = document(app, "requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-06-01T00:00:00Z").await;
    assert_eq!(too_long.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        too_long.body,
        r#"<?xml version="1.0" encoding="utf-8"?><errors><error><code>400</code><description>start_date 到 end_date 最多跨90天。</description></error></errors>"#
    );
    // One jurisdiction is served: jurisdiction_id is accepted and ignored, the specification's own sample too.
    let sample = json_of(&document(app, "services.json?jurisdiction_id=city.gov").await);
    assert_eq!(sample.as_array().unwrap().len(), list.len());
    assert_eq!(document(app, "services/ufo.json").await.status, StatusCode::NOT_FOUND);
    let csv = document(app, "services.csv").await;
    assert_eq!(
        (csv.status, csv.headers[header::CONTENT_TYPE].to_str().unwrap()),
        (StatusCode::NOT_FOUND, "text/xml; charset=utf-8")
    );
    assert_eq!(document(app, "requests.json?status=pending").await.status, StatusCode::BAD_REQUEST);
}

fn posted(document: &str, form: &str) -> axum::http::Request<axum::body::Body> {
    axum::http::Request::post(format!("/open311/v2/{document}"))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded; charset=utf-8")
        .body(axum::body::Body::from(form.to_string()))
        .unwrap()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_partner_files_with_its_key_once_per_request_and_the_petition_stays_private() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let app = &instance.router;
    let admin = staff_cookie(&instance.services, "O2", vec![Grant::Admin]).await;
    let issue = |scope: &'static str| {
        let admin = admin.clone();
        async move {
            let issued =
                send(app, staff_form("/staff/admin/keys", &admin, &format!("name=社区通APP&scope={scope}"))).await;
            issued.body.split(r#"<code id="issued-key">"#).nth(1).unwrap().split('<').next().unwrap().to_string()
        }
    };
    let (key, other_key) = (issue("open311").await, issue("enforcement_feed").await);
    let form = |key: &str, extra: &str| {
        format!(
            "api_key={key}&jurisdiction_id=tjhb.gov.cn&service_code=noise&address_id=community-002&first_name={}&\
             last_name={}&phone=13812345678&email=a%40b.cn&lat=39.15&long=117.2&description={}&\
             media_url=http%3A%2F%2F127.0.0.1%3A9%2Fnever.jpg&attribute%5BWHISPAWN%5D=1{extra}",
            encode("三"),
            encode("张"),
            encode("夜间施工噪声\n工地每晚十点后还在施工，吵得无法入睡。"),
        )
    };

    // Without a valid key, or with one for something else: 403, the specification's own words.
    for bad in ["", "hbk_nothing", other_key.as_str()] {
        let refused = send(app, posted("requests.xml", &form(bad, ""))).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert!(refused.body.ends_with(
            "<errors><error><code>403</code><description>api_key 无效，不能提交诉求（Invalid api_key received -- can't proceed with create_request.）</description></error></errors>"
        ));
    }

    // Filed: the id at once, with when the resident will hear, in both formats; once per partner_request_id.
    let created = send(app, posted("requests.json", &form(&key, "&partner_request_id=APP-1"))).await;
    assert_eq!(created.status, StatusCode::OK, "{}", created.body);
    let created = json_of(&created);
    let number = created[0]["service_request_id"].as_str().unwrap().to_string();
    assert_eq!(
        created,
        json!([{ "service_request_id": number, "service_notice": "诉求已受理，将在1个工作日内联系诉求人，7日内办结。", "account_id": null }])
    );
    let again = send(app, posted("requests.xml", &form(&key, "&partner_request_id=APP-1"))).await;
    assert!(again.body.ends_with(&format!(
        "<service_requests><request><service_request_id>{number}</service_request_id><service_notice>诉求已受理，将在1个工作日内联系诉求人，7日内办结。</service_notice><account_id></account_id></request></service_requests>"
    )));
    let second =
        json_of(&send(app, posted("requests.json", &form(&key, "&partner_request_id=APP-2&public=true"))).await);
    let second = second[0]["service_request_id"].as_str().unwrap().to_string();
    assert_ne!(second, number, "another request of the partner's");

    // A petition like any other, from its channel, for the dispatch centre to route; private until approved.
    let now = instance.services.site.clock.now();
    let petitions = instance.services.petitions.as_ref();
    let stored = petitions.by_tracking_number(&number, now).await.unwrap().unwrap();
    assert_eq!(stored.filed.channel, Channel::Partner);
    assert_eq!((stored.filed.street.as_str(), stored.filed.community.as_str()), ("望海楼", "宁园社区"));
    assert_eq!((stored.filed.title.as_str(), stored.filed.applicant_name.as_str()), ("夜间施工噪声", "张三"));
    assert!(!stored.filed.public_wanted);
    assert!(petitions.by_tracking_number(&second, now).await.unwrap().unwrap().filed.public_wanted);
    assert_eq!(json_of(&document(app, "requests.json").await), json!([]), "neither is public yet");
    assert_eq!(document(app, &format!("requests/{second}.json")).await.status, StatusCode::NOT_FOUND);

    // What a petition needs and lacks is refused, each problem said.
    let elsewhere = send(app, posted("requests.json", &form(&key, "").replace("community-002", "community-999"))).await;
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);
    assert_eq!(json_of(&elsewhere)[0]["description"], "address_id community-999 不是河北区的社区编码。");
    let unknown =
        send(app, posted("requests.json", &form(&key, "").replace("service_code=noise", "service_code=ufo"))).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    let short =
        form(&key, "").replace(&encode("夜间施工噪声\n工地每晚十点后还在施工，吵得无法入睡。"), &encode("太吵"));
    let short = json_of(&send(app, posted("requests.json", &short)).await);
    let said: Vec<&str> = short.as_array().unwrap().iter().map(|e| e["description"].as_str().unwrap()).collect();
    assert_eq!(
        said,
        [
            "title: 标题4到40个字，说清是什么事。",
            "body: 内容10到1000个字：什么时候、在哪里、发生了什么、希望怎样解决。"
        ]
    );
    // Without a code, an address in words that names the community places it; one that names none is refused.
    let in_words = form(&key, "&partner_request_id=APP-3&address_string=%E6%9C%9B%E6%B5%B7%E6%A5%BC%E8%A1%97%E5%AE%81%E5%9B%AD%E7%A4%BE%E5%8C%BA3%E5%8F%B7%E6%A5%BC")
        .replace("address_id=community-002&", "");
    let in_words = json_of(&send(app, posted("requests.json", &in_words)).await);
    let third = petitions.by_tracking_number(in_words[0]["service_request_id"].as_str().unwrap(), now).await.unwrap();
    assert_eq!(third.unwrap().filed.community, "宁园社区");
    let nowhere = form(&key, "&address_string=1234+5th+street").replace("address_id=community-002&", "");
    assert_eq!(send(app, posted("requests.json", &nowhere)).await.status, StatusCode::BAD_REQUEST);
    let to_services = send(app, posted("services.json", &form(&key, ""))).await;
    assert_eq!(to_services.status, StatusCode::NOT_FOUND, "requests are posted to requests only");
}
