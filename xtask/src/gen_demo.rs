//! `cargo xtask gen-data` also writes `server/seed/demo_petitions.tsv`: a year of made-up petition history for
//! demonstrations and the rankings (about 30,000 petitions), ending on `UNTIL`. Deterministic, like the catalog: the
//! same generator always writes the same bytes, and a test holds the checked-in file to it.
//!
//! What it models, so the figures built on it mean something:
//! - volume: about 82 a day, fewer at weekends; heating complaints in the heating season (15 November – 15 March),
//!   water and power in July and August;
//! - one real spike: blocked drains in 月牙河 in the week of the July 2026 rainstorm (13–19 July);
//! - each department has a steadiness: steadier ones answer sooner, close on time more often, solve more and are
//!   rated better; callbacks use all five 好差评 levels;
//! - the last days' petitions are still being worked (no step is after `UNTIL`).
//!
//! No personal data: the loader keeps demo petitions without names or phones.

use crate::gen_data::Rng;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use std::fmt::Write;

/// The last day of the history.
pub const UNTIL: (i32, u32, u32) = (2026, 11, 24);
const DAYS: i64 = 365;
const PER_DAY: u64 = 82;

/// (category, weight, titles): what residents write about, and how often.
const CATEGORIES: &[(&str, u64, &[&str])] = &[
    ("heating", 0, &["暖气不热", "室温不达标", "暖气管漏水", "供热迟迟未开栓"]),
    ("property-management", 9, &["物业不维修楼道灯", "物业费收费不合理", "电梯长期停运", "楼道堆物无人清理"]),
    ("noise", 8, &["夜间施工噪声", "商铺音响扰民", "广场舞音响太吵", "空调外机噪声"]),
    ("sanitation", 7, &["垃圾清运不及时", "小区垃圾桶满溢", "路边垃圾堆积"]),
    ("parking", 7, &["占用消防通道停车", "共享单车乱停放", "小区停车位不足"]),
    ("drainage", 5, &["下水道堵塞", "雨后路面积水", "污水外溢"]),
    ("road-damage", 5, &["路面坑洼", "井盖缺失", "人行道砖松动"]),
    ("water-outage", 4, &["突然停水", "水压太低", "自来水发黄"]),
    ("power-outage", 3, &["频繁停电", "电线老化隐患"]),
    ("gas-outage", 1, &["燃气表故障", "停气未通知"]),
    ("street-vendors", 4, &["占道经营", "早市占路"]),
    ("street-lights", 3, &["路灯不亮", "路灯白天常亮"]),
    ("greening", 2, &["树枝遮挡窗户", "绿地无人养护"]),
    ("illegal-construction", 2, &["楼顶私搭乱建", "一楼违建扩建"]),
    ("pollution", 3, &["饭店油烟扰民", "异味严重"]),
    ("old-community", 2, &["老旧小区改造进度慢", "改造后外墙渗水"]),
    ("fire-hazard", 2, &["楼道电动车充电", "消防栓损坏"]),
    ("public-order", 1, &["小区门禁损坏", "夜间有人聚集喧哗"]),
    ("neighbour-dispute", 2, &["楼上漏水协调不成", "邻居占用公共空间"]),
    ("bus", 1, &["公交站点太远", "公交班次太少"]),
    ("food-safety", 1, &["饭店卫生差", "过期食品"]),
    ("consumer-rights", 2, &["预付卡退费难", "商家拒绝退货"]),
    ("wage-arrears", 1, &["拖欠工资", "装修工钱不给"]),
    ("social-insurance", 2, &["养老金待遇咨询", "社保转移慢"]),
    ("medical-insurance", 1, &["异地就医报销慢", "医保卡无法使用"]),
    ("schools", 1, &["入学划片咨询", "校外培训退费"]),
    ("health-services", 1, &["社区医院挂号难", "疫苗预约"]),
    ("elderly-care", 2, &["老年助餐点", "低保申请进度"]),
    ("disability", 1, &["无障碍坡道损坏"]),
    ("community", 2, &["社区办事时间不合理", "居委会联系不上"]),
    ("letters", 1, &["对处理结果有意见", "反映工作人员作风"]),
    ("other", 2, &["其他问题咨询"]),
];

/// Categories with a department of their own, from the app's categories.tsv; the rest the dispatch centre sends
/// to the street office.
fn department_of(category: &str, table: &str) -> String {
    table
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&category))
        .and_then(|fields| fields.get(3).map(|d| d.to_string()))
        .filter(|d| d != "-")
        .unwrap_or_else(|| "street-offices".into())
}

/// The tier the category suggests (its fifth field).
fn tier_of(category: &str, table: &str) -> String {
    table
        .lines()
        .map(|line| line.split('\t').collect::<Vec<_>>())
        .find(|fields| fields.first() == Some(&category))
        .and_then(|fields| fields.get(4).map(|t| t.to_string()))
        .unwrap_or_else(|| "ordinary".into())
}

/// How steady a department is, 60–97 in a hundred: deterministic from its id.
fn steadiness(department: &str) -> u64 {
    let mut rng = Rng(department.bytes().fold(17u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(b))));
    60 + rng.below(38)
}

/// The district's (street, community) pairs, from the catalog's community centres.
fn communities(catalog: &serde_json::Value) -> Vec<(String, String)> {
    catalog["places"]
        .as_array()
        .expect("places")
        .iter()
        .filter(|place| place["kind"] == "community")
        .map(|place| {
            let street = place["street"].as_str().unwrap().to_string();
            let name = place["name"].as_str().unwrap();
            let community =
                name.trim_start_matches(&format!("{street}街")).trim_end_matches("党群服务中心").to_string();
            (street, community)
        })
        .collect()
}

fn in_heating_season(day: NaiveDate) -> bool {
    let (m, d) = (day.month(), day.day());
    m == 12 || m <= 2 || (m == 11 && d >= 15) || (m == 3 && d <= 15)
}

fn weight(category: &str, base: u64, day: NaiveDate) -> u64 {
    match category {
        "heating" if in_heating_season(day) => 30,
        "heating" => 0,
        "water-outage" | "power-outage" if matches!(day.month(), 7 | 8) => base * 2,
        _ => base,
    }
}

/// The file's exact bytes, from the app's categories and the catalog's communities.
pub fn render(categories_tsv: &str, catalog: &serde_json::Value) -> String {
    let until = NaiveDate::from_ymd_opt(UNTIL.0, UNTIL.1, UNTIL.2).unwrap();
    let end = until.and_time(NaiveTime::MIN) + Duration::days(1);
    let places = communities(catalog);
    let spike_street = "月牙河";
    let spike = NaiveDate::from_ymd_opt(2026, 7, 13).unwrap()..=NaiveDate::from_ymd_opt(2026, 7, 19).unwrap();
    let mut rng = Rng(20_261_124);
    let mut out = String::new();
    out.push_str(
        "# Demo petition history (演示数据), written by `cargo xtask gen-data` (xtask/src/gen_demo.rs); do not edit.\n\
         # One petition a line: filed (Beijing time), category, tier, street, community, department, title, steps.\n\
         # Steps, space-separated, each in minutes after filing: R route, S sign for, C contact (the response), X close\n\
         # (reply, 办结), K callback as K<minutes>/<contacted y|n><solved y|n>/<rating 1 非常满意 … 5 非常不满意>; a K\n\
         # that is not solved sends it back (重办) and the steps go on.\n",
    );
    for offset in (0..DAYS).rev() {
        let day = until - Duration::days(offset);
        let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
        let count = PER_DAY * if weekend { 7 } else { 11 } / 10 - 8 + rng.below(17);
        let mut filings: Vec<(NaiveDateTime, &str, usize)> = Vec::new();
        let total: u64 = CATEGORIES.iter().map(|(id, base, _)| weight(id, *base, day)).sum();
        for _ in 0..count {
            let mut roll = rng.below(total);
            let category = CATEGORIES
                .iter()
                .find(|(id, base, _)| {
                    let w = weight(id, *base, day);
                    if roll < w {
                        true
                    } else {
                        roll -= w;
                        false
                    }
                })
                .expect("the weights add up");
            let place = rng.below(places.len() as u64) as usize;
            filings.push((filed_at(day, &mut rng), category.0, place));
        }
        if spike.contains(&day) {
            let street: Vec<usize> = (0..places.len()).filter(|&i| places[i].0 == spike_street).collect();
            for _ in 0..(8 + rng.below(5)) {
                let place = street[rng.below(street.len() as u64) as usize];
                filings.push((filed_at(day, &mut rng), "drainage", place));
            }
        }
        filings.sort();
        for (at, category, place) in filings {
            let titles = CATEGORIES.iter().find(|(id, _, _)| *id == category).unwrap().2;
            let title = titles[rng.below(titles.len() as u64) as usize];
            let department = department_of(category, categories_tsv);
            let tier = tier_of(category, categories_tsv);
            let steps = steps(&mut rng, steadiness(&department), &tier, at, end);
            let (street, community) = &places[place];
            writeln!(
                out,
                "{}\t{category}\t{tier}\t{street}\t{community}\t{department}\t{title}\t{steps}",
                at.format("%Y-%m-%dT%H:%M")
            )
            .unwrap();
        }
    }
    out
}

/// When in its day a petition is filed: mostly 7:00–22:00, a few at night.
fn filed_at(day: NaiveDate, rng: &mut Rng) -> NaiveDateTime {
    let minute = if rng.below(10) == 0 { rng.below(24 * 60) } else { 7 * 60 + rng.below(15 * 60) };
    day.and_time(NaiveTime::MIN) + Duration::minutes(minute as i64)
}

/// A petition's steps, as minutes after filing, up to `end`. `steady` (60–97) is its department's steadiness.
fn steps(rng: &mut Rng, steady: u64, tier: &str, filed: NaiveDateTime, end: NaiveDateTime) -> String {
    let hours = |h: u64| h * 60;
    let fast = matches!(tier, "emergency" | "urgent");
    let mut at = 0u64;
    let mut steps: Vec<String> = Vec::new();
    let add = |steps: &mut Vec<String>, at: u64, step: String| -> bool {
        if filed + Duration::minutes(at as i64) >= end {
            return false;
        }
        steps.push(step);
        true
    };
    at += 5 + rng.below(55);
    if !add(&mut steps, at, format!("R{at}")) {
        return steps.join(" ");
    }
    for round in 0..2 {
        let on_time = rng.below(100) < steady;
        if round == 0 {
            at += if fast { 10 + rng.below(60) } else { 30 + rng.below(hours(6)) };
            if !add(&mut steps, at, format!("S{at}")) {
                break;
            }
            at += match (fast, on_time) {
                (true, true) => rng.below(60),
                (true, false) => 90 + rng.below(hours(3)),
                (false, true) => rng.below(hours(16)),
                (false, false) => hours(30) + rng.below(hours(40)),
            };
            if !add(&mut steps, at, format!("C{at}")) {
                break;
            }
        }
        at += match (fast, rng.below(100) < steady) {
            (true, true) => hours(2) + rng.below(hours(18)),
            (true, false) => hours(26) + rng.below(hours(24)),
            (false, true) => hours(20) + rng.below(hours(24 * 5)),
            (false, false) => hours(24 * 8) + rng.below(hours(24 * 10)),
        };
        if !add(&mut steps, at, format!("X{at}")) {
            break;
        }
        at += hours(4) + rng.below(hours(60));
        let contacted = rng.below(100) < 70 + steady * 3 / 10;
        let solved = rng.below(100) < steady - 5 + if round == 1 { 10 } else { 0 };
        let rating = rating(rng, steady, solved);
        let yn = |b: bool| if b { 'y' } else { 'n' };
        if !add(&mut steps, at, format!("K{at}/{}{}/{rating}", yn(contacted), yn(solved))) || solved {
            break;
        }
    }
    steps.join(" ")
}

/// A rating, 1 (非常满意) to 5 (非常不满意): better when solved and the department steadier.
fn rating(rng: &mut Rng, steady: u64, solved: bool) -> u64 {
    let roll = rng.below(100);
    let good = if solved { steady } else { steady / 3 };
    match roll {
        r if r < good * 6 / 10 => 1,
        r if r < good => 2,
        r if r < good + (100 - good) / 2 => 3,
        r if r < good + (100 - good) * 4 / 5 => 4,
        _ => 5,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_checked_in_demo_history_is_exactly_what_the_generator_writes() {
        let root = crate::workspace_root();
        let checked_in = std::fs::read_to_string(root.join("server/seed/demo_petitions.tsv")).unwrap();
        let categories = std::fs::read_to_string(root.join("app/src/categories.tsv")).unwrap();
        let catalog: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(root.join("server/seed/catalog.json")).unwrap()).unwrap();
        assert!(
            checked_in == super::render(&categories, &catalog),
            "demo_petitions.tsv is stale: run `cargo xtask gen-data`"
        );
    }
}
