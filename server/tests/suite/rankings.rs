//! The standings from the database: a scripted month of callbacks, and the figures, ranks and changes on the
//! public page worked out by hand.

use crate::support::{config, get, TestDb};
use app::petitions::callback::Rating;
use app::petitions::lifecycle::{Action, Actor, Callback};
use app::petitions::model::{Channel, NewPetition};
use app::petitions::store::{PetitionStore, Step};
use app::petitions::tiers::Tier;
use app::rankings::reporting::{Feed, FeedRecord, FORMAT};
use app::rankings::service::reporting;
use axum::http::StatusCode;
use chrono::{DateTime, Duration, FixedOffset};

pub(crate) fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{text}+08:00")).unwrap()
}

fn petition(category: &str) -> NewPetition {
    NewPetition {
        channel: Channel::Web,
        category: category.into(),
        tier: Tier::Ordinary,
        street: "望海楼".into(),
        community: "宁园社区".into(),
        place_detail: String::new(),
        title: "路灯不亮".into(),
        body: "小区门口的路灯一周没亮了。".into(),
        applicant_name: "张三".into(),
        phone: "13812345678".into(),
        public_wanted: false,
        anonymous: false,
        joins: None,
    }
}

/// A petition `department` handles and closes, filed on `day` at 09:00, and each of its callbacks: a callback that
/// says not solved sends it back, and the department closes it again. Each step comes `pace` after the one before.
pub(crate) async fn answered(
    store: &dyn PetitionStore,
    key: &str,
    department: &str,
    day: &str,
    callbacks: &[(bool, bool, Rating)],
    pace: Duration,
) {
    answered_in(store, key, "street-lights", department, day, callbacks, pace).await;
}

/// As `answered`, about `category`.
async fn answered_in(
    store: &dyn PetitionStore,
    key: &str,
    category: &str,
    department: &str,
    day: &str,
    callbacks: &[(bool, bool, Rating)],
    pace: Duration,
) {
    let mut when = at(&format!("{day}T09:00:00"));
    let filed = store.file(&petition(category), key, &|_| Vec::new(), when).await.unwrap();
    let mut current = store.by_token(&filed.token, when).await.unwrap().unwrap();
    let handler = Actor::Handler { department: department.into() };
    let mut steps =
        vec![(Actor::Dispatcher, Action::Route { department: department.into() }), (handler.clone(), Action::SignFor)];
    for (contacted, solved, rating) in callbacks {
        steps.push((handler.clone(), Action::RecordContact));
        steps.push((handler.clone(), Action::Close));
        steps.push((
            Actor::Resident,
            Action::Callback(Callback { contacted: *contacted, solved: *solved, rating: *rating }),
        ));
    }
    for (actor, action) in steps {
        when += pace;
        let step = Step { actor: &actor, action: &action, note: "已处理", audit: None, texts: &[] };
        current = store.act(current.id, current.version, step, when).await.unwrap().unwrap();
    }
}

/// Handled on time: a step every 8 hours, so an ordinary case filed at 09:00 is responded to at 09:00 the next
/// day (due by 24:00) and closed at 17:00 (due in 7 days).
pub(crate) const PROMPTLY: Duration = Duration::hours(8);
/// Late: a step every 2 days, so the first response comes 6 days after filing (due the next working day).
pub(crate) const SLOWLY: Duration = Duration::days(2);

/// `count` petitions of `department`, each ending with `callback`: one that says not solved has said so before,
/// as the first sends it back to be handled again and only the second ends it.
pub(crate) async fn many(
    store: &dyn PetitionStore,
    department: &str,
    day: &str,
    count: usize,
    callback: (bool, bool, Rating),
    pace: Duration,
) {
    let callbacks = if callback.1 { vec![callback] } else { vec![callback, callback] };
    for n in 0..count {
        let key = format!("{department}-{day}-{n}-{callback:?}-{pace}");
        answered(store, &key, department, day, &callbacks, pace).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_standings_page_shows_the_months_figures_ranks_and_changes_worked_out_by_hand() {
    use Rating::*;
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap(); // Wednesday 25 November 2026, 10:00
    let store = instance.services.petitions.as_ref();

    // October: the ecology bureau, 20 cases all answered well and on time (rank 1 that month).
    many(store, "ecology", "2026-10-12", 20, (true, true, VerySatisfied), PROMPTLY).await;
    // November, so far; the weights 0.10, 0.35, 0.30, 0.15 for the four rates, 0.05 for reporting, 0.05 for
    // freshness (worked out below).
    // Urban management: 20, every one contacted, solved, very satisfied, on time: 100% each, weighing 0.90.
    many(store, "urban-management", "2026-11-02", 20, (true, true, VerySatisfied), PROMPTLY).await;
    // Transport: 20, all contacted, 16 solved; 12 satisfied and 8 basically; the 4 not solved handled late:
    // 100%, 80%, (12 + 7.2) / 20 = 96%, 80%; 0.10 + 0.28 + 0.288 + 0.12 = 0.788.
    many(store, "transport", "2026-11-03", 12, (true, true, Satisfied), PROMPTLY).await;
    many(store, "transport", "2026-11-03", 4, (true, true, BasicallySatisfied), PROMPTLY).await;
    many(store, "transport", "2026-11-03", 4, (true, false, BasicallySatisfied), SLOWLY).await;
    // Housing: 20, all contacted, 15 solved, all on time; 10 very satisfied, 4 satisfied, 5 basically, 1
    // dissatisfied: 100%, 75%, (14 + 4.5) / 20 = 92.5%, 100%; 0.10 + 0.2625 + 0.2775 + 0.15 = 0.79, above transport
    // for handling on time. One of the very satisfied was first not solved and very dissatisfied,
    // and counts once, by its final callback, and on time by its new result clock.
    answered(
        store,
        "rehandled",
        "housing",
        "2026-11-04",
        &[(true, false, VeryDissatisfied), (true, true, VerySatisfied)],
        PROMPTLY,
    )
    .await;
    many(store, "housing", "2026-11-04", 9, (true, true, VerySatisfied), PROMPTLY).await;
    many(store, "housing", "2026-11-04", 4, (true, true, Satisfied), PROMPTLY).await;
    many(store, "housing", "2026-11-04", 1, (true, true, BasicallySatisfied), PROMPTLY).await;
    many(store, "housing", "2026-11-04", 4, (true, false, BasicallySatisfied), PROMPTLY).await;
    many(store, "housing", "2026-11-04", 1, (true, false, Dissatisfied), PROMPTLY).await;
    // Ecology: 20, 18 contacted, 10 solved, 8 satisfied, the 10 not solved handled late: 90%, 50%, 40%, 50%;
    // 0.09 + 0.175 + 0.12 + 0.075 = 0.46.
    many(store, "ecology", "2026-11-05", 8, (true, true, Satisfied), PROMPTLY).await;
    many(store, "ecology", "2026-11-05", 2, (true, true, Dissatisfied), PROMPTLY).await;
    many(store, "ecology", "2026-11-05", 8, (true, false, Dissatisfied), SLOWLY).await;
    many(store, "ecology", "2026-11-05", 2, (false, false, VeryDissatisfied), SLOWLY).await;
    // Market regulation: 3, too few to rank.
    many(store, "market-regulation", "2026-11-06", 3, (true, true, Satisfied), PROMPTLY).await;

    // Enforcement records, reported in November unless said: a record is in time within 7 working days of the act.
    // Transport: 15 acts of Monday 2 November reported on the 5th (due by 11 November 24:00), and 5 acts of
    // Tuesday 20 October reported on 3 November (due by 29 October 24:00): 15 of 20, 75%. Its composite weighs all
    // five of the components so far, 0.95 of the weight: (0.10 + 0.28 + 0.288 + 0.12 + 0.05 × 0.75) = 0.8255;
    // housing has no records, and its weights are scaled up over the rest.
    // Ecology: 4, every one in time: 0.09 + 0.175 + 0.12 + 0.075 + 0.05 = 0.51.
    // Market regulation: 2 (still too few callbacks to rank). Emergency: 3, and no callbacks: listed apart.
    // Transport's act of 28 October reported on the 30th counts in October, not here.
    let mut records = Vec::new();
    let mut record = |department: &str, kind: &str, act: &str, reported: &str| {
        records.push(FeedRecord {
            id: format!("T-{}", records.len() + 1),
            department: department.into(),
            kind: kind.into(),
            act_date: act.into(),
            reported_at: format!("{reported}+08:00"),
        })
    };
    for _ in 0..15 {
        record("transport", "inspection", "2026-11-02", "2026-11-05T10:00:00");
    }
    for _ in 0..5 {
        record("transport", "document_served", "2026-10-20", "2026-11-03T10:00:00");
    }
    record("transport", "enforcement", "2026-10-28", "2026-10-30T16:00:00");
    for _ in 0..4 {
        record("ecology", "investigation", "2026-11-16", "2026-11-17T09:30:00");
    }
    record("market-regulation", "coercive_measure", "2026-11-09", "2026-11-10T11:00:00");
    record("market-regulation", "inspection", "2026-11-09", "2026-11-10T11:00:00");
    for _ in 0..3 {
        record("emergency", "inspection", "2026-11-18", "2026-11-19T15:00:00");
    }
    let feed = Feed { format: FORMAT.into(), records };
    let imported = reporting::import(&instance.services, &feed, "file").await.unwrap().unwrap();
    assert_eq!((imported.added, imported.replaced, imported.unchanged), (30, 0, 0));

    let page = get(&instance.router, "/rankings").await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let rows = standings_rows(&page.body);
    // Freshness, on 25 November: each department's responsibility list (reviewed in 2017 or 2018) is stale and
    // every one of its items (reviewed in 2026) fresh. Urban management 22 of 23 (95.65%), housing 24 of 25 (96%),
    // transport 14 of 15 (93.33%), ecology 8 of 9 (88.89%), each weighing 0.05:
    // urban management (0.90 + 0.0478) / 0.95 = 99.77%; housing (0.79 + 0.048) / 0.95 = 88.21%;
    // transport (0.8255 + 0.0467) / 1 = 87.22%; ecology (0.51 + 0.0444) / 1 = 55.44%.
    let expected = [
        (
            false,
            [
                "1",
                "河北区城市管理委员会",
                "20",
                "100.0%",
                "100.0%",
                "100.0%",
                "100.0%",
                "—",
                "95.7%",
                "99.8%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "2",
                "河北区住房和建设委员会",
                "20",
                "100.0%",
                "75.0%",
                "92.5%",
                "100.0%",
                "—",
                "96.0%",
                "88.2%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "3",
                "河北区交通运输局",
                "20",
                "100.0%",
                "80.0%",
                "96.0%",
                "80.0%",
                "75.0%",
                "93.3%",
                "87.2%",
                "上月未排名",
            ],
        ),
        (
            false,
            [
                "4",
                "天津市河北区生态环境局",
                "20",
                "90.0%",
                "50.0%",
                "40.0%",
                "50.0%",
                "100.0%",
                "88.9%",
                "55.4%",
                "下降3名",
            ],
        ),
    ];
    assert_eq!(rows.len(), expected.len(), "{rows:?}");
    for ((bottom, cells), (expected_bottom, expected)) in rows.iter().zip(expected) {
        assert_eq!(
            (*bottom, cells.iter().map(String::as_str).collect::<Vec<_>>()),
            (expected_bottom, expected.to_vec())
        );
    }
    assert!(page.body.contains("样本不足") && page.body.contains("市场监督管理局：有效回访3件"));
    assert!(page.body.contains("河北区应急管理局：有效回访0件"), "records without callbacks: listed apart");
    assert!(page.body.contains("本月截至2026年11月25日 10:00"));
    assert!(
        page.body.contains("响应率 10.0%，解决率 35.0%，满意率 30.0%，按时办结率 15.0%，执法数据上报及时率 5.0%，职责清单更新及时率 5.0%"),
        "every component has a figure for some department: the weights as configured"
    );
    assert!(!page.body.contains("暂无数据"));
    // The platform's own figures, in a table of their own, the most timely first (the busiest of those alike): by
    // kind (监督检查, 调查取证, 强制措施, 强制执行, 送达文书), in all, in time, and the rate; October's record is
    // not among them.
    let enforcement = enforcement_rows(&page.body);
    assert_eq!(
        enforcement,
        [
            ["天津市河北区生态环境局", "0", "4", "0", "0", "0", "4", "4", "100.0%"],
            ["河北区应急管理局", "3", "0", "0", "0", "0", "3", "3", "100.0%"],
            ["河北区市场监督管理局", "1", "0", "1", "0", "0", "2", "2", "100.0%"],
            ["河北区交通运输局", "15", "0", "0", "0", "5", "20", "15", "75.0%"],
        ]
        .map(|row| row.map(String::from).to_vec())
    );

    // A filing writes its deadlines with it, as the petition's own rules work them out.
    let filed =
        store.file(&petition("street-lights"), "just-filed", &|_| Vec::new(), at("2026-11-25T10:00:00")).await.unwrap();
    let just_filed = store.by_token(&filed.token, at("2026-11-25T10:00:00")).await.unwrap().unwrap();
    let stored: (i64, i64) = server::db::on_backend!(&instance.pool, |pool| {
        sqlx::query_as("SELECT response_due_at, result_due_at FROM petition_dues WHERE petition_id = $1")
            .bind(just_filed.id)
            .fetch_one(pool)
            .await
    })
    .unwrap();
    let calendar = app::calendar::WorkCalendar::official();
    let worked_out = (just_filed.response_due(calendar).at.timestamp(), just_filed.result_due(calendar).at.timestamp());
    assert_eq!(stored, worked_out);
    // Filed Wednesday 25 November 10:00, ordinary: respond by Thursday 24:00, the result by 2 December 24:00.
    assert_eq!(stored, (at("2026-11-27T00:00:00").timestamp(), at("2026-12-03T00:00:00").timestamp()));

    // The deadlines are derived: lost (or worked out under an older calendar), they are worked out again on start.
    server::db::on_backend!(&instance.pool, |pool| sqlx::query("DELETE FROM petition_dues")
        .execute(pool)
        .await
        .map(drop))
    .unwrap();
    let restarted = server::build(&config(&db)).await.unwrap();
    assert_eq!(standings_rows(&get(&restarted.router, "/rankings").await.body), rows);
}

/// The enforcement table's rows, each as its cells' text.
fn enforcement_rows(body: &str) -> Vec<Vec<String>> {
    let table =
        body.split(r#"<table class="standings enforcement">"#).nth(1).unwrap().split("</table>").next().unwrap();
    standings_rows(table).into_iter().map(|(_, cells)| cells).collect()
}

/// The standings table's rows: whether each is marked, and its cells' text (the mark's own words left out).
/// The words beside a marked department: in the bottom three (the staff's page), named in public (a published
/// month's).
const MARKS: [&str; 2] = ["后三名", "公开通报"];

pub(crate) fn standings_rows(body: &str) -> Vec<(bool, Vec<String>)> {
    body.split("<tbody>")
        .nth(1)
        .unwrap()
        .split("</tbody>")
        .next()
        .unwrap()
        .split("<tr")
        .skip(1)
        .map(|row| {
            let (tag, rest) = row.split_once('>').unwrap();
            let cells = rest
                .split(['<', '>'])
                .enumerate()
                .filter(|(at, text)| at % 2 == 0 && !text.trim().is_empty() && !MARKS.contains(text))
                .map(|(_, text)| text.trim().to_string())
                .collect();
            (tag.contains("marked") && MARKS.iter().any(|mark| rest.contains(mark)), cells)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_departments_page_names_its_least_satisfied_categories_worked_out_by_hand() {
    let db = TestDb::fresh().await;
    let instance = server::build(&config(&db)).await.unwrap();
    let store = instance.services.petitions.as_ref();
    let satisfied = (true, true, Rating::Satisfied);
    let basically = (true, true, Rating::BasicallySatisfied);
    let dissatisfied = (true, true, Rating::Dissatisfied);
    // The transport bureau's cases this year, by category, each rated once.
    let cases: [(&str, &str, &[(bool, bool, Rating)]); 4] = [
        // 2 of 4 satisfied: 50.0%.
        ("bus", "2026-06-10", &[satisfied, satisfied, dissatisfied, dissatisfied]),
        // 3 basically satisfied, counting 0.9 each: 90.0%.
        ("road-damage", "2026-09-14", &[basically, basically, basically]),
        // All dissatisfied, but 2 cases say nothing yet: not named.
        ("parking", "2026-11-02", &[dissatisfied, dissatisfied]),
        // 5 of 5 satisfied: 100.0%.
        ("street-lights", "2026-11-16", &[satisfied, satisfied, satisfied, satisfied, satisfied]),
    ];
    for (category, day, ratings) in cases {
        for (n, rating) in ratings.iter().enumerate() {
            let key = format!("{category}-{n}");
            answered_in(store, &key, category, "transport", day, &[*rating], PROMPTLY).await;
        }
    }
    // A case of another department is not the bureau's.
    answered_in(store, "other", "bus", "ecology", "2026-11-16", &[dissatisfied], PROMPTLY).await;

    let worst = |body: &str| -> Vec<Vec<String>> {
        let table =
            body.split(r#"aria-label="满意率最低的诉求类别""#).nth(1).unwrap().split("</table>").next().unwrap();
        table
            .split("<tr>")
            .skip(2)
            .map(|row| {
                row.split("</t")
                    .map(|cell| cell.rsplit('>').next().unwrap_or_default().trim().to_string())
                    .filter(|cell| !cell.is_empty())
                    .collect()
            })
            .collect()
    };
    let page = get(&instance.router, "/rankings/departments/transport").await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(
        worst(&page.body),
        [
            ["公交线路、站点", "4", "100.0%", "50.0%"],
            ["道路破损、井盖缺失", "3", "100.0%", "90.0%"],
            ["路灯不亮", "5", "100.0%", "100.0%"],
        ]
        .map(|row| row.map(String::from).to_vec())
    );
    assert!(page.body.contains("近12个月有效回访不少于3件的类别中，满意率最低的3个"));

    // A case a closed month left out (here, June's: an upheld appeal) is left out here too: 2 of 3, 66.7%.
    server::db::on_backend!(&instance.pool, |pool| {
        sqlx::query(
            "INSERT INTO ranking_exclusions (month, petition_id, reason) SELECT '2026-06', id, '市级直管' \
             FROM petitions WHERE category = 'bus' AND department = 'transport' ORDER BY id DESC LIMIT 1",
        )
        .execute(pool)
        .await
        .map(drop)
    })
    .unwrap();
    let page = get(&instance.router, "/rankings/departments/transport").await;
    assert_eq!(worst(&page.body)[0], ["公交线路、站点", "3", "100.0%", "66.7%"]);
}
