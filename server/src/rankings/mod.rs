//! Server side of the rankings: the SQL behind `app::rankings::store::RankingStore`, the monthly publication's
//! staff forms, the published standings as open data and share cards, and the enforcement platform's push.

mod card;
pub mod demo;
mod feed;
mod forms;
mod open_data;
mod store;

pub use store::SqlRankings;

use crate::routes::{declare, form, get_as, Declared, Kind};
use axum::http::Method;
use axum::routing::post;

pub fn routes() -> Vec<Declared> {
    vec![
        get_as(Kind::Download, "/rankings/published.json", open_data::json),
        get_as(Kind::Download, "/rankings/published.csv", open_data::csv),
        get_as(Kind::Download, "/rankings/feed.atom", open_data::atom),
        get_as(Kind::Download, "/rankings/{month}/card.png", card::png),
        declare(Method::POST, "/enforcement/v1/records", Kind::Api, post(feed::push)),
        form("/staff/rankings/close", forms::close),
        form("/staff/rankings/appeal", forms::appeal),
        form("/staff/rankings/decide", forms::decide),
        form("/staff/rankings/publish", forms::publish),
        form("/staff/rankings/correct", forms::correct),
    ]
}
