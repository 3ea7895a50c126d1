//! Server side of the rankings: the SQL behind `app::rankings::store::RankingStore`, the monthly publication's
//! staff forms, and the published standings as open data.

mod forms;
mod open_data;
mod store;

pub use store::SqlRankings;

use crate::routes::{form, get_as, Declared, Kind};

pub fn routes() -> Vec<Declared> {
    vec![
        get_as(Kind::Download, "/rankings/published.json", open_data::json),
        get_as(Kind::Download, "/rankings/published.csv", open_data::csv),
        get_as(Kind::Download, "/rankings/feed.atom", open_data::atom),
        form("/staff/rankings/close", forms::close),
        form("/staff/rankings/appeal", forms::appeal),
        form("/staff/rankings/decide", forms::decide),
        form("/staff/rankings/publish", forms::publish),
        form("/staff/rankings/correct", forms::correct),
    ]
}
