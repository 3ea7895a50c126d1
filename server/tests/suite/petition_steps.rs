//! Generated input (proptest) to the forms that work a petition once it is filed — the dispatch centre's, the
//! department's and the resident's — through the router. A generated walk along the rules is taken at every step;
//! after any walk, any generated form is either taken, and the petition changed, or refused with a 4xx in Chinese
//! and the petition exactly as it was; never a 5xx, and nothing sent is rendered as markup.

use crate::petition_forms::{anything, inert, stated_problem, typed};
use crate::support::{config, encode, send, staff_cookie, Page, TestDb};
use app::petitions::lifecycle::Stage;
use app::petitions::model::{Channel, NewPetition, Petition};
use app::petitions::tiers::Tier;
use app::services::Services;
use app::staff::model::Grant;
use axum::http::{header, Request, StatusCode};
use proptest::prelude::*;
use proptest::sample::select;

const DEPARTMENTS: [&str; 3] = ["housing", "ecology", "urban-management"];
/// A handler of every department above; a staff number nobody has; the dispatcher, who handles nothing.
const ASSIGNEES: [&str; 4] = ["", "H0001", "H0009", "P0001"];
const RATINGS: [&str; 5] = ["very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied"];
const DECLINE_REASONS: [&str; 4] =
    ["in_legal_proceedings", "private_civil_matter", "already_answered", "cannot_be_acted_on"];
const SCRIPT: &str = "<script>alert(1)</script>";

/// What a broken client or an attacker could put in any field.
fn junk() -> impl Strategy<Value = String> {
    prop_oneof![anything(), Just(SCRIPT.to_string()), "-?[0-9]{1,20}", Just(String::new())]
}

/// Mostly one of `valid`, sometimes junk.
fn pick(valid: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![5 => select(valid).prop_map(String::from), 1 => junk()]
}

fn yes_no() -> impl Strategy<Value = String> {
    pick(&["yes", "no"])
}

fn note() -> impl Strategy<Value = String> {
    prop_oneof![3 => typed(2..=60), 1 => junk()]
}

/// The form's place in the page it is sent from: `{…}` stand for the petition's own values when it is sent.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Target {
    Route,
    Handle,
    Decide,
    Publish,
    PhoneCallback,
    Merge,
    Answer,
    Callback,
    Rating,
    Withdraw,
    Lookup,
}

use Target::*;

impl Target {
    fn path(self) -> &'static str {
        match self {
            Route => "/staff/dispatch/route",
            Handle => "/staff/petitions/{department}/{number}",
            Decide => "/staff/dispatch/decide",
            Publish => "/staff/dispatch/publish",
            PhoneCallback => "/staff/dispatch/callback",
            Merge => "/staff/dispatch/merge",
            Answer => "/petitions/{token}",
            Callback => "/petitions/{token}/callback",
            Rating => "/petitions/{token}/rating",
            Withdraw => "/petitions/{token}/withdraw",
            Lookup => "/petitions/lookup",
        }
    }
}

type Sent = (Target, Vec<(&'static str, String)>);

fn version() -> impl Strategy<Value = String> {
    prop_oneof![6 => Just("{version}".to_string()), 1 => junk()]
}

/// Any form of the lifecycle, its fields mostly sensible and sometimes not.
fn any_form() -> impl Strategy<Value = Sent> {
    let handle = (
        pick(&[
            "sign_for",
            "contact",
            "ask_information",
            "close",
            "ask_transfer",
            "ask_extension",
            "ask_decline",
            "assign",
            "review_called",
            "review_fixed",
        ]),
        version(),
        note(),
        pick(&DEPARTMENTS),
        pick(&["1", "3", "7", "8", "0"]),
        pick(&DECLINE_REASONS),
        pick(&ASSIGNEES),
    )
        .prop_map(|(action, version, note, to, amount, reason, assignee)| {
            let fields = [("action", action), ("version", version), ("note", note), ("to", to), ("amount", amount)];
            (Handle, fields.into_iter().chain([("reason", reason), ("assignee", assignee)]).collect())
        });
    prop_oneof![
        1 => (pick(&["{number}"]), version(), pick(&DEPARTMENTS), pick(&ASSIGNEES)).prop_map(|(n, v, department, a)| {
            (Route, vec![("number", n), ("version", v), ("department", department), ("assignee", a)])
        }),
        3 => handle,
        1 => (pick(&["{number}"]), version(), pick(&["1", "0"]))
            .prop_map(|(n, v, approve)| (Decide, vec![("number", n), ("version", v), ("approve", approve)])),
        1 => (pick(&["{number}"]), prop_oneof![typed(4..=30), junk()], prop_oneof![typed(10..=80), junk()], pick(&["1", "0"]))
            .prop_map(|(n, title, body, approve)| {
                (Publish, vec![("number", n), ("title", title), ("body", body), ("approve", approve)])
            }),
        1 => (pick(&["{number}"]), version(), yes_no(), yes_no(), pick(&RATINGS)).prop_map(|(n, v, c, s, r)| {
            (PhoneCallback, vec![("number", n), ("version", v), ("contacted", c), ("solved", s), ("rating", r)])
        }),
        1 => (pick(&["{number}"]), version(), prop_oneof![3 => Just("{other}".to_string()), 1 => pick(&["{number}"])])
            .prop_map(|(n, v, into)| (Merge, vec![("number", n), ("version", v), ("into", into)])),
        1 => (version(), note()).prop_map(|(v, note)| (Answer, vec![("version", v), ("note", note)])),
        1 => (version(), yes_no(), yes_no(), pick(&RATINGS))
            .prop_map(|(v, c, s, r)| (Callback, vec![("version", v), ("contacted", c), ("solved", s), ("rating", r)])),
        1 => pick(&RATINGS).prop_map(|r| (Rating, vec![("rating", r)])),
        1 => version().prop_map(|v| (Withdraw, vec![("version", v)])),
        1 => (pick(&["{number}"]), pick(&["{code}"]))
            .prop_map(|(n, code)| (Lookup, vec![("number", n), ("code", code), ("kiosk", String::new())])),
    ]
}

/// The choices of a walk along the rules: every one of them is allowed, so every step is taken.
#[derive(Clone, Debug)]
struct Walk {
    steps: usize,
    /// Merged into the other petition instead of being routed.
    merged: bool,
    assignee: &'static str,
    notes: [String; 4],
    /// 0: more time, 1: a transfer, 2: a decline.
    request: u8,
    amount: u32,
    decline_reason: &'static str,
    approve: bool,
    /// (contacted, solved, rating) of each callback, the second after a re-handling.
    callbacks: [(bool, bool, &'static str); 2],
    by_phone: bool,
    rerating: &'static str,
    publish: Option<(String, String)>,
}

fn walk(steps: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = Walk> {
    let callback = || (any::<bool>(), any::<bool>(), select(&RATINGS[..]));
    (
        (
            steps,
            proptest::bool::weighted(0.2),
            select(&["", "H0001"][..]),
            [typed(2..=60), typed(2..=60), typed(2..=60), typed(2..=60)],
        ),
        (0..3u8, 1..=7u32, select(&DECLINE_REASONS[..]), any::<bool>()),
        ([callback(), callback()], any::<bool>(), select(&RATINGS[..])),
        proptest::option::of((typed(4..=30), typed(10..=80))),
    )
        .prop_map(
            |(
                (steps, merged, assignee, notes),
                (request, amount, decline_reason, approve),
                (callbacks, by_phone, rerating),
                publish,
            )| Walk {
                steps,
                merged,
                assignee,
                notes,
                request,
                amount,
                decline_reason,
                approve,
                callbacks,
                by_phone,
                rerating,
                publish,
            },
        )
}

/// The server with a dispatcher and a handler signed in, and a runtime to drive them from proptest's cases.
struct Centre {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    services: Services,
    dispatcher: String,
    handler: String,
    _db: TestDb,
}

/// The petition a case works, one it may be merged into, and what the walk has done so far.
struct Subject {
    token: String,
    other: String,
    asked: bool,
    requested: bool,
    rerated: bool,
}

impl Centre {
    fn new() -> Self {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (router, services, dispatcher, handler, db) = runtime.block_on(async {
            let db = TestDb::fresh().await;
            let instance = server::build(&config(&db)).await.unwrap();
            let services = instance.services.clone();
            let dispatcher = staff_cookie(&services, "P0001", vec![Grant::Dispatcher]).await;
            let grants = DEPARTMENTS.iter().map(|d| Grant::Handler { department: d.to_string() }).collect();
            let handler = staff_cookie(&services, "H0001", grants).await;
            (instance.router, services, dispatcher, handler, db)
        });
        Self { runtime, router, services, dispatcher, handler, _db: db }
    }

    fn file(&self, key: &str) -> Subject {
        let filing = |key: String| async move {
            let now = self.services.site.clock.now();
            let petition = NewPetition {
                channel: Channel::Web,
                category: "heating".into(),
                tier: Tier::Ordinary,
                street: "望海楼".into(),
                community: "建国道社区".into(),
                place_detail: "3号楼2门501".into(),
                title: "暖气不热".into(),
                // Markup a resident may type: the desk shows this text in its publication form's textarea.
                body: format!("入冬以来室温只有14度。</textarea>{SCRIPT}"),
                applicant_name: "张三".into(),
                phone: "13812345678".into(),
                public_wanted: true,
                anonymous: false,
                joins: None,
            };
            self.services.petitions.file(&petition, &key, &|_| Vec::new(), now).await.unwrap()
        };
        let (filed, other) =
            self.runtime.block_on(async { (filing(format!("{key}-a")).await, filing(format!("{key}-b")).await) });
        Subject { token: filed.token, other: other.number, asked: false, requested: false, rerated: false }
    }

    fn petition(&self, subject: &Subject) -> Petition {
        let now = self.services.site.clock.now();
        self.runtime.block_on(self.services.petitions.by_token(&subject.token, now)).unwrap().unwrap()
    }

    /// Everything a form could change about the petition, or leave behind in the audit trail.
    fn state(&self, subject: &Subject) -> String {
        let petition = self.petition(subject);
        let store = &self.services.petitions;
        let now = self.services.site.clock.now();
        self.runtime.block_on(async {
            let history = store.history(petition.id).await.unwrap().len();
            let callbacks = store.callbacks(petition.id).await.unwrap();
            let awaiting = store.awaiting_publication(now).await.unwrap().iter().any(|p| p.id == petition.id);
            let audited = self.services.staff.audit_trail(100_000).await.unwrap().len();
            format!("{:?}", (petition.version, petition.assignee, petition.case, history, callbacks, awaiting, audited))
        })
    }

    fn send(&self, subject: &Subject, (target, fields): &Sent) -> Page {
        let petition = self.petition(subject);
        let department = petition.case.department.clone().unwrap_or_else(|| "housing".into());
        let fill = |text: &str| {
            text.replace("{version}", &petition.version.to_string())
                .replace("{number}", &petition.number)
                .replace("{other}", &subject.other)
                .replace("{code}", &petition.access_code)
                .replace("{token}", &petition.token)
                .replace("{department}", &department)
        };
        let body: Vec<String> = fields.iter().map(|(name, value)| format!("{name}={}", encode(&fill(value)))).collect();
        let cookie = match target {
            Route | Decide | Publish | PhoneCallback | Merge => self.dispatcher.as_str(),
            Handle => self.handler.as_str(),
            Answer | Callback | Rating | Withdraw | Lookup => "",
        };
        let request = Request::post(fill(target.path()))
            .header(header::ACCEPT, "text/html")
            .header(header::COOKIE, cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(axum::body::Body::from(body.join("&")))
            .unwrap();
        self.runtime.block_on(send(&self.router, request))
    }

    /// The next step along the rules from where the petition stands, if the walk has one.
    fn next_step(&self, subject: &mut Subject, walk: &Walk) -> Option<Sent> {
        let petition = self.petition(subject);
        let string = |value: &str| value.to_string();
        let act = |action: &str, note: &str| {
            (Handle, vec![("action", string(action)), ("version", string("{version}")), ("note", string(note))])
        };
        if petition.case.pending.is_some() {
            let approve = string(if walk.approve { "1" } else { "0" });
            return Some((
                Decide,
                vec![("number", string("{number}")), ("version", string("{version}")), ("approve", approve)],
            ));
        }
        let callbacks = self.runtime.block_on(self.services.petitions.callbacks(petition.id)).unwrap();
        Some(match petition.case.stage {
            Stage::Filed if walk.merged => (
                Merge,
                vec![("number", string("{number}")), ("version", string("{version}")), ("into", string("{other}"))],
            ),
            Stage::Filed => (
                Route,
                vec![
                    ("number", string("{number}")),
                    ("version", string("{version}")),
                    ("department", string("housing")),
                    ("assignee", string(walk.assignee)),
                ],
            ),
            Stage::Routed => act("sign_for", ""),
            Stage::SignedFor if !subject.asked => {
                subject.asked = true;
                act("ask_information", &walk.notes[0])
            }
            Stage::SignedFor => act("contact", &walk.notes[1]),
            Stage::AwaitingInformation => {
                (Answer, vec![("version", string("{version}")), ("note", walk.notes[2].clone())])
            }
            Stage::Responded if !subject.requested => {
                subject.requested = true;
                let (mut form, kind, detail) = match walk.request {
                    0 => (act("ask_extension", &walk.notes[3]), "amount", walk.amount.to_string()),
                    1 => (act("ask_transfer", &walk.notes[3]), "to", string("ecology")),
                    _ => (act("ask_decline", ""), "reason", string(walk.decline_reason)),
                };
                form.1.push((kind, detail));
                form
            }
            Stage::Responded => act("close", &walk.notes[1]),
            Stage::Closed => {
                let (contacted, solved, rating) = walk.callbacks[callbacks.len().min(1)];
                let yes = |answer: bool| string(if answer { "yes" } else { "no" });
                let answers = vec![
                    ("version", string("{version}")),
                    ("contacted", yes(contacted)),
                    ("solved", yes(solved)),
                    ("rating", string(rating)),
                ];
                match walk.by_phone {
                    true => (PhoneCallback, [("number", string("{number}"))].into_iter().chain(answers).collect()),
                    false => (Callback, answers),
                }
            }
            _ => {
                let awaiting = {
                    let now = self.services.site.clock.now();
                    let list = self.runtime.block_on(self.services.petitions.awaiting_publication(now)).unwrap();
                    list.iter().any(|p| p.id == petition.id)
                };
                match (&walk.publish, callbacks.last()) {
                    (Some((title, body)), _) if awaiting => (
                        Publish,
                        vec![
                            ("number", string("{number}")),
                            ("title", title.clone()),
                            ("body", body.clone()),
                            ("approve", string("1")),
                        ],
                    ),
                    (_, Some(latest)) if !subject.rerated => {
                        subject.rerated = true;
                        let rating = match latest.rating.code() == walk.rerating {
                            true => RATINGS.iter().find(|r| **r != walk.rerating).unwrap(),
                            false => walk.rerating,
                        };
                        (Rating, vec![("rating", string(rating))])
                    }
                    _ => return None,
                }
            }
        })
    }

    /// Walks `subject` along the rules for `walk.steps` steps or until it ends; each step must be taken.
    fn walk(&self, subject: &mut Subject, walk: &Walk) -> Result<(), TestCaseError> {
        for _ in 0..walk.steps {
            let Some(step) = self.next_step(subject, walk) else { break };
            let before = self.state(subject);
            let page = self.send(subject, &step);
            prop_assert_eq!(page.status, StatusCode::SEE_OTHER, "{:?} not taken: {:?}", step, stated_problem(&page));
            prop_assert_ne!(before, self.state(subject), "{:?} taken but nothing changed", step);
        }
        Ok(())
    }

    /// Staff and resident see every accepted text as text.
    fn shows_what_was_sent_as_text(&self, subject: &Subject) -> Result<(), TestCaseError> {
        let petition = self.petition(subject);
        let department = petition.case.department.unwrap_or_else(|| "housing".into());
        for (uri, cookie) in [
            (format!("/petitions/{}", petition.token), ""),
            (format!("/staff/petitions/{department}/{}", petition.number), self.handler.as_str()),
            ("/staff/dispatch".to_string(), self.dispatcher.as_str()),
        ] {
            let request = Request::get(&uri).header(header::COOKIE, cookie).body(axum::body::Body::empty()).unwrap();
            let page = self.runtime.block_on(send(&self.router, request));
            prop_assert!(page.status.as_u16() < 500, "{} {}", uri, page.status);
            prop_assert!(inert(&page.body, SCRIPT), "{} renders what was sent as markup", uri);
        }
        Ok(())
    }
}

#[test]
fn generated_walks_along_the_rules_are_taken_at_every_step() {
    let centre = Centre::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(24));
    let case = std::cell::Cell::new(0);
    runner
        .run(&walk(30..=30), |walk| {
            case.set(case.get() + 1);
            let mut subject = centre.file(&format!("walk-{}", case.get()));
            centre.walk(&mut subject, &walk)?;
            let ended = centre.petition(&subject).case.stage;
            prop_assert!(!ended.is_open(), "the walk ends the petition, at {:?}", ended);
            centre.shows_what_was_sent_as_text(&subject)
        })
        .unwrap();
}

/// What a case sends after its walk: any form, or the walk's next step with some of its fields replaced by junk.
#[derive(Clone, Debug)]
enum Sending {
    Any(Sent),
    Next(Vec<Option<String>>),
}

fn sending() -> impl Strategy<Value = Sending> {
    prop_oneof![
        any_form().prop_map(Sending::Any),
        proptest::collection::vec(proptest::option::weighted(0.15, junk()), 6).prop_map(Sending::Next),
    ]
}

#[test]
fn after_any_walk_a_generated_form_is_taken_and_changes_the_petition_or_is_refused_in_chinese_and_changes_nothing() {
    let centre = Centre::new();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(256));
    let case = std::cell::Cell::new(0);
    let tally = std::cell::RefCell::new((std::collections::BTreeMap::new(), std::collections::BTreeMap::new()));
    // Weighted to the ends: a new petition, and one closed and waiting for its callback or rating.
    let walks = prop_oneof![1 => walk(0..=0), 2 => walk(1..=12), 1 => walk(8..=11)];
    runner
        .run(&(walks, proptest::collection::vec(sending(), 1..=4)), |(walk, sendings)| {
            case.set(case.get() + 1);
            let mut subject = centre.file(&format!("any-{}", case.get()));
            centre.walk(&mut subject, &walk)?;
            for sending in sendings {
                let form = match sending {
                    Sending::Any(form) => form,
                    Sending::Next(junk) => {
                        let Some((target, mut fields)) = centre.next_step(&mut subject, &walk) else { continue };
                        for ((_, value), junk) in fields.iter_mut().zip(junk) {
                            *value = junk.unwrap_or(std::mem::take(value));
                        }
                        (target, fields)
                    }
                };
                let before = centre.state(&subject);
                let page = centre.send(&subject, &form);
                let after = centre.state(&subject);
                let mut tally = tally.borrow_mut();
                match page.status {
                    StatusCode::SEE_OTHER if form.0 == Lookup => {
                        prop_assert_eq!(&before, &after, "a lookup changes nothing")
                    }
                    StatusCode::SEE_OTHER => {
                        prop_assert_ne!(&before, &after, "{:?} taken but nothing changed", form);
                        *tally.0.entry(format!("{:?}", form.0)).or_insert(0) += 1;
                    }
                    status if status.is_client_error() => {
                        let problem = stated_problem(&page);
                        prop_assert!(problem.is_some(), "{:?} refused ({}) with no problem stated", form, page.status);
                        prop_assert_eq!(page.body.matches("<main").count(), 1, "one frame: {:?}", problem);
                        prop_assert_eq!(&before, &after, "{:?} refused ({:?}) but stored", form, problem);
                        *tally.1.entry(format!("{:?}", form.0)).or_insert(0) += 1;
                    }
                    status => prop_assert!(false, "{:?} answered {}: {:?}", form, status, stated_problem(&page)),
                }
            }
            centre.shows_what_was_sent_as_text(&subject)
        })
        .unwrap();
    let (taken, refused) = tally.into_inner();
    // Generated forms reach both answers of each form that changes a petition, or the property says little.
    let forms =
        ["Route", "Handle", "Decide", "Publish", "PhoneCallback", "Merge", "Answer", "Callback", "Rating", "Withdraw"];
    for form in forms {
        assert!(taken.contains_key(form) && refused.contains_key(form), "{form}: taken {taken:?}, refused {refused:?}");
    }
}
