//! Department rankings (月考评通报): every month the district ranks its departments on how they answer residents,
//! names the bottom three inside government the first time and publishes a department that lands there again.
//! The method (`method`: the components, their weights in weights.tsv, the minimum number of cases), the
//! standings' rules (`standings`: rates from a month's callbacks, the composite, ranks with ties, the bottom
//! three), enforcement reporting (`reporting`: the platform's feed and its timeliness), disclosure freshness (`freshness`), where the figures come from (`store`), and the public standings page (`service`, `pages`).

pub mod api;
pub mod card;
pub mod method;
pub mod open_data;
pub mod page_data;
pub mod pages;
pub mod publication;
pub mod reporting;
#[cfg(feature = "ssr")]
pub mod service;
pub mod standings;
#[cfg(feature = "ssr")]
pub mod store;
