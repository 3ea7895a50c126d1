//! Where staff identity is kept (implemented in `server/`): accounts and grants, enrolment links, sign-in
//! failures and events, staff sessions, partner keys, and the audit trail. Every change an admin makes is stored in one
//! transaction with its audit entry, so no action happens unrecorded. Server-only.

use super::keys::KeyScope;
use super::model::{Grant, StaffUser};
use super::sign_in::Failures;
use crate::storage::StoreError;
use chrono::{DateTime, FixedOffset};

/// An account as an admin sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub id: i64,
    pub staff_number: String,
    pub name: String,
    pub phone: String,
    pub disabled: bool,
    /// A password and an authenticator are set (the enrolment link was used).
    pub enrolled: bool,
    pub grants: Vec<Grant>,
}

impl Account {
    pub fn user(&self) -> StaffUser {
        StaffUser {
            account_id: self.id,
            staff_number: self.staff_number.clone(),
            name: self.name.clone(),
            grants: self.grants.clone(),
        }
    }
}

/// An account with what signing in checks.
#[derive(Clone, Debug)]
pub struct Credentials {
    pub account: Account,
    pub password_hash: Option<String>,
    pub totp_secret: Option<String>,
}

#[derive(Clone, Debug)]
pub struct NewAccount {
    pub staff_number: String,
    pub name: String,
    pub phone: String,
    pub grants: Vec<Grant>,
}

/// A new one-time link: the digest of its token, and when it stops working.
#[derive(Clone, Debug)]
pub struct NewEnrolment {
    pub token_digest: String,
    pub expires_at: DateTime<FixedOffset>,
}

/// An enrolment link as its page finds it.
#[derive(Clone, Debug)]
pub struct Enrolment {
    pub account: Account,
    pub expires_at: DateTime<FixedOffset>,
    pub used: bool,
    /// The secret its page shows (chosen on the first view).
    pub pending_secret: Option<String>,
}

/// One staff action, as the audit trail keeps it: who, in which role, when, what, on what (personal data masked).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub at: DateTime<FixedOffset>,
    pub account_id: i64,
    pub staff_number: String,
    pub role: String,
    pub action: String,
    pub subject: String,
}

/// The role of an action a person takes on their own account (enrolling, signing out everywhere).
pub const OWN: &str = "self";

impl AuditEntry {
    /// `user`'s action on their own account.
    pub fn own(user: &StaffUser, action: &str, at: DateTime<FixedOffset>) -> Self {
        Self {
            at,
            account_id: user.account_id,
            staff_number: user.staff_number.clone(),
            role: OWN.into(),
            action: action.into(),
            subject: user.staff_number.clone(),
        }
    }

    /// `user`'s action, taken in the role of `grant`.
    pub fn by(
        user: &StaffUser,
        grant: &Grant,
        action: &str,
        subject: impl Into<String>,
        at: DateTime<FixedOffset>,
    ) -> Self {
        Self {
            at,
            account_id: user.account_id,
            staff_number: user.staff_number.clone(),
            role: grant.role().into(),
            action: action.into(),
            subject: subject.into(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInOutcome {
    Success,
    Failure,
    /// Refused unchecked: the account or the address was locked.
    Locked,
}

impl SignInOutcome {
    pub const ALL: [SignInOutcome; 3] = [SignInOutcome::Success, SignInOutcome::Failure, SignInOutcome::Locked];

    pub fn code(self) -> &'static str {
        match self {
            SignInOutcome::Success => "success",
            SignInOutcome::Failure => "failure",
            SignInOutcome::Locked => "locked",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SignInOutcome::Success => "登录成功",
            SignInOutcome::Failure => "登录失败",
            SignInOutcome::Locked => "已暂停登录，未核对",
        }
    }
}

#[derive(Clone, Debug)]
pub struct SignInEvent {
    pub at: DateTime<FixedOffset>,
    pub account_id: Option<i64>,
    pub staff_number_masked: String,
    pub address_digest: String,
    pub outcome: SignInOutcome,
}

/// A live session's row: whose, and its two instants.
#[derive(Clone, Debug)]
pub struct SessionRow {
    pub user: StaffUser,
    pub created_at: DateTime<FixedOffset>,
    pub last_seen_at: DateTime<FixedOffset>,
}

/// A partner system's key as kept: never the key itself, only what tells it apart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartnerKey {
    pub id: i64,
    /// Whose it is, in the admin's words: 区行政执法监督平台.
    pub name: String,
    pub scope: KeyScope,
    pub hint: String,
    pub issued_by: String,
    pub issued_at: DateTime<FixedOffset>,
    pub last_used_at: Option<DateTime<FixedOffset>>,
    pub revoked_at: Option<DateTime<FixedOffset>>,
}

/// A key being issued: its digest stands in for it from now on.
#[derive(Clone, Debug)]
pub struct NewKey {
    pub name: String,
    pub scope: KeyScope,
    pub digest: String,
    pub hint: String,
}

/// The staff number is taken already.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberTaken;

#[async_trait::async_trait]
pub trait StaffStore: Send + Sync {
    /// The account with `staff_number`, disabled or not, with its password hash and secret.
    async fn credentials(&self, staff_number: &str) -> Result<Option<Credentials>, StoreError>;
    async fn account(&self, staff_number: &str) -> Result<Option<Account>, StoreError>;
    /// Every account, by staff number.
    async fn accounts(&self) -> Result<Vec<Account>, StoreError>;

    /// Creates an account with its grants and its enrolment link.
    async fn create_account(
        &self,
        account: &NewAccount,
        enrolment: &NewEnrolment,
        audit: &AuditEntry,
    ) -> Result<Result<i64, NumberTaken>, StoreError>;
    /// Adds `grant`; `false` when the account holds it already.
    async fn grant(&self, account_id: i64, grant: &Grant, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// Withdraws `grant` (the row keeps when); `false` when the account did not hold it.
    async fn withdraw(&self, account_id: i64, grant: &Grant, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// Disables (ending every session) or re-enables an account.
    async fn set_disabled(&self, account_id: i64, disabled: bool, audit: &AuditEntry) -> Result<(), StoreError>;
    /// Forgets the authenticator, ends every session, and issues a new enrolment link.
    async fn reset_second_factor(
        &self,
        account_id: i64,
        enrolment: &NewEnrolment,
        audit: &AuditEntry,
    ) -> Result<(), StoreError>;
    /// Ends every session of the account ("sign out everywhere"); how many.
    async fn end_sessions(&self, account_id: i64, audit: &AuditEntry) -> Result<u64, StoreError>;

    async fn enrolment(&self, token_digest: &str) -> Result<Option<Enrolment>, StoreError>;
    /// The link's secret: `candidate` if it had none yet, else the one it kept.
    async fn pending_secret(&self, token_digest: &str, candidate: &str) -> Result<String, StoreError>;
    /// Sets the password and the link's secret (its code for `step` used), and uses the link up. `false` when
    /// the link was used or expired meanwhile.
    async fn complete_enrolment(
        &self,
        token_digest: &str,
        password_hash: &str,
        step: i64,
        audit: &AuditEntry,
    ) -> Result<bool, StoreError>;

    /// The failures counted against each subject (`account:<id>`, `address:<digest>`).
    async fn failures(&self, subject: &str) -> Result<Option<Failures>, StoreError>;
    /// Counts one more failure at `now`; a count whose last failure is before `forget_before` starts again.
    async fn record_failure(
        &self,
        subject: &str,
        now: DateTime<FixedOffset>,
        forget_before: DateTime<FixedOffset>,
    ) -> Result<(), StoreError>;
    async fn clear_failures(&self, subject: &str) -> Result<(), StoreError>;
    async fn record_sign_in(&self, event: &SignInEvent) -> Result<(), StoreError>;
    /// The newest `limit` sign-in attempts on an account, newest first.
    async fn sign_ins(&self, account_id: i64, limit: u32) -> Result<Vec<SignInEvent>, StoreError>;
    /// Marks the code of `step` used, if no code of that step or a later one was: `false` is a replay. One
    /// conditional statement, so two requests with the same code cannot both pass.
    async fn use_code_step(&self, account_id: i64, step: i64) -> Result<bool, StoreError>;

    /// Starts a session, ending `replaces` (the one the browser had) in the same transaction.
    async fn start_session(
        &self,
        account_id: i64,
        id_digest: &str,
        replaces: Option<&str>,
        now: DateTime<FixedOffset>,
    ) -> Result<(), StoreError>;
    /// A session that has not been ended, of an account that is not disabled, with its grants.
    async fn session(&self, id_digest: &str) -> Result<Option<SessionRow>, StoreError>;
    async fn touch_session(&self, id_digest: &str, now: DateTime<FixedOffset>) -> Result<(), StoreError>;
    async fn end_session(&self, id_digest: &str, now: DateTime<FixedOffset>) -> Result<(), StoreError>;

    /// Keeps a new partner key (its digest); its id.
    async fn issue_key(&self, key: &NewKey, audit: &AuditEntry) -> Result<i64, StoreError>;
    /// Every partner key, revoked or not, the newest first.
    async fn keys(&self) -> Result<Vec<PartnerKey>, StoreError>;
    /// Revokes a key; `false` when it was revoked already or is no key.
    async fn revoke_key(&self, id: i64, audit: &AuditEntry) -> Result<bool, StoreError>;
    /// The key whose digest is `digest`, if it is not revoked, marked used at `now` in the same statement.
    async fn use_key(&self, digest: &str, now: DateTime<FixedOffset>) -> Result<Option<PartnerKey>, StoreError>;

    /// Records one staff action of another capability's.
    async fn audit(&self, entry: &AuditEntry) -> Result<(), StoreError>;
    /// The newest `limit` entries of the audit trail, newest first.
    async fn audit_trail(&self, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
    /// The newest entries whose subject mentions `subject` (a petition's number, say), newest first.
    async fn audit_about(&self, subject: &str, limit: u32) -> Result<Vec<AuditEntry>, StoreError>;
}
