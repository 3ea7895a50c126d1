//! A published month's share card: what the image the district's channels post says (the server draws it). Its
//! words are all here: the card's font is cut down to the characters of this file and of the departments' names
//! (`cargo xtask gen-card-font`), so a phrase added anywhere else would be drawn as a blank.

use super::open_data::PublishedStandings;
use super::publication::Month;
use serde::{Deserialize, Serialize};

/// What a card says, top to bottom, and the address its QR code opens.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Card {
    pub heading: String,
    /// 2026年10月考评结果（第1版）
    pub title: String,
    /// The section on who is named in public, then the first three.
    pub sections: Vec<(String, Vec<String>)>,
    pub footer: String,
    pub url: String,
}

/// How many of the best a card lists.
const TOP: usize = 3;

/// The card of one version of a month's final standings, whose page is at `url`; `demo` when the figures are the
/// demonstration history's.
pub fn card(published: &PublishedStandings, url: &str, demo: bool) -> Card {
    let month_words = Month::parse(&published.month).map_or_else(|| published.month.clone(), Month::words);
    let named: Vec<String> = published
        .departments
        .iter()
        .filter(|d| !d.named_in_public.is_empty())
        .map(|d| format!("{}：{}均位列后三名", d.department, month_list(&d.named_in_public)))
        .collect();
    let mut ranked: Vec<_> = published.departments.iter().filter(|d| d.rank.is_some()).collect();
    ranked.sort_by_key(|d| d.rank);
    let top = ranked
        .into_iter()
        .take(TOP)
        .map(|d| {
            let score = d.composite.map_or(String::new(), |c| format!(" {:.1}分", c * 100.0));
            format!("第{}名 {}{score}", d.rank.unwrap_or_default(), d.department)
        })
        .collect();
    Card {
        heading: "河北区政务服务部门月度考评".into(),
        title: format!("{month_words}考评结果（第{}版）", published.version),
        sections: vec![
            (
                "公开通报（十二个月内再次位列后三名）".into(),
                if named.is_empty() { vec!["本月没有公开通报的部门".into()] } else { named },
            ),
            ("综合得分前三名".into(), top),
        ],
        footer: format!(
            "{}公布 · 扫码查看全部数据和计算方法{}",
            published.published_at.format("%Y年%-m月%-d日"),
            if demo { " · 演示数据" } else { "" }
        ),
        url: url.into(),
    }
}

/// ["2026-09", "2026-10"] as 2026年9月、10月 (each year said once).
fn month_list(months: &[String]) -> String {
    let mut said_year = None;
    let words: Vec<String> = months
        .iter()
        .filter_map(|code| Month::parse(code))
        .map(|month| {
            if said_year == Some(month.year) {
                format!("{}月", month.month)
            } else {
                said_year = Some(month.year);
                month.words()
            }
        })
        .collect();
    words.join("、")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rankings::open_data::PublishedDepartment;
    use chrono::DateTime;

    fn department(name: &str, rank: Option<u32>, composite: Option<f64>, named: &[&str]) -> PublishedDepartment {
        PublishedDepartment {
            department_id: name.into(),
            department: name.into(),
            n: 20,
            rank,
            values: vec![],
            composite,
            change: String::new(),
            named_in_public: named.iter().map(|m| m.to_string()).collect(),
        }
    }

    #[test]
    fn a_card_names_the_repeat_bottom_three_and_the_best_three() {
        let published = PublishedStandings {
            month: "2026-10".into(),
            version: 2,
            published_at: DateTime::parse_from_rfc3339("2026-11-09T10:00:00+08:00").unwrap(),
            correction_reason: "更正".into(),
            weights: vec![],
            departments: vec![
                department("河北区民政局", Some(2), Some(0.9123), &[]),
                department("河北区交通运输局", Some(5), Some(0.5), &["2025-12", "2026-09", "2026-10"]),
                department("河北区商务局", Some(1), Some(0.95), &[]),
                department("河北区档案馆", None, None, &[]),
                department("河北区教育局", Some(2), Some(0.9123), &[]),
                department("河北区司法局", Some(4), Some(0.8), &[]),
            ],
        };
        let card = card(&published, "https://zsb.tjhb.example.cn/rankings/2026-10", true);
        assert_eq!(card.title, "2026年10月考评结果（第2版）");
        assert_eq!(card.sections[0].1, ["河北区交通运输局：2025年12月、2026年9月、10月均位列后三名"]);
        // Ties share a rank; those too few to rank are not among the best.
        assert_eq!(
            card.sections[1].1,
            ["第1名 河北区商务局 95.0分", "第2名 河北区民政局 91.2分", "第2名 河北区教育局 91.2分"]
        );
        assert_eq!(card.footer, "2026年11月9日公布 · 扫码查看全部数据和计算方法 · 演示数据");
    }

    #[test]
    fn a_month_without_a_public_notice_says_so() {
        let published = PublishedStandings {
            month: "2026-03".into(),
            version: 1,
            published_at: DateTime::parse_from_rfc3339("2026-04-10T10:00:00+08:00").unwrap(),
            correction_reason: String::new(),
            weights: vec![],
            departments: vec![department("河北区商务局", Some(1), Some(0.9), &[])],
        };
        let card = card(&published, "https://x/rankings/2026-03", false);
        assert_eq!(card.title, "2026年3月考评结果（第1版）");
        assert_eq!(card.sections[0].1, ["本月没有公开通报的部门"]);
        assert!(!card.footer.contains("演示数据"));
    }
}
