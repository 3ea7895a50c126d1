//! A petition's life as plain rules: who may do what at which stage, and what it changes. `judge` answers an
//! action with the petition as it is afterwards, or a typed refusal with its message; the clocks it starts, stops
//! and extends are its `Effect`s, which the store records beside the milestone. Departments cannot dodge their
//! figures: a transfer, an extension and a decline are requests the dispatch centre decides, and only the
//! resident's callback says whether anything was solved.

use super::tiers::Tier;
use crate::deadline::Period;
use serde::{Deserialize, Serialize};

/// Where a petition stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Filed; the dispatch centre routes it.
    Filed,
    /// Routed to a department, not yet signed for.
    Routed,
    /// Signed for (签收) by the department.
    SignedFor,
    /// The resident has been contacted (响应).
    Responded,
    /// Waiting for the resident's information: the result clock stands still.
    AwaitingInformation,
    /// Replied and closed (办结); waiting for the resident's callback.
    Closed,
    /// The callback is in: done for good.
    Finished,
    Withdrawn,
    /// Declined with a coded reason, approved by the dispatch centre.
    Declined,
    /// Merged into another petition about the same thing.
    Merged,
}

impl Stage {
    pub const ALL: [Stage; 10] = [
        Stage::Filed,
        Stage::Routed,
        Stage::SignedFor,
        Stage::Responded,
        Stage::AwaitingInformation,
        Stage::Closed,
        Stage::Finished,
        Stage::Withdrawn,
        Stage::Declined,
        Stage::Merged,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Stage::Filed => "filed",
            Stage::Routed => "routed",
            Stage::SignedFor => "signed_for",
            Stage::Responded => "responded",
            Stage::AwaitingInformation => "awaiting_information",
            Stage::Closed => "closed",
            Stage::Finished => "finished",
            Stage::Withdrawn => "withdrawn",
            Stage::Declined => "declined",
            Stage::Merged => "merged",
        }
    }

    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|stage| stage.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Filed => "已提交，待派单",
            Stage::Routed => "已派单，待签收",
            Stage::SignedFor => "已签收",
            Stage::Responded => "已联系，办理中",
            Stage::AwaitingInformation => "待补充材料",
            Stage::Closed => "已办结，待回访",
            Stage::Finished => "已完结",
            Stage::Withdrawn => "已撤回",
            Stage::Declined => "不予受理",
            Stage::Merged => "已合并",
        }
    }

    /// Still being worked: its clocks run (or stand still for the resident).
    pub fn is_open(self) -> bool {
        !matches!(self, Stage::Closed | Stage::Finished | Stage::Withdrawn | Stage::Declined | Stage::Merged)
    }
}

/// What a department asks the dispatch centre to decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Request {
    /// To another department, with the reason.
    Transfer { to: String, reason: String },
    /// More time on the result clock, with the reason.
    Extension { by: Period, reason: String },
    /// Not to handle it, with a coded reason the resident is shown.
    Decline { reason: DeclineReason },
}

impl Request {
    /// What the department asks, for the dispatch centre; `name_of` names a department by its id.
    pub fn words(&self, name_of: impl Fn(&str) -> String) -> String {
        match self {
            Request::Transfer { to, reason } => format!("申请转办至{}：{reason}", name_of(to)),
            Request::Extension { by, reason } => format!("申请延期{}：{reason}", by.words()),
            Request::Decline { reason } => format!("申请不予受理：{}", reason.label()),
        }
    }

    /// What the resident is told once the dispatch centre approves it.
    pub fn approved_words(&self, name_of: impl Fn(&str) -> String) -> String {
        match self {
            Request::Transfer { to, .. } => format!("已转交{}办理", name_of(to)),
            Request::Extension { by, .. } => format!("办结时限经批准延长{}", by.words()),
            Request::Decline { reason } => format!("不予受理：{}", reason.label()),
        }
    }
}

/// The coded reasons a petition may be declined for, each as the resident reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// Being dealt with through litigation, arbitration or administrative review.
    InLegalProceedings,
    /// Not the government's to decide (a private civil matter).
    PrivateCivilMatter,
    /// Answered already, with nothing new.
    AlreadyAnswered,
    /// Too little to act on, and the resident did not add to it.
    CannotBeActedOn,
}

impl DeclineReason {
    pub const ALL: [DeclineReason; 4] = [
        DeclineReason::InLegalProceedings,
        DeclineReason::PrivateCivilMatter,
        DeclineReason::AlreadyAnswered,
        DeclineReason::CannotBeActedOn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            DeclineReason::InLegalProceedings => "in_legal_proceedings",
            DeclineReason::PrivateCivilMatter => "private_civil_matter",
            DeclineReason::AlreadyAnswered => "already_answered",
            DeclineReason::CannotBeActedOn => "cannot_be_acted_on",
        }
    }

    pub fn from_code(code: &str) -> Option<DeclineReason> {
        DeclineReason::ALL.into_iter().find(|reason| reason.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            DeclineReason::InLegalProceedings => "已进入诉讼、仲裁或行政复议程序",
            DeclineReason::PrivateCivilMatter => "属于民事纠纷，不属于行政机关处理范围",
            DeclineReason::AlreadyAnswered => "已经答复，且没有新的事实和理由",
            DeclineReason::CannotBeActedOn => "诉求内容不明确，补充后仍无法办理",
        }
    }
}

/// A petition as the rules need to see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Case {
    pub tier: Tier,
    pub stage: Stage,
    /// The department handling it, once routed.
    pub department: Option<String>,
    /// A request waiting for the dispatch centre.
    pub pending: Option<Request>,
    /// Where it was before waiting for information, to go back to.
    pub before_waiting: Option<Stage>,
    /// The extensions approved so far, as a total of the result clock's unit.
    pub extended_by: u32,
    /// Sent back once already (重办 happens once).
    pub rehandled: bool,
}

impl Case {
    pub fn filed(tier: Tier) -> Self {
        Self {
            tier,
            stage: Stage::Filed,
            department: None,
            pending: None,
            before_waiting: None,
            extended_by: 0,
            rehandled: false,
        }
    }
}

/// Who acts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Actor {
    /// The person who filed it (holding its link, or its number and access code).
    Resident,
    /// A handler of `department`.
    Handler { department: String },
    /// The district's dispatch centre.
    Dispatcher,
}

impl Actor {
    /// As the petition's history records it.
    pub fn code(&self) -> String {
        match self {
            Actor::Resident => "resident".into(),
            Actor::Handler { department } => format!("department:{department}"),
            Actor::Dispatcher => "dispatcher".into(),
        }
    }
}

/// What the resident says at the callback (回访).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Callback {
    pub contacted: bool,
    pub solved: bool,
    pub rating: super::callback::Rating,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    Route {
        department: String,
    },
    SignFor,
    RecordContact,
    AskForInformation,
    AnswerInformation,
    Ask(Request),
    /// The dispatch centre's answer to the pending request.
    Decide {
        approve: bool,
    },
    Close,
    Callback(Callback),
    Withdraw,
    MergeInto,
}

impl Action {
    /// As the petition's history records it.
    pub fn code(&self) -> &'static str {
        match self {
            Action::Route { .. } => "route",
            Action::SignFor => "sign_for",
            Action::RecordContact => "contact",
            Action::AskForInformation => "ask_information",
            Action::AnswerInformation => "answer_information",
            Action::Ask(Request::Transfer { .. }) => "ask_transfer",
            Action::Ask(Request::Extension { .. }) => "ask_extension",
            Action::Ask(Request::Decline { .. }) => "ask_decline",
            Action::Decide { approve: true } => "approve",
            Action::Decide { approve: false } => "refuse",
            Action::Close => "close",
            Action::Callback(Callback { solved: true, .. }) => "callback_solved",
            Action::Callback(Callback { solved: false, .. }) => "callback_not_solved",
            Action::Withdraw => "withdraw",
            Action::MergeInto => "merge",
        }
    }
}

/// What an action does to the petition's clocks, for the store to record with its milestone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// The response clock is met (签收 and contact: the first response).
    ResponseMet,
    /// The result clock stands still from now (a pause begins).
    PauseBegins,
    /// The pause ends now.
    PauseEnds,
    /// The result clock runs longer by this much (an approved extension, its own audited field).
    ResultExtended(Period),
    /// The result clock is met.
    ResultMet,
    /// A new result clock starts now (重办).
    ResultRestarts,
}

/// Why an action was refused, each with the message for whoever tried.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("只有派单员可以做这项操作。")]
    DispatchersOnly,
    #[error("这件诉求不由您所在的部门办理。")]
    NotYourDepartment,
    #[error("只有提交诉求的人可以做这项操作。")]
    ResidentOnly,
    #[error("诉求现在是“{}”，不能做这项操作。", .0.label())]
    WrongStage(Stage),
    #[error("已有一项申请等待派单员审核，审核后再提出。")]
    RequestPending,
    #[error("没有等待审核的申请。")]
    NothingPending,
    #[error("延期超过了这一类诉求允许的上限。")]
    ExtensionTooLong,
    #[error("这一类诉求不能延期。")]
    NoExtensionForTier,
    #[error("不能转给本部门。")]
    TransferToSelf,
    #[error("已经重办过一次，不能再次退回重办。")]
    AlreadyRehandled,
    #[error("回访由诉求人或派单员记录，办理部门不能自己记录。")]
    NotTheDepartments,
}

/// The petition after `actor` does `action` to `case`, with what it does to the clocks; or why not.
pub fn judge(case: &Case, actor: &Actor, action: &Action) -> Result<(Case, Vec<Effect>), Refusal> {
    use Stage::*;
    let mut next = case.clone();
    let mut effects = Vec::new();
    let stage = case.stage;
    let wrong = || Refusal::WrongStage(stage);
    match action {
        Action::Route { department } => {
            dispatcher(actor)?;
            if stage != Filed {
                return Err(wrong());
            }
            next.department = Some(department.clone());
            next.stage = Routed;
        }
        Action::MergeInto => {
            dispatcher(actor)?;
            if !stage.is_open() {
                return Err(wrong());
            }
            next.stage = Merged;
            next.pending = None;
        }
        Action::SignFor => {
            handler_of(case, actor)?;
            if stage != Routed {
                return Err(wrong());
            }
            next.stage = SignedFor;
        }
        Action::RecordContact => {
            handler_of(case, actor)?;
            if stage != SignedFor {
                return Err(wrong());
            }
            next.stage = Responded;
            effects.push(Effect::ResponseMet);
        }
        Action::AskForInformation => {
            handler_of(case, actor)?;
            if !matches!(stage, SignedFor | Responded) {
                return Err(wrong());
            }
            next.before_waiting = Some(stage);
            next.stage = AwaitingInformation;
            effects.push(Effect::PauseBegins);
        }
        Action::AnswerInformation => {
            resident(actor)?;
            if stage != AwaitingInformation {
                return Err(wrong());
            }
            next.stage = case.before_waiting.unwrap_or(SignedFor);
            next.before_waiting = None;
            effects.push(Effect::PauseEnds);
        }
        Action::Ask(request) => {
            handler_of(case, actor)?;
            if !matches!(stage, Routed | SignedFor | Responded) {
                return Err(wrong());
            }
            if case.pending.is_some() {
                return Err(Refusal::RequestPending);
            }
            match request {
                Request::Transfer { to, .. } if Some(to) == case.department.as_ref() => {
                    return Err(Refusal::TransferToSelf)
                }
                Request::Extension { by, .. } => extension_allowed(case, *by)?,
                _ => {}
            }
            next.pending = Some(request.clone());
        }
        Action::Decide { approve } => {
            dispatcher(actor)?;
            let Some(request) = case.pending.clone() else { return Err(Refusal::NothingPending) };
            next.pending = None;
            if *approve {
                match request {
                    // The new department signs for it afresh.
                    Request::Transfer { to, .. } => {
                        next.department = Some(to);
                        next.stage = Routed;
                    }
                    Request::Extension { by, .. } => {
                        next.extended_by += by.amount;
                        effects.push(Effect::ResultExtended(by));
                    }
                    Request::Decline { .. } => next.stage = Declined,
                }
            }
        }
        Action::Close => {
            handler_of(case, actor)?;
            if stage != Responded {
                return Err(wrong());
            }
            if case.pending.is_some() {
                return Err(Refusal::RequestPending);
            }
            next.stage = Closed;
            effects.push(Effect::ResultMet);
        }
        Action::Callback(callback) => {
            // The resident answers on the status page, or tells the dispatch centre, which calls back (回访) the
            // residents who phoned in; never the department, whose figures it is.
            if !matches!(actor, Actor::Resident | Actor::Dispatcher) {
                return Err(Refusal::NotTheDepartments);
            }
            if stage != Closed {
                return Err(wrong());
            }
            if callback.solved {
                next.stage = Finished;
            } else if case.rehandled {
                // Not solved after the second try: the figures say so, and it ends here.
                next.stage = Finished;
            } else {
                next.rehandled = true;
                next.stage = SignedFor;
                effects.push(Effect::ResultRestarts);
            }
        }
        Action::Withdraw => {
            resident(actor)?;
            if !stage.is_open() {
                return Err(wrong());
            }
            next.stage = Withdrawn;
            next.pending = None;
        }
    }
    Ok((next, effects))
}

fn dispatcher(actor: &Actor) -> Result<(), Refusal> {
    matches!(actor, Actor::Dispatcher).then_some(()).ok_or(Refusal::DispatchersOnly)
}

fn resident(actor: &Actor) -> Result<(), Refusal> {
    matches!(actor, Actor::Resident).then_some(()).ok_or(Refusal::ResidentOnly)
}

fn handler_of(case: &Case, actor: &Actor) -> Result<(), Refusal> {
    match actor {
        Actor::Handler { department } if case.department.as_ref() == Some(department) => Ok(()),
        _ => Err(Refusal::NotYourDepartment),
    }
}

/// Whether the tier allows `by` more on top of what was granted: in the result clock's unit, up to its longest.
fn extension_allowed(case: &Case, by: Period) -> Result<(), Refusal> {
    let Some(longest) = case.tier.clocks().longest_extension else { return Err(Refusal::NoExtensionForTier) };
    if by.unit != longest.unit || by.amount == 0 || case.extended_by + by.amount > longest.amount {
        return Err(Refusal::ExtensionTooLong);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
