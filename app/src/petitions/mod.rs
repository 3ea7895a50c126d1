//! Petitions (诉求), handled 接诉即办-style: residents file and follow, handlers work a queue ordered by time
//! left. So far its plain ground: the tiers and their clocks (`tiers`, configuration in tiers.tsv), what
//! petitions are about and who handles them (`crate::categories`, shared), who may do what at which stage
//! (`lifecycle`), tracking numbers (`tracking`), their storage (`store`), the department's queue (`service`,
//! `pages`), and the public petitions as Open311 GeoReport v2 (`open311`).
//! The clocks themselves are the shared deadline engine (`crate::deadline`).

pub mod api;
pub mod callback;
pub mod draft;
pub mod filing;
pub mod lifecycle;
pub mod model;
pub mod open311;
pub mod page_data;
pub mod pages;
pub mod public;
pub mod roster;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;
pub mod tiers;
pub mod tracking;
pub mod warning;
