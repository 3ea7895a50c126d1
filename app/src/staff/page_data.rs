//! What the staff pages show, as their server functions answer it. Personal data arrives masked.

use serde::{Deserialize, Serialize};

/// A grant as people read it: 窗口工作人员 · 河北区政务服务中心.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantLine {
    pub role: String,
    pub role_label: String,
    pub scope: String,
    pub scope_name: String,
}

/// The signed-in person's own page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Desk {
    pub name: String,
    pub staff_number: String,
    pub grants: Vec<GrantLine>,
    pub is_admin: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountLine {
    pub staff_number: String,
    pub name: String,
    pub phone_masked: String,
    pub disabled: bool,
    pub enrolled: bool,
    pub grants: Vec<GrantLine>,
}

/// What a grant's scope can be, for the admin's form.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ScopeChoices {
    /// (id, name)
    pub departments: Vec<(String, String)>,
    pub places: Vec<(String, String)>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Accounts {
    pub accounts: Vec<AccountLine>,
    pub scopes: ScopeChoices,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountDetail {
    pub account: AccountLine,
    pub scopes: ScopeChoices,
    /// The newest sign-in attempts: (2026-11-30 09:15:02, what happened, the address's digest, shortened).
    pub sign_ins: Vec<(String, String, String)>,
}

/// An enrolment link's page.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum EnrolmentView {
    /// The authenticator to add, as a QR code and as text, and the form that sets the password.
    Open { name: String, staff_number: String, qr_svg: String, secret: String, otpauth_uri: String },
    /// Used, or past its time: an admin issues a new one.
    Spent,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AuditLine {
    /// 2026-11-30 09:15:02
    pub at: String,
    pub staff_number: String,
    pub role_label: String,
    pub action: String,
    pub subject: String,
}

/// A partner key as the admin's list shows it: never the key, only its first characters.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KeyLine {
    pub id: i64,
    pub name: String,
    pub scope: String,
    pub hint: String,
    /// When and by whom: 2026-11-30 09:15 · A0001
    pub issued: String,
    pub last_used: String,
    pub revoked: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PartnerKeys {
    pub keys: Vec<KeyLine>,
    /// (code, label) of each scope a key can have.
    pub scopes: Vec<(String, String)>,
}

/// A partner key just issued (its name, and the key), shown once to the admin who issued it.
#[derive(Clone, Debug)]
pub struct IssuedKeyShown(pub String, pub String);

/// A one-time enrolment link just issued, shown once to the admin who asked for it.
#[derive(Clone, Debug)]
pub struct IssuedLink(pub String);
