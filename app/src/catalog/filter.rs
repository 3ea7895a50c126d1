//! The catalog's filters as they travel in a URL (`/items?dept=…&topic=…&channel=…&page=…`), validated by one
//! plain function that the page and the server function both use.

use serde::{Deserialize, Serialize};

pub const PER_PAGE: usize = 20;

/// Life events (natural persons) and business stages (legal persons): the 主题 residents browse by.
pub const TOPICS: [(&str, &str); 14] = [
    ("birth", "生育"),
    ("education", "教育"),
    ("employment", "就业"),
    ("marriage", "婚姻"),
    ("housing", "住房"),
    ("social-insurance", "社保"),
    ("health", "医疗"),
    ("elderly", "养老"),
    ("disability", "残疾"),
    ("travel", "出行"),
    ("after-death", "身后"),
    ("start", "开办企业"),
    ("operate", "经营"),
    ("close", "注销"),
];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    Palm,
    Unmanned,
    OneId,
    Bookable,
}

impl Channel {
    pub const ALL: [Channel; 4] = [Channel::Palm, Channel::Unmanned, Channel::OneId, Channel::Bookable];

    pub fn slug(self) -> &'static str {
        match self {
            Self::Palm => "palm",
            Self::Unmanned => "unmanned",
            Self::OneId => "one-id",
            Self::Bookable => "bookable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Palm => "掌上办",
            Self::Unmanned => "无人审批",
            Self::OneId => "一证通办",
            Self::Bookable => "可预约",
        }
    }

    fn from_slug(slug: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.slug() == slug)
    }
}

pub fn topic_label(slug: &str) -> Option<&'static str> {
    TOPICS.iter().find(|(s, _)| *s == slug).map(|(_, label)| *label)
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogQuery {
    pub department: Option<String>,
    /// Only the items handled at this place.
    pub place: Option<String>,
    pub topic: Option<String>,
    pub channel: Option<Channel>,
    /// 1-based.
    pub page: usize,
}

impl CatalogQuery {
    /// The URL of this query with another page number.
    pub fn href(&self, page: usize) -> String {
        let mut params = Vec::new();
        if let Some(d) = &self.department {
            params.push(format!("dept={d}"));
        }
        if let Some(p) = &self.place {
            params.push(format!("place={p}"));
        }
        if let Some(t) = &self.topic {
            params.push(format!("topic={t}"));
        }
        if let Some(c) = self.channel {
            params.push(format!("channel={}", c.slug()));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        if params.is_empty() {
            "/items".to_string()
        } else {
            format!("/items?{}", params.join("&"))
        }
    }
}

/// Parses the query parameters of `/items`; the error is the message the page shows (with a 400).
/// Unknown department ids are left to the store, which knows which exist.
pub fn parse_catalog_query<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<CatalogQuery, String> {
    let non_empty = |key: &str| get(key).map(str::trim).filter(|v| !v.is_empty());
    let slug = |key: &str, message: &str| match non_empty(key) {
        Some(v) if v.len() > 64 || !v.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') => {
            Err(message.to_string())
        }
        other => Ok(other.map(str::to_string)),
    };
    let department = slug("dept", "部门编号格式不正确。")?;
    let place = slug("place", "办理点编号格式不正确。")?;
    let topic = match non_empty("topic") {
        Some(t) if topic_label(t).is_some() => Some(t.to_string()),
        Some(_) => return Err("没有这个主题分类，请从列表中选择。".into()),
        None => None,
    };
    let channel = match non_empty("channel") {
        Some(c) => Some(Channel::from_slug(c).ok_or("没有这个办理渠道，请从列表中选择。")?),
        None => None,
    };
    let page = match non_empty("page") {
        Some(p) => p.parse::<usize>().ok().filter(|&n| (1..=10_000).contains(&n)).ok_or("页码应为正整数。")?,
        None => 1,
    };
    Ok(CatalogQuery { department, place, topic, channel, page })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn parse(pairs: &[(&str, &'static str)]) -> Result<CatalogQuery, String> {
        let map: HashMap<String, &'static str> = pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        parse_catalog_query(|k| map.get(k).copied())
    }

    #[test]
    fn valid_filters_parse_and_round_trip_to_a_url() {
        let q =
            parse(&[("dept", "civil-affairs"), ("topic", "marriage"), ("channel", "one-id"), ("page", "2")]).unwrap();
        assert_eq!(q.channel, Some(Channel::OneId));
        assert_eq!(q.href(2), "/items?dept=civil-affairs&topic=marriage&channel=one-id&page=2");
        assert_eq!(parse(&[]).unwrap().page, 1);
        assert_eq!(parse(&[("dept", "")]).unwrap().department, None);
    }

    #[test]
    fn malformed_filters_get_a_chinese_message() {
        assert_eq!(parse(&[("page", "abc")]).unwrap_err(), "页码应为正整数。");
        assert_eq!(parse(&[("page", "0")]).unwrap_err(), "页码应为正整数。");
        assert!(parse(&[("topic", "lottery")]).unwrap_err().contains("主题"));
        assert!(parse(&[("channel", "fax")]).unwrap_err().contains("渠道"));
        assert!(parse(&[("dept", "<script>")]).unwrap_err().contains("部门"));
    }
}
