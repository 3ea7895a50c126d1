//! The 763 service items: browse, search (Chinese and pinyin), read every detail.

pub mod api;
pub mod checklist;
pub mod editing;
pub mod filter;
pub mod freshness;
mod live_search;
pub mod model;
pub mod page_data;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod store;

/// The synonym table (what residents say → what items are called), checked in beside the search code.
#[cfg(feature = "ssr")]
pub const SYNONYMS_TSV: &str = include_str!("synonyms.tsv");

/// Longest query accepted; longer ones are someone pasting a document, not looking for an item.
pub const MAX_QUERY_CHARS: usize = 50;

pub fn validate_query(q: &str) -> Result<(), String> {
    if q.chars().count() > MAX_QUERY_CHARS {
        Err(format!("搜索词太长了，请控制在{MAX_QUERY_CHARS}个字以内。"))
    } else {
        Ok(())
    }
}
