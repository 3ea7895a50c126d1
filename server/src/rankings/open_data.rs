//! The published standings as open data: JSON and CSV of every version of every published month, and an Atom feed
//! the district's channels (政务网, 公众号, 微博, 抖音, APP) take each publication from. Public, as the month
//! pages are; a database that is away answers 503 with the problem in Chinese.

use crate::forms::Visit;
use crate::problem::Problem;
use app::rankings::open_data::{PublishedStandings, CSV_HEADER};
use app::rankings::service;
use atom_syndication::{Entry, Feed, Link, Person, Text};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

async fn published(visit: &Visit) -> Result<Vec<PublishedStandings>, Response> {
    service::open_data(visit.services()).await.map_err(|error| {
        tracing::error!(%error, "could not read the published standings");
        Problem::new(StatusCode::SERVICE_UNAVAILABLE, "暂时无法读取已公布的排名，请稍后再试。").into_response()
    })
}

/// `GET /rankings/published.json`
pub async fn json(visit: Visit) -> Response {
    match published(&visit).await {
        Ok(all) => axum::Json(all).into_response(),
        Err(unavailable) => unavailable,
    }
}

/// `GET /rankings/published.csv`: UTF-8 with a byte-order mark, so that spreadsheet programs read the Chinese.
pub async fn csv(visit: Visit) -> Response {
    let all = match published(&visit).await {
        Ok(all) => all,
        Err(unavailable) => return unavailable,
    };
    let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
    let written = std::iter::once(CSV_HEADER.map(String::from).to_vec())
        .chain(all.iter().flat_map(PublishedStandings::csv_records))
        .try_for_each(|record| writer.write_record(&record));
    match written.and_then(|()| writer.into_inner().map_err(|e| e.into_error().into())) {
        Ok(bytes) => ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], bytes).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not write the published standings as CSV");
            Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "暂时无法生成文件，请稍后再试。").into_response()
        }
    }
}

/// `GET /rankings/feed.atom`: an entry for each version published, the latest first, linking to its month's page
/// and saying whom it names in public.
pub async fn atom(visit: Visit) -> Response {
    let all = match published(&visit).await {
        Ok(all) => all,
        Err(unavailable) => return unavailable,
    };
    let base = visit.services().site.public_base_url.to_string();
    let link = |href: String| {
        let mut link = Link::default();
        link.set_href(href);
        link
    };
    let entries: Vec<Entry> = all
        .iter()
        .map(|standings| {
            let [year, month] = [&standings.month[..4], standings.month[5..].trim_start_matches('0')];
            let mut entry = Entry::default();
            let corrected = if standings.version > 1 {
                format!("（第{}版，更正）", standings.version)
            } else {
                String::new()
            };
            entry.set_title(format!("{year}年{month}月部门考评排名{corrected}"));
            entry.set_id(format!("{base}/rankings/{}#v{}", standings.month, standings.version));
            entry.set_updated(standings.published_at);
            entry.set_published(Some(standings.published_at));
            // The month's share card, drawn for its latest version, for the channels to post beside the words.
            let mut card = link(format!("{base}/rankings/{}/card.png", standings.month));
            card.set_rel("enclosure");
            card.set_mime_type(Some("image/png".to_string()));
            entry.set_links(vec![link(format!("{base}/rankings/{}", standings.month)), card]);
            entry.set_summary(Some(Text::plain(summary(standings))));
            entry
        })
        .collect();
    let mut feed = Feed::default();
    feed.set_title("天津市河北区部门考评排名");
    feed.set_id(format!("{base}/rankings"));
    feed.set_lang(Some("zh-CN".to_string()));
    let mut author = Person::default();
    author.set_name("天津市河北区人民政府");
    feed.set_authors(vec![author]);
    let mut own = link(format!("{base}/rankings/feed.atom"));
    own.set_rel("self");
    feed.set_links(vec![own, link(format!("{base}/rankings"))]);
    if let Some(latest) = entries.iter().map(|e| *e.updated()).max() {
        feed.set_updated(latest);
    }
    feed.set_entries(entries);
    ([(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")], feed.to_string()).into_response()
}

/// The first three, and whom the month names in public, in a sentence an editor can use as it is.
fn summary(standings: &PublishedStandings) -> String {
    let first: Vec<&str> =
        standings.departments.iter().filter(|d| d.rank.is_some()).take(3).map(|d| d.department.as_str()).collect();
    let named: Vec<String> = standings
        .departments
        .iter()
        .filter(|d| !d.named_in_public.is_empty())
        .map(|d| format!("{}（{}）", d.department, d.named_in_public.join("、")))
        .collect();
    let mut words = format!("前三名：{}。", first.join("、"));
    if !named.is_empty() {
        words.push_str(&format!("公开通报：{}。", named.join("；")));
    }
    if !standings.correction_reason.is_empty() {
        words.push_str(&format!("更正理由：{}", standings.correction_reason));
    }
    words
}
