//! Server side of the rankings: the SQL behind `app::rankings::store::RankingStore`, and the monthly
//! publication's staff forms.

mod forms;
mod store;

pub use store::SqlRankings;

use crate::routes::{form, Declared};

pub fn routes() -> Vec<Declared> {
    vec![
        form("/staff/rankings/close", forms::close),
        form("/staff/rankings/appeal", forms::appeal),
        form("/staff/rankings/decide", forms::decide),
        form("/staff/rankings/publish", forms::publish),
        form("/staff/rankings/correct", forms::correct),
    ]
}
