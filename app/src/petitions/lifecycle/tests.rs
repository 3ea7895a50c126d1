use super::*;
use crate::deadline::Unit;
use crate::petitions::callback::Rating;

fn dept(id: &str) -> Actor {
    Actor::Handler { department: id.into() }
}

/// Applies each step in turn, failing the test on a refusal; the petition at the end and every effect.
fn run(mut case: Case, steps: &[(Actor, Action)]) -> (Case, Vec<Effect>) {
    let mut effects = Vec::new();
    for (actor, action) in steps {
        let (next, done) = judge(&case, actor, action).unwrap_or_else(|refusal| panic!("{action:?}: {refusal}"));
        case = next;
        effects.extend(done);
    }
    (case, effects)
}

fn routed_to_civil_affairs(tier: Tier) -> Case {
    run(Case::filed(tier), &[(Actor::Dispatcher, Action::Route { department: "civil-affairs".into() })]).0
}

fn responded(tier: Tier) -> Case {
    let steps = [(dept("civil-affairs"), Action::SignFor), (dept("civil-affairs"), Action::RecordContact)];
    run(routed_to_civil_affairs(tier), &steps).0
}

fn days(amount: u32) -> Period {
    Period::new(amount, Unit::CalendarDays)
}

#[test]
fn a_petition_goes_from_filing_to_a_solved_callback() {
    let steps = [
        (Actor::Dispatcher, Action::Route { department: "civil-affairs".into() }),
        (dept("civil-affairs"), Action::SignFor),
        (dept("civil-affairs"), Action::RecordContact),
        (dept("civil-affairs"), Action::Close),
        (Actor::Resident, Action::Callback(Callback { contacted: true, solved: true, rating: Rating::Satisfied })),
    ];
    let (case, effects) = run(Case::filed(Tier::Ordinary), &steps);
    assert_eq!(case.stage, Stage::Finished);
    assert_eq!(effects, vec![Effect::ResponseMet, Effect::ResultMet]);
}

#[test]
fn only_the_department_it_was_routed_to_works_it() {
    let case = routed_to_civil_affairs(Tier::Ordinary);
    assert_eq!(judge(&case, &dept("hrss"), &Action::SignFor), Err(Refusal::NotYourDepartment));
    assert_eq!(judge(&case, &Actor::Resident, &Action::SignFor), Err(Refusal::NotYourDepartment));
    assert_eq!(judge(&case, &Actor::Dispatcher, &Action::SignFor), Err(Refusal::NotYourDepartment));
    let filed = Case::filed(Tier::Ordinary);
    let routing = Action::Route { department: "hrss".into() };
    assert_eq!(judge(&filed, &dept("hrss"), &routing), Err(Refusal::DispatchersOnly));
    let refused = judge(&filed, &dept("civil-affairs"), &Action::SignFor).unwrap_err();
    assert_eq!(refused.to_string(), "这件诉求不由您所在的部门办理。", "not routed anywhere yet");
}

#[test]
fn each_step_comes_in_its_order() {
    let case = routed_to_civil_affairs(Tier::Ordinary);
    let early = judge(&case, &dept("civil-affairs"), &Action::Close).unwrap_err();
    assert_eq!(early, Refusal::WrongStage(Stage::Routed));
    assert_eq!(early.to_string(), "诉求现在是“已派单，待签收”，不能做这项操作。");
    let again = Action::Route { department: "hrss".into() };
    assert_eq!(judge(&case, &Actor::Dispatcher, &again), Err(Refusal::WrongStage(Stage::Routed)));
}

#[test]
fn asking_for_information_stops_the_result_clock_until_the_resident_answers() {
    let (waiting, effects) = run(responded(Tier::Ordinary), &[(dept("civil-affairs"), Action::AskForInformation)]);
    assert_eq!((waiting.stage, effects), (Stage::AwaitingInformation, vec![Effect::PauseBegins]));
    assert_eq!(judge(&waiting, &dept("civil-affairs"), &Action::AnswerInformation), Err(Refusal::ResidentOnly));
    assert_eq!(
        judge(&waiting, &dept("civil-affairs"), &Action::Close),
        Err(Refusal::WrongStage(Stage::AwaitingInformation))
    );
    let (answered, effects) = run(waiting, &[(Actor::Resident, Action::AnswerInformation)]);
    assert_eq!((answered.stage, effects), (Stage::Responded, vec![Effect::PauseEnds]), "back where it was");
}

#[test]
fn a_transfer_is_the_dispatchers_to_approve_and_the_new_department_signs_for_it() {
    let transfer = Request::Transfer { to: "hrss".into(), reason: "涉及工资拖欠".into() };
    let (asked, _) = run(responded(Tier::Ordinary), &[(dept("civil-affairs"), Action::Ask(transfer.clone()))]);
    assert_eq!(asked.pending, Some(transfer));
    let another = Action::Ask(Request::Extension { by: days(3), reason: "需要现场勘查".into() });
    assert_eq!(judge(&asked, &dept("civil-affairs"), &another), Err(Refusal::RequestPending));
    assert_eq!(judge(&asked, &dept("civil-affairs"), &Action::Close), Err(Refusal::RequestPending));
    assert_eq!(judge(&asked, &dept("civil-affairs"), &Action::Decide { approve: true }), Err(Refusal::DispatchersOnly));
    let (moved, _) = run(asked, &[(Actor::Dispatcher, Action::Decide { approve: true })]);
    assert_eq!(
        (moved.stage, moved.department.as_deref(), moved.pending.is_none()),
        (Stage::Routed, Some("hrss"), true)
    );
    assert_eq!(judge(&moved, &dept("civil-affairs"), &Action::SignFor), Err(Refusal::NotYourDepartment));
    assert!(judge(&moved, &dept("hrss"), &Action::SignFor).is_ok());
    let to_self = Action::Ask(Request::Transfer { to: "hrss".into(), reason: "x".into() });
    assert_eq!(judge(&moved, &dept("hrss"), &to_self), Err(Refusal::TransferToSelf));
}

#[test]
fn extensions_stay_within_the_tiers_limit_and_move_only_the_result_clock() {
    let ask = |by| Action::Ask(Request::Extension { by, reason: "需要协调多个部门".into() });
    let (extended, effects) = run(
        responded(Tier::Ordinary),
        &[(dept("civil-affairs"), ask(days(5))), (Actor::Dispatcher, Action::Decide { approve: true })],
    );
    assert_eq!((extended.extended_by, effects), (5, vec![Effect::ResultExtended(days(5))]));
    assert_eq!(judge(&extended, &dept("civil-affairs"), &ask(days(3))), Err(Refusal::ExtensionTooLong), "5 + 3 > 7");
    assert!(judge(&extended, &dept("civil-affairs"), &ask(days(2))).is_ok(), "5 + 2 = 7");
    assert_eq!(
        judge(&responded(Tier::Emergency), &dept("civil-affairs"), &ask(days(1))),
        Err(Refusal::NoExtensionForTier)
    );
    assert!(judge(&responded(Tier::Letters), &dept("civil-affairs"), &ask(days(30))).is_ok(), "信访: up to 30 days");
    assert_eq!(
        judge(&responded(Tier::Letters), &dept("civil-affairs"), &ask(days(31))),
        Err(Refusal::ExtensionTooLong)
    );
    let in_hours = Period::new(48, Unit::Hours);
    assert_eq!(
        judge(&responded(Tier::Ordinary), &dept("civil-affairs"), &ask(in_hours)),
        Err(Refusal::ExtensionTooLong)
    );
}

#[test]
fn a_decline_counts_only_once_the_dispatcher_approves_it() {
    let decline = Action::Ask(Request::Decline { reason: DeclineReason::PrivateCivilMatter });
    let (asked, _) = run(responded(Tier::Ordinary), &[(dept("civil-affairs"), decline)]);
    let (refused, _) = run(asked.clone(), &[(Actor::Dispatcher, Action::Decide { approve: false })]);
    assert_eq!((refused.stage, refused.pending), (Stage::Responded, None), "the department carries on");
    let (declined, _) = run(asked, &[(Actor::Dispatcher, Action::Decide { approve: true })]);
    assert_eq!(declined.stage, Stage::Declined);
    assert_eq!(judge(&declined, &Actor::Dispatcher, &Action::Decide { approve: true }), Err(Refusal::NothingPending));
}

#[test]
fn not_solved_sends_it_back_once() {
    let not_solved = Action::Callback(Callback { contacted: true, solved: false, rating: Rating::Dissatisfied });
    let (back, effects) = run(
        responded(Tier::Ordinary),
        &[(dept("civil-affairs"), Action::Close), (Actor::Resident, not_solved.clone())],
    );
    assert_eq!((back.stage, back.rehandled), (Stage::SignedFor, true));
    assert_eq!(effects, vec![Effect::ResultMet, Effect::ResultRestarts]);
    let steps = [
        (dept("civil-affairs"), Action::RecordContact),
        (dept("civil-affairs"), Action::Close),
        (Actor::Resident, not_solved),
    ];
    let (ended, effects) = run(back, &steps);
    assert_eq!(ended.stage, Stage::Finished, "a second 'not solved' is counted, not sent back again");
    assert!(!effects.contains(&Effect::ResultRestarts));
}

#[test]
fn the_callback_is_the_residents_or_the_dispatch_centres_never_the_departments() {
    let solved = Action::Callback(Callback { contacted: true, solved: true, rating: Rating::Satisfied });
    let (closed, _) = run(responded(Tier::Ordinary), &[(dept("civil-affairs"), Action::Close)]);
    assert_eq!(judge(&closed, &dept("civil-affairs"), &solved), Err(Refusal::NotTheDepartments));
    assert_eq!(run(closed.clone(), &[(Actor::Dispatcher, solved.clone())]).0.stage, Stage::Finished, "by phone");
    assert_eq!(run(closed, &[(Actor::Resident, solved)]).0.stage, Stage::Finished);
}

#[test]
fn the_resident_may_withdraw_while_it_is_open_and_only_the_resident() {
    let case = responded(Tier::Ordinary);
    assert_eq!(judge(&case, &dept("civil-affairs"), &Action::Withdraw), Err(Refusal::ResidentOnly));
    assert_eq!(run(case.clone(), &[(Actor::Resident, Action::Withdraw)]).0.stage, Stage::Withdrawn);
    let (closed, _) = run(case, &[(dept("civil-affairs"), Action::Close)]);
    assert_eq!(judge(&closed, &Actor::Resident, &Action::Withdraw), Err(Refusal::WrongStage(Stage::Closed)));
}
