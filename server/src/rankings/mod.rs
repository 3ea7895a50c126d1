//! Server side of the rankings: the SQL behind `app::rankings::store::RankingStore`. The standings page is a
//! Leptos page, so there are no routes of the server's own yet.

mod store;

pub use store::SqlRankings;
