//! The demo petition history (`server/seed/demo_petitions.tsv`, written by `cargo xtask gen-data`): loaded into a
//! database with no petitions of its own — on the first `cargo xtask run` into the embedded one, elsewhere with
//! `server demo load` — and removed with `server demo remove`. Every page says 演示数据 while it is there. Demo
//! petitions carry no personal data: they are kept as if erased.

use crate::db::codec::Instant;
use crate::db::{on_backend, Pool, Tx};
use anyhow::{bail, Context};
use app::clock::beijing;
use app::petitions::callback::Rating;
use app::petitions::lifecycle::Stage;
use app::petitions::model::Filed;
use app::petitions::tracking::TrackingNumber;
use chrono::{DateTime, Duration, FixedOffset, NaiveDateTime, TimeZone};
use std::collections::HashMap;

const DEMO_TSV: &str = include_str!("../../seed/demo_petitions.tsv");
/// Rows a statement inserts at once (PostgreSQL takes at most 65,535 values a statement).
const CHUNK: usize = 1_000;

/// Whether the demo history is in the database.
pub async fn is_loaded(pool: &Pool) -> sqlx::Result<bool> {
    on_backend!(pool, |pool| {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM demo_petitions").fetch_one(pool).await.map(|n| n > 0)
    })
}

/// Loads the history; how many petitions. Refused where petitions of the database's own exist (their numbers
/// and the demo's would collide, and real figures must never mix with made-up ones).
pub async fn load(pool: &Pool) -> anyhow::Result<usize> {
    let petitions: i64 =
        on_backend!(pool, |pool| sqlx::query_scalar("SELECT COUNT(*) FROM petitions").fetch_one(pool).await)?;
    if petitions > 0 {
        bail!("这个数据库里已有{petitions}件诉求，演示数据只能装入没有诉求的数据库");
    }
    let history = parse(DEMO_TSV)?;
    let mut tx = pool.begin_write().await?;
    let first_id = tx.next_id("petitions").await?;
    let mut per_day: HashMap<chrono::NaiveDate, u32> = HashMap::new();
    let mut rows = Vec::with_capacity(history.len());
    for (n, petition) in history.iter().enumerate() {
        let day = petition.filed.date_naive();
        let sequence = per_day.entry(day).and_modify(|s| *s += 1).or_insert(1);
        let number = TrackingNumber::new(day, *sequence).context("too many demo petitions in a day")?;
        rows.push((first_id + n as i64, Filed::new_secrets(number.to_string()), petition));
    }
    for chunk in rows.chunks(CHUNK) {
        insert_petitions(&mut tx, chunk).await?;
        insert_events(&mut tx, chunk).await?;
        insert_callbacks(&mut tx, chunk).await?;
        on_backend!(&mut tx, |tx| {
            let mut sql = sqlx::QueryBuilder::new("INSERT INTO demo_petitions (petition_id) ");
            sql.push_values(chunk, |mut row, (id, _, _)| {
                row.push_bind(*id);
            });
            sql.build().execute(&mut **tx).await.map(drop)
        })?;
    }
    for (day, last) in per_day {
        let day = crate::db::codec::Day(day);
        on_backend!(&mut tx, |tx| {
            sqlx::query("INSERT INTO petition_day_counters (day, last_sequence) VALUES ($1, $2)")
                .bind(&day)
                .bind(i64::from(last))
                .execute(&mut **tx)
                .await
                .map(drop)
        })?;
    }
    tx.commit().await?;
    Ok(rows.len())
}

/// Removes the demo history and everything hanging on it; how many petitions.
pub async fn remove(pool: &Pool) -> anyhow::Result<u64> {
    let mut tx = pool.begin_write().await?;
    let demo = "SELECT petition_id FROM demo_petitions";
    let mut removed = 0;
    let tables = ["petition_events", "petition_callbacks", "petition_pauses", "petition_photos", "petition_dues"];
    for table in tables.into_iter().chain(["petitions"]) {
        let column = if table == "petitions" { "id" } else { "petition_id" };
        let sql = format!("DELETE FROM {table} WHERE {column} IN ({demo})");
        removed =
            on_backend!(&mut tx, |tx| sqlx::query(&sql).execute(&mut **tx).await.map(|done| done.rows_affected()))?;
    }
    on_backend!(&mut tx, |tx| {
        sqlx::query("DELETE FROM petition_day_counters").execute(&mut **tx).await?;
        sqlx::query("DELETE FROM demo_petitions").execute(&mut **tx).await.map(drop)
    })?;
    tx.commit().await?;
    Ok(removed)
}

/// One line of the history.
struct DemoPetition {
    filed: DateTime<FixedOffset>,
    category: String,
    tier: String,
    street: String,
    community: String,
    department: String,
    title: String,
    /// (minutes after filing, step)
    steps: Vec<(i64, DemoStep)>,
}

#[derive(Clone, Copy)]
enum DemoStep {
    Route,
    SignFor,
    Contact,
    Close,
    Callback { contacted: bool, solved: bool, rating: Rating },
}

fn parse(tsv: &str) -> anyhow::Result<Vec<DemoPetition>> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let [filed, category, tier, street, community, department, title, steps] = fields[..] else {
                bail!("not 8 fields: {line}")
            };
            let filed = NaiveDateTime::parse_from_str(filed, "%Y-%m-%dT%H:%M")?;
            Ok(DemoPetition {
                filed: beijing().from_local_datetime(&filed).single().context("a Beijing time")?,
                category: category.into(),
                tier: tier.into(),
                street: street.into(),
                community: community.into(),
                department: department.into(),
                title: title.into(),
                steps: steps.split_whitespace().map(step).collect::<anyhow::Result<_>>()?,
            })
        })
        .collect()
}

/// `R12`, `S40`, `C300`, `X4000`, `K5600/yn/4`.
fn step(text: &str) -> anyhow::Result<(i64, DemoStep)> {
    let (kind, rest) = text.split_at(1);
    let (minutes, callback) = rest.split_once('/').map_or((rest, None), |(m, c)| (m, Some(c)));
    let step = match (kind, callback) {
        ("R", None) => DemoStep::Route,
        ("S", None) => DemoStep::SignFor,
        ("C", None) => DemoStep::Contact,
        ("X", None) => DemoStep::Close,
        ("K", Some(callback)) => {
            let (answers, rating) = callback.split_once('/').context("a callback's rating")?;
            let level: usize = rating.parse()?;
            DemoStep::Callback {
                contacted: answers.starts_with('y'),
                solved: answers.ends_with('y'),
                rating: *Rating::ALL.get(level.wrapping_sub(1)).context("a rating from 1 to 5")?,
            }
        }
        _ => bail!("an unknown step: {text}"),
    };
    Ok((minutes.parse()?, step))
}

/// Where a petition stands after its steps, and its clocks.
struct Played {
    stage: Stage,
    routed: bool,
    responded_at: Option<DateTime<FixedOffset>>,
    result_started_at: DateTime<FixedOffset>,
    result_met_at: Option<DateTime<FixedOffset>>,
    rehandled: bool,
}

fn play(petition: &DemoPetition) -> Played {
    let mut played = Played {
        stage: Stage::Filed,
        routed: false,
        responded_at: None,
        result_started_at: petition.filed,
        result_met_at: None,
        rehandled: false,
    };
    for (minutes, step) in &petition.steps {
        let at = petition.filed + Duration::minutes(*minutes);
        played.stage = match step {
            DemoStep::Route => {
                played.routed = true;
                Stage::Routed
            }
            DemoStep::SignFor => Stage::SignedFor,
            DemoStep::Contact => {
                played.responded_at = Some(at);
                Stage::Responded
            }
            DemoStep::Close => {
                played.result_met_at = Some(at);
                Stage::Closed
            }
            DemoStep::Callback { solved: false, .. } if !played.rehandled => {
                played.rehandled = true;
                (played.result_started_at, played.result_met_at) = (at, None);
                Stage::SignedFor
            }
            DemoStep::Callback { .. } => Stage::Finished,
        };
    }
    played
}

type Row<'a> = (i64, Filed, &'a DemoPetition);

async fn insert_petitions(tx: &mut Tx, chunk: &[Row<'_>]) -> sqlx::Result<()> {
    on_backend!(tx, |tx| {
        let mut sql = sqlx::QueryBuilder::new(
            "INSERT INTO petitions (id, tracking_number, token, access_code, channel, category, tier, stage, \
             department, pending_request, before_waiting, extended_by, rehandled, version, street, community, title, \
             body, place_detail, applicant_name, phone, public_wanted, anonymous, filed_at, responded_at, \
             result_started_at, result_met_at, personal_erased) ",
        );
        sql.push_values(chunk, |mut row, (id, filed, petition)| {
            let played = play(petition);
            let body =
                format!("{}{}：{}，请尽快处理。（演示数据）", petition.street, petition.community, petition.title);
            row.push_bind(*id)
                .push_bind(filed.number.clone())
                .push_bind(filed.token.clone())
                .push_bind(filed.access_code.clone())
                .push_bind("web")
                .push_bind(petition.category.clone())
                .push_bind(petition.tier.clone())
                .push_bind(played.stage.code())
                .push_bind(played.routed.then(|| petition.department.clone()))
                .push_bind(None::<String>)
                .push_bind(None::<String>)
                .push_bind(0i64)
                .push_bind(played.rehandled)
                .push_bind(petition.steps.len() as i64)
                .push_bind(petition.street.clone())
                .push_bind(petition.community.clone())
                .push_bind(petition.title.clone())
                .push_bind(body)
                .push_bind("")
                .push_bind("")
                .push_bind("")
                .push_bind(false)
                .push_bind(false)
                .push_bind(Instant(petition.filed))
                .push_bind(played.responded_at.map(Instant))
                .push_bind(Instant(played.result_started_at))
                .push_bind(played.result_met_at.map(Instant))
                .push_bind(true);
        });
        sql.build().execute(&mut **tx).await.map(drop)
    })
}

async fn insert_events(tx: &mut Tx, chunk: &[Row<'_>]) -> sqlx::Result<()> {
    let mut events: Vec<(i64, i64, Instant, String, &'static str, &'static str)> = Vec::new();
    for (id, _, petition) in chunk {
        events.push((*id, 0, Instant(petition.filed), "resident".into(), "file", ""));
        let department = format!("department:{}", petition.department);
        for (version, (minutes, step)) in petition.steps.iter().enumerate() {
            let at = Instant(petition.filed + Duration::minutes(*minutes));
            let (actor, action, note) = match step {
                DemoStep::Route => ("dispatcher".to_string(), "route", ""),
                DemoStep::SignFor => (department.clone(), "sign_for", ""),
                DemoStep::Contact => (department.clone(), "contact", "已电话联系诉求人，了解情况。"),
                DemoStep::Close => (department.clone(), "close", "已到现场处理，问题已按诉求人意见解决。"),
                DemoStep::Callback { solved: true, .. } => ("resident".to_string(), "callback_solved", ""),
                DemoStep::Callback { solved: false, .. } => ("resident".to_string(), "callback_not_solved", ""),
            };
            events.push((*id, version as i64 + 1, at, actor, action, note));
        }
    }
    for events in events.chunks(CHUNK) {
        on_backend!(&mut *tx, |tx| {
            let mut sql =
                sqlx::QueryBuilder::new("INSERT INTO petition_events (petition_id, version, at, actor, action, note) ");
            sql.push_values(events, |mut row, (id, version, at, actor, action, note)| {
                row.push_bind(*id)
                    .push_bind(*version)
                    .push_bind(*at)
                    .push_bind(actor.clone())
                    .push_bind(*action)
                    .push_bind(*note);
            });
            sql.build().execute(&mut **tx).await.map(drop)
        })?;
    }
    Ok(())
}

async fn insert_callbacks(tx: &mut Tx, chunk: &[Row<'_>]) -> sqlx::Result<()> {
    let mut callbacks: Vec<(i64, i64, Instant, bool, bool, Rating)> = Vec::new();
    for (id, _, petition) in chunk {
        let given = petition.steps.iter().filter_map(|(minutes, step)| match step {
            DemoStep::Callback { contacted, solved, rating } => Some((*minutes, *contacted, *solved, *rating)),
            _ => None,
        });
        for (round, (minutes, contacted, solved, rating)) in given.enumerate() {
            let at = Instant(petition.filed + Duration::minutes(minutes));
            callbacks.push((*id, round as i64 + 1, at, contacted, solved, rating));
        }
    }
    if callbacks.is_empty() {
        return Ok(());
    }
    on_backend!(tx, |tx| {
        let mut sql = sqlx::QueryBuilder::new(
            "INSERT INTO petition_callbacks (petition_id, round, at, contacted, solved, rating, rerated, \
             bad_review_from, review_called_at, review_fixed_at) ",
        );
        sql.push_values(&callbacks, |mut row, (id, round, at, contacted, solved, rating)| {
            // A bad review's clocks start at the callback; the demo department called back the next morning.
            let bad_from = rating.is_bad().then_some(*at);
            let called = bad_from.map(|at| Instant(at.0 + Duration::hours(18)));
            row.push_bind(*id)
                .push_bind(*round)
                .push_bind(*at)
                .push_bind(*contacted)
                .push_bind(*solved)
                .push_bind(rating.code())
                .push_bind(false)
                .push_bind(bad_from)
                .push_bind(called)
                .push_bind(None::<Instant>);
        });
        sql.build().execute(&mut **tx).await.map(drop)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_checked_in_history_parses_and_plays_into_every_stage_it_should() {
        let history = parse(DEMO_TSV).unwrap();
        assert!((29_000..=31_000).contains(&history.len()), "about 30,000: {}", history.len());
        let stages: std::collections::HashSet<Stage> = history.iter().map(|p| play(p).stage).collect();
        for stage in [Stage::Routed, Stage::SignedFor, Stage::Responded, Stage::Closed, Stage::Finished] {
            assert!(stages.contains(&stage), "{stage:?}");
        }
        let ratings: std::collections::HashSet<&str> = history
            .iter()
            .flat_map(|p| &p.steps)
            .filter_map(|(_, step)| match step {
                DemoStep::Callback { rating, .. } => Some(rating.code()),
                _ => None,
            })
            .collect();
        assert_eq!(ratings.len(), 5, "callbacks on all five levels");
    }

    #[test]
    fn the_rainstorm_week_is_a_spike_of_blocked_drains_in_yueyahe() {
        let history = parse(DEMO_TSV).unwrap();
        let drains_in = |from: &str, to: &str| {
            let (from, to) = (from.parse::<chrono::NaiveDate>().unwrap(), to.parse::<chrono::NaiveDate>().unwrap());
            history
                .iter()
                .filter(|p| p.category == "drainage" && p.street == "月牙河")
                .filter(|p| (from..=to).contains(&p.filed.date_naive()))
                .count()
        };
        let storm = drains_in("2026-07-13", "2026-07-19");
        let week_before = drains_in("2026-07-06", "2026-07-12");
        assert!(storm >= 56 && week_before <= 5, "storm week {storm}, the week before {week_before}");
    }
}
