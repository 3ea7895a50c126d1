//! Partner systems' API keys: admins issue (shown this once), list and revoke them; an API checks the key a
//! request presents for its scope. Every issue and revocation is audited.

use crate::random::{digest, url_safe};
use crate::services::Services;
use crate::staff::keys::{hint, is_shaped, KeyScope, PREFIX, RANDOM_BYTES};
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::page_data::{KeyLine, PartnerKeys};
use crate::staff::store::{AuditEntry, NewKey, PartnerKey};
use crate::storage::StoreError;
use crate::ui::form::FormProblem;
use serde::Deserialize;

/// How instants read in the list of keys.
const AT: &str = "%Y-%m-%d %H:%M";

/// A key's name is at most this many characters.
const NAME_LIMIT: usize = 40;

/// Every key, for the admin's page.
pub async fn partner_keys(services: &Services) -> Result<PartnerKeys, StoreError> {
    let line = |key: PartnerKey| KeyLine {
        id: key.id,
        name: key.name,
        scope: key.scope.label().into(),
        hint: key.hint,
        issued: format!("{} · {}", key.issued_at.format(AT), key.issued_by),
        last_used: key.last_used_at.map_or("从未使用".into(), |at| at.format(AT).to_string()),
        revoked: key.revoked_at.map(|at| at.format(AT).to_string()),
    };
    Ok(PartnerKeys {
        keys: services.staff.keys().await?.into_iter().map(line).collect(),
        scopes: KeyScope::ALL.map(|scope| (scope.code().into(), scope.label().into())).to_vec(),
    })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct KeyForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub scope: String,
}

/// A key just issued: the whole key, which is never shown again.
#[derive(Clone, Debug)]
pub struct IssuedKey {
    pub name: String,
    pub key: String,
}

/// Issues a key for the form's scope; the caller must be an admin.
pub async fn issue_key(
    services: &Services,
    caller: Option<&StaffUser>,
    form: KeyForm,
) -> Result<Result<Result<IssuedKey, FormProblem>, Denied>, StoreError> {
    let admin = match require(caller, &Grant::Admin) {
        Ok(admin) => admin,
        Err(denied) => return Ok(Err(denied)),
    };
    let name = form.name.trim();
    let mut errors = Vec::new();
    if name.is_empty() || name.chars().count() > NAME_LIMIT {
        errors.push(("name", format!("请填写使用这个密钥的系统名称，不超过{NAME_LIMIT}个字。")));
    }
    let scope = KeyScope::from_code(&form.scope);
    if scope.is_none() {
        errors.push(("scope", "请选择密钥的用途。".into()));
    }
    let (Some(scope), true) = (scope, errors.is_empty()) else {
        return Ok(Ok(Err(FormProblem::new(errors, vec![("name".into(), form.name)]))));
    };
    let key = format!("{PREFIX}{}", url_safe(RANDOM_BYTES));
    let new = NewKey { name: name.into(), scope, digest: digest(&key), hint: hint(&key) };
    let audit = AuditEntry::by(admin, &Grant::Admin, "签发接口密钥", scope.label(), services.site.clock.now());
    services.staff.issue_key(&new, &audit).await?;
    Ok(Ok(Ok(IssuedKey { name: new.name, key })))
}

/// Revokes a key; the caller must be an admin. `None`: no such key, or revoked already.
pub async fn revoke_key(
    services: &Services,
    caller: Option<&StaffUser>,
    id: i64,
) -> Result<Result<Option<()>, Denied>, StoreError> {
    let admin = match require(caller, &Grant::Admin) {
        Ok(admin) => admin,
        Err(denied) => return Ok(Err(denied)),
    };
    let audit = AuditEntry::by(admin, &Grant::Admin, "吊销接口密钥", format!("key:{id}"), services.site.clock.now());
    Ok(Ok(services.staff.revoke_key(id, &audit).await?.then_some(())))
}

/// Why an API turned a request's key away.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyRefused {
    /// No key, or not one this server issued, or revoked: 401.
    Unknown,
    /// A key for something else: 403.
    OtherScope,
}

impl KeyRefused {
    pub fn message(self) -> &'static str {
        match self {
            KeyRefused::Unknown => "缺少有效的接口密钥：请提供区政务服务办公室签发的密钥。",
            KeyRefused::OtherScope => "这个接口密钥不能用于此接口。",
        }
    }
}

/// The key a request presents (in its `Authorization` header, or Open311's `api_key`), if it is a live key for
/// `scope`.
pub async fn key_for(
    services: &Services,
    key: Option<&str>,
    scope: KeyScope,
) -> Result<Result<PartnerKey, KeyRefused>, StoreError> {
    let Some(key) = key.filter(|key| is_shaped(key)) else { return Ok(Err(KeyRefused::Unknown)) };
    let Some(found) = services.staff.use_key(&digest(key), services.site.clock.now()).await? else {
        return Ok(Err(KeyRefused::Unknown));
    };
    Ok(if found.scope == scope { Ok(found) } else { Err(KeyRefused::OtherScope) })
}
