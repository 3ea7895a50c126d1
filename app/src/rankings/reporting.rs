//! Enforcement reporting (执法数据上报): the district's enforcement supervision platform is the source of every
//! enforcement record (an inspection, an investigation, a coercive measure, an enforcement, a document served);
//! they reach this site only through its import — the platform's push, or a feed file — never a second entry
//! form. A record counts in the Beijing month it was reported; it is in time when reported within the configured
//! working days of the act (`publication.tsv`). The feed's format is documented in `docs/enforcement-feed.md`;
//! `check` holds a feed to it, all or nothing.

use super::publication::Rules;
use crate::calendar::WorkCalendar;
use crate::clock::beijing;
use crate::deadline::{Due, Period, Unit};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The feed format this site reads; a later format gets a new name.
pub const FORMAT: &str = "hebei-enforcement-feed/1";

/// Records one push holds at most: a month of the whole district's is under a thousand. (A feed file, imported
/// by an operator, may hold a year.)
pub const PUSH_LIMIT: usize = 5_000;

/// How far ahead of this server's clock a report may be dated: the platform's clock may run a little fast.
const CLOCK_SKEW: Duration = Duration::minutes(5);

/// An id is at most this long.
const ID_LIMIT: usize = 64;

/// The kinds of enforcement act the platform reports (the source document's list).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActKind {
    /// 监督检查
    Inspection,
    /// 调查取证
    Investigation,
    /// 采取强制措施
    CoerciveMeasure,
    /// 强制执行
    Enforcement,
    /// 送达执法文书
    DocumentServed,
}

impl ActKind {
    pub const ALL: [ActKind; 5] = [
        ActKind::Inspection,
        ActKind::Investigation,
        ActKind::CoerciveMeasure,
        ActKind::Enforcement,
        ActKind::DocumentServed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActKind::Inspection => "inspection",
            ActKind::Investigation => "investigation",
            ActKind::CoerciveMeasure => "coercive_measure",
            ActKind::Enforcement => "enforcement",
            ActKind::DocumentServed => "document_served",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActKind::Inspection => "监督检查",
            ActKind::Investigation => "调查取证",
            ActKind::CoerciveMeasure => "强制措施",
            ActKind::Enforcement => "强制执行",
            ActKind::DocumentServed => "送达文书",
        }
    }

    pub fn from_code(code: &str) -> Option<ActKind> {
        ActKind::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// A feed as it arrives: the platform's push body, or a feed file. Every field is text here, so that a wrong one
/// is refused by `check` with a message saying which, not by the JSON decoder.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Feed {
    pub format: String,
    pub records: Vec<FeedRecord>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct FeedRecord {
    /// The platform's own id for the record.
    pub id: String,
    /// The department's id in this site's catalog.
    pub department: String,
    /// `ActKind::code`.
    pub kind: String,
    /// The day of the act, Beijing time: 2026-11-02.
    pub act_date: String,
    /// When it was reported to the platform, RFC 3339 with its offset: 2026-11-04T10:20:00+08:00.
    pub reported_at: String,
}

/// A record as checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub department: String,
    pub kind: ActKind,
    pub act_date: NaiveDate,
    pub reported_at: DateTime<FixedOffset>,
}

/// What is wrong with a feed: with the feed as a whole (`record` none), or with one record (its place in the
/// feed, counted from 1, and its id).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedProblem {
    pub record: Option<usize>,
    pub id: Option<String>,
    pub message: String,
}

/// Problems listed at most: a feed wrong throughout says so in its first ones.
const PROBLEMS_SHOWN: usize = 50;

/// The feed's records if every one is right, else what is wrong: none is taken from a feed with a wrong one, so
/// the platform sends the feed again whole once it is put right. `departments`: the ids the catalog knows.
pub fn check(
    feed: &Feed,
    departments: &HashSet<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Vec<Record>, Vec<FeedProblem>> {
    let whole = |message: String| vec![FeedProblem { record: None, id: None, message }];
    if feed.format != FORMAT {
        return Err(whole(format!("format 应为“{FORMAT}”，收到的是“{}”。", feed.format)));
    }
    if feed.records.is_empty() {
        return Err(whole("records 里没有记录。".into()));
    }
    let mut seen = HashSet::new();
    let mut problems = Vec::new();
    let mut records = Vec::with_capacity(feed.records.len());
    for (at, record) in feed.records.iter().enumerate() {
        let first_time = seen.insert(record.id.as_str());
        match check_record(record, first_time, departments, now) {
            Ok(record) => records.push(record),
            Err(message) => problems.push(FeedProblem { record: Some(at + 1), id: Some(record.id.clone()), message }),
        }
    }
    if problems.is_empty() {
        Ok(records)
    } else {
        problems.truncate(PROBLEMS_SHOWN);
        Err(problems)
    }
}

fn check_record(
    record: &FeedRecord,
    first_time: bool,
    departments: &HashSet<&str>,
    now: DateTime<FixedOffset>,
) -> Result<Record, String> {
    let id_shaped = |c: char| c.is_ascii_alphanumeric() || "-_./".contains(c);
    if record.id.is_empty() || record.id.len() > ID_LIMIT || !record.id.chars().all(id_shaped) {
        return Err(format!("id 应为1到{ID_LIMIT}个字母、数字或 - _ . /。"));
    }
    if !first_time {
        return Err("同一个 id 在这批记录里出现了两次。".into());
    }
    if !departments.contains(record.department.as_str()) {
        return Err(format!("没有编码为“{}”的部门。", record.department));
    }
    let kind = ActKind::from_code(&record.kind).ok_or_else(|| {
        let codes: Vec<&str> = ActKind::ALL.iter().map(|k| k.code()).collect();
        format!("kind 应为 {} 之一。", codes.join("、"))
    })?;
    let act_date = NaiveDate::parse_from_str(&record.act_date, "%Y-%m-%d")
        .map_err(|_| "act_date 应为 YYYY-MM-DD 格式的日期。".to_string())?;
    let reported_at = DateTime::parse_from_rfc3339(&record.reported_at)
        .map_err(|_| "reported_at 应为带时区的 RFC 3339 时间，如 2026-11-04T10:20:00+08:00。".to_string())?;
    if reported_at > now + CLOCK_SKEW {
        return Err("reported_at 晚于现在。".into());
    }
    if act_date > reported_at.with_timezone(&beijing()).date_naive() {
        return Err("act_date 晚于上报日期（北京时间）。".into());
    }
    Ok(Record { id: record.id.clone(), department: record.department.clone(), kind, act_date, reported_at })
}

/// When reporting an act of `act_date` stops being in time: the end (24:00, Beijing time) of the last of the
/// configured working days after it; provisional when the days run into a year whose schedule is not published.
pub fn reporting_due(act_date: NaiveDate, rules: &Rules, calendar: &WorkCalendar) -> Due {
    let during_the_act = act_date.and_time(NaiveTime::MIN).and_local_timezone(beijing()).single().expect("no DST");
    Period::new(rules.reporting_working_days, Unit::WorkingDays).due(during_the_act, &[], calendar)
}

/// A department's reporting in a month: the records reported, and those reported in time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reporting {
    pub records: u32,
    pub timely: u32,
}

impl Reporting {
    /// 执法数据上报及时率; none without records (a department that reported nothing has no figure, and the other
    /// components weigh for it).
    pub fn rate(&self) -> Option<f64> {
        (self.records > 0).then(|| f64::from(self.timely) / f64::from(self.records))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn record(id: &str, department: &str, kind: &str, act_date: &str, reported_at: &str) -> FeedRecord {
        FeedRecord {
            id: id.into(),
            department: department.into(),
            kind: kind.into(),
            act_date: act_date.into(),
            reported_at: reported_at.into(),
        }
    }

    fn feed(records: Vec<FeedRecord>) -> Feed {
        Feed { format: FORMAT.into(), records }
    }

    fn known() -> HashSet<&'static str> {
        ["market-regulation", "urban-management"].into_iter().collect()
    }

    const NOW: &str = "2026-11-30T12:00:00+08:00";

    #[test]
    fn a_right_feed_gives_its_records() {
        let checked = check(
            &feed(vec![
                record(
                    "HBZF-2026-000001",
                    "market-regulation",
                    "inspection",
                    "2026-11-02",
                    "2026-11-04T10:20:00+08:00",
                ),
                record("HBZF-2026-000002", "urban-management", "document_served", "2026-11-27", NOW),
            ]),
            &known(),
            at(NOW),
        )
        .unwrap();
        assert_eq!(checked.len(), 2);
        assert_eq!(checked[0].kind, ActKind::Inspection);
        assert_eq!(checked[0].act_date, day("2026-11-02"));
        assert_eq!(checked[1].reported_at, at(NOW));
    }

    #[test]
    fn one_wrong_record_refuses_the_feed_and_says_which_and_why() {
        let problems = check(
            &feed(vec![
                record("A-1", "market-regulation", "inspection", "2026-11-02", "2026-11-04T10:20:00+08:00"),
                record("A-2", "no-such-department", "inspection", "2026-11-02", "2026-11-04T10:20:00+08:00"),
                record("A-3", "market-regulation", "arrest", "2026-11-02", "2026-11-04T10:20:00+08:00"),
                record("A-4", "market-regulation", "inspection", "2026-11-31", "2026-11-04T10:20:00+08:00"),
                record("A-5", "market-regulation", "inspection", "2026-11-02", "2026-11-04 10:20"),
                record("A-6", "market-regulation", "inspection", "2026-11-05", "2026-11-04T10:20:00+08:00"),
                record("A-7", "market-regulation", "inspection", "2026-11-02", "2026-12-01T10:20:00+08:00"),
                record("A-1", "market-regulation", "inspection", "2026-11-02", "2026-11-04T10:20:00+08:00"),
                record("A 9", "market-regulation", "inspection", "2026-11-02", "2026-11-04T10:20:00+08:00"),
            ]),
            &known(),
            at(NOW),
        )
        .unwrap_err();
        let said: Vec<(Option<usize>, &str)> = problems.iter().map(|p| (p.record, p.message.as_str())).collect();
        assert_eq!(said.len(), 8, "all but the first: {said:?}");
        assert_eq!(said[0], (Some(2), "没有编码为“no-such-department”的部门。"));
        assert!(said[1].1.starts_with("kind 应为 inspection、"), "{:?}", said[1]);
        assert!(said[2].1.starts_with("act_date"), "30 days has November: {:?}", said[2]);
        assert!(said[3].1.starts_with("reported_at 应为带时区"), "{:?}", said[3]);
        assert_eq!(said[4].1, "act_date 晚于上报日期（北京时间）。");
        assert_eq!(said[5].1, "reported_at 晚于现在。");
        assert_eq!(said[6], (Some(8), "同一个 id 在这批记录里出现了两次。"));
        assert!(said[7].1.starts_with("id 应为"), "{:?}", said[7]);
    }

    #[test]
    fn a_feed_of_another_format_or_of_nothing_is_refused_whole() {
        let other = Feed { format: "something-else/2".into(), records: Vec::new() };
        let problems = check(&other, &known(), at(NOW)).unwrap_err();
        assert_eq!(problems[0].record, None);
        assert!(problems[0].message.contains(FORMAT));
        assert_eq!(check(&feed(Vec::new()), &known(), at(NOW)).unwrap_err()[0].message, "records 里没有记录。");
    }

    #[test]
    fn the_act_day_counts_in_beijing_time_whatever_the_offset_of_the_report() {
        // Reported 1 December 01:30 Beijing time, written in UTC: the act of 1 December is not after it.
        let late_utc = record("B-1", "market-regulation", "enforcement", "2026-12-01", "2026-11-30T17:30:00Z");
        assert!(check(&feed(vec![late_utc]), &known(), at("2026-12-01T09:00:00+08:00")).is_ok());
    }

    #[test]
    fn reporting_is_in_time_until_the_end_of_the_seventh_working_day_after_the_act() {
        let rules = Rules::official();
        assert_eq!(rules.reporting_working_days, 7, "these dates are worked out for 7");
        let calendar = WorkCalendar::official();
        // Act on Friday 27 November 2026: 30 November, 1, 2, 3, 4, 7, 8 December → 8 December 24:00.
        let due = reporting_due(day("2026-11-27"), rules, calendar);
        assert_eq!(due.at, at("2026-12-09T00:00:00+08:00"));
        assert!(!due.provisional);
        // Act on Wednesday 30 September 2026: the National Day holiday (1–7 October) does not count, and
        // Saturday 10 October is a make-up workday: 8, 9, 10, 12, 13, 14, 15 October → 15 October 24:00.
        assert_eq!(reporting_due(day("2026-09-30"), rules, calendar).at, at("2026-10-16T00:00:00+08:00"));
        // Act on Friday 13 February 2026: Saturday 14 February is a make-up workday, then the Spring Festival
        // (15–23 February): 14, 24, 25, 26, 27, 28 (a make-up Saturday) February, 2 March → 2 March 24:00.
        assert_eq!(reporting_due(day("2026-02-13"), rules, calendar).at, at("2026-03-03T00:00:00+08:00"));
    }

    #[test]
    fn the_rate_is_of_the_records_reported_and_there_is_none_without_any() {
        assert_eq!(Reporting { records: 40, timely: 34 }.rate(), Some(0.85));
        assert_eq!(Reporting::default().rate(), None);
    }
}
