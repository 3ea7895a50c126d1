//! What admins do: accounts and their grants, disabling, resetting a lost authenticator, signing a person out
//! everywhere. Every change is stored with its audit entry. Each function checks the caller itself.

use super::grant_lines;
use crate::personal::{check_mobile, check_name, mask_name, mask_phone};
use crate::random::digest;
use crate::services::Services;
use crate::staff::model::{require, role_label, Denied, Grant, StaffUser, DISTRICT};
use crate::staff::page_data::{AccountDetail, AccountLine, Accounts, AuditLine, ScopeChoices};
use crate::staff::secrets::new_token;
use crate::staff::sign_in::{normalise_staff_number, ENROLMENT_VALID_FOR};
use crate::staff::store::OWN;
use crate::staff::store::{Account, AuditEntry, NewAccount, NewEnrolment, NumberTaken};
use crate::storage::StoreError;
use crate::ui::form::FormProblem;
use serde::Deserialize;

/// How instants read on the admin's pages.
const AT: &str = "%Y-%m-%d %H:%M:%S";

/// Every account, and what a new one's grant can be.
pub async fn accounts(services: &Services) -> Result<Accounts, StoreError> {
    let mut lines = Vec::new();
    for account in services.staff.accounts().await? {
        lines.push(account_line(services, account).await?);
    }
    Ok(Accounts { accounts: lines, scopes: scope_choices(services).await? })
}

/// One account, by staff number.
pub async fn account(services: &Services, staff_number: &str) -> Result<Option<AccountDetail>, StoreError> {
    const SIGN_INS_SHOWN: u32 = 20;
    let Some(account) = services.staff.account(staff_number).await? else { return Ok(None) };
    let sign_ins = services.staff.sign_ins(account.id, SIGN_INS_SHOWN).await?;
    Ok(Some(AccountDetail {
        sign_ins: sign_ins
            .into_iter()
            .map(|event| {
                let at = event.at.format(AT).to_string();
                (at, event.outcome.label().to_string(), event.address_digest.chars().take(8).collect())
            })
            .collect(),
        account: account_line(services, account).await?,
        scopes: scope_choices(services).await?,
    }))
}

async fn account_line(services: &Services, account: Account) -> Result<AccountLine, StoreError> {
    Ok(AccountLine {
        grants: grant_lines(services, &account.grants).await?,
        phone_masked: mask_phone(&account.phone),
        staff_number: account.staff_number,
        name: account.name,
        disabled: account.disabled,
        enrolled: account.enrolled,
    })
}

async fn scope_choices(services: &Services) -> Result<ScopeChoices, StoreError> {
    Ok(ScopeChoices {
        departments: services.catalog.store.departments().await?.into_iter().map(|d| (d.id, d.name)).collect(),
        places: services.catalog.store.places().await?.into_iter().map(|p| (p.id, p.name)).collect(),
    })
}

/// A grant as an admin's form gives it: a role, and a department or a place for the roles that have one.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GrantForm {
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub place: String,
}

impl GrantForm {
    /// The grant the form names, if its scope exists.
    async fn grant(&self, services: &Services) -> Result<Result<Grant, FormProblem>, StoreError> {
        let scope = match self.role.as_str() {
            "handler" | "department_head" | "editor" => &self.department,
            "counter_staff" => &self.place,
            _ => DISTRICT,
        };
        let Some(grant) = Grant::from_stored(&self.role, scope) else {
            let field = if self.role == "counter_staff" { "place" } else { "role" };
            return Ok(Err(problem(
                field,
                "请选择角色，承办人、部门负责人和公开信息编辑还要选部门，窗口工作人员还要选办理点。",
            )));
        };
        let exists = match &grant {
            Grant::Handler { department } | Grant::DepartmentHead { department } | Grant::Editor { department } => {
                services.catalog.store.department(department).await?.is_some()
            }
            Grant::CounterStaff { place } => services.catalog.store.place(place).await?.is_some(),
            Grant::Dispatcher | Grant::Admin => true,
        };
        Ok(if exists { Ok(grant) } else { Err(problem("role", "没有这个部门或办理点。")) })
    }
}

fn problem(field: &'static str, message: &str) -> FormProblem {
    FormProblem::new(vec![(field, message.into())], Vec::new())
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct NewAccountForm {
    #[serde(default)]
    pub staff_number: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
    #[serde(flatten)]
    pub grant: GrantForm,
}

/// An account made: its staff number, and the one-time link to hand to the person.
#[derive(Clone, Debug)]
pub struct Issued {
    pub staff_number: String,
    pub link: String,
}

/// Who made an account from the command line, in the audit trail.
const COMMAND_LINE: &str = "命令行";

/// Creates an account with one grant and its enrolment link; the caller must be an admin.
pub async fn create_account(
    services: &Services,
    caller: Option<&StaffUser>,
    form: NewAccountForm,
) -> Result<Result<Result<Issued, FormProblem>, Denied>, StoreError> {
    let admin = match require(caller, &Grant::Admin) {
        Ok(admin) => admin,
        Err(denied) => return Ok(Err(denied)),
    };
    let by = |action: &str, subject: String| {
        AuditEntry::by(admin, &Grant::Admin, action, subject, services.site.clock.now())
    };
    Ok(Ok(issue_account(services, form, by).await?))
}

/// The first admin, made from the command line (`server staff add-admin`), where no one is signed in.
pub async fn create_first_admin(
    services: &Services,
    staff_number: &str,
    name: &str,
    phone: &str,
) -> Result<Result<Issued, FormProblem>, StoreError> {
    let form = NewAccountForm {
        staff_number: staff_number.into(),
        name: name.into(),
        phone: phone.into(),
        grant: GrantForm { role: "admin".into(), ..GrantForm::default() },
    };
    let by = |action: &str, subject: String| AuditEntry {
        at: services.site.clock.now(),
        account_id: 0,
        staff_number: COMMAND_LINE.into(),
        role: "admin".into(),
        action: action.into(),
        subject,
    };
    issue_account(services, form, by).await
}

async fn issue_account(
    services: &Services,
    form: NewAccountForm,
    by: impl Fn(&str, String) -> AuditEntry,
) -> Result<Result<Issued, FormProblem>, StoreError> {
    let mut errors = Vec::new();
    let number = normalise_staff_number(&form.staff_number);
    if number.is_none() {
        errors.push(("staff_number", "工号为2到16位字母或数字。".to_string()));
    }
    let name = check_name(&form.name).map_err(|m| errors.push(("name", m.to_string()))).ok();
    let phone = check_mobile(&form.phone).map_err(|m| errors.push(("phone", m.to_string()))).ok();
    let grant = match form.grant.grant(services).await? {
        Ok(grant) => Some(grant),
        Err(problem) => {
            errors.extend(problem.errors);
            None
        }
    };
    let (Some(staff_number), Some(name), Some(phone), Some(grant), true) =
        (number, name, phone, grant, errors.is_empty())
    else {
        let values = vec![("staff_number".into(), form.staff_number), ("name".into(), form.name)];
        return Ok(Err(FormProblem::new(errors, values)));
    };
    let (token, enrolment) = new_enrolment(services);
    let subject = format!("{staff_number} {} · {}", mask_name(&name), describe(&grant));
    let account = NewAccount { staff_number: staff_number.clone(), name, phone, grants: vec![grant] };
    match services.staff.create_account(&account, &enrolment, &by("创建账号", subject)).await? {
        Ok(_) => Ok(Ok(Issued { link: enrolment_link(services, &token), staff_number })),
        Err(NumberTaken) => Ok(Err(problem("staff_number", "这个工号已有账号。"))),
    }
}

fn new_enrolment(services: &Services) -> (String, NewEnrolment) {
    let token = new_token();
    let enrolment =
        NewEnrolment { token_digest: digest(&token), expires_at: services.site.clock.now() + ENROLMENT_VALID_FOR };
    (token, enrolment)
}

fn enrolment_link(services: &Services, token: &str) -> String {
    format!("{}/staff/enrol/{token}", services.site.public_base_url)
}

/// 窗口工作人员 hall-1
fn describe(grant: &Grant) -> String {
    match grant.scope() {
        DISTRICT => role_label(grant.role()).to_string(),
        scope => format!("{} {scope}", role_label(grant.role())),
    }
}

/// What an admin does to an account from its page.
#[derive(Clone, Debug, Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    pub action: String,
    #[serde(flatten)]
    pub grant: GrantForm,
}

/// What a change did: nothing more to show, a new link to hand over, or the form again.
#[derive(Debug)]
pub enum Changed {
    Done,
    Issued(Issued),
    Again(FormProblem),
}

/// Grants or withdraws a grant, disables or re-enables, resets the authenticator, or signs the person out
/// everywhere. `Ok(Ok(None))` when there is no such account.
pub async fn change_account(
    services: &Services,
    caller: Option<&StaffUser>,
    staff_number: &str,
    form: ChangeForm,
) -> Result<Result<Option<Changed>, Denied>, StoreError> {
    let admin = match require(caller, &Grant::Admin) {
        Ok(admin) => admin,
        Err(denied) => return Ok(Err(denied)),
    };
    let Some(account) = services.staff.account(staff_number).await? else { return Ok(Ok(None)) };
    let now = services.site.clock.now();
    let who = format!("{} {}", account.staff_number, mask_name(&account.name));
    let audit = |action: &str, detail: &str| {
        let subject = if detail.is_empty() { who.clone() } else { format!("{who} · {detail}") };
        AuditEntry::by(admin, &Grant::Admin, action, subject, now)
    };
    let store = &services.staff;
    let changed = match form.action.as_str() {
        "grant" | "withdraw" => match form.grant.grant(services).await? {
            Err(problem) => Changed::Again(problem),
            Ok(grant) if form.action == "grant" => {
                store.grant(account.id, &grant, &audit("授予权限", &describe(&grant))).await?;
                Changed::Done
            }
            Ok(grant) if admin.account_id == account.id && grant == Grant::Admin => {
                Changed::Again(problem("role", "不能撤销自己的系统管理员权限，请由另一位管理员操作。"))
            }
            Ok(grant) => {
                store.withdraw(account.id, &grant, &audit("撤销权限", &describe(&grant))).await?;
                Changed::Done
            }
        },
        "disable" if admin.account_id == account.id => {
            Changed::Again(FormProblem::whole("不能停用自己的账号，请由另一位管理员操作。"))
        }
        "disable" => {
            store.set_disabled(account.id, true, &audit("停用账号", "")).await?;
            Changed::Done
        }
        "enable" => {
            store.set_disabled(account.id, false, &audit("启用账号", "")).await?;
            Changed::Done
        }
        "reset" => {
            let (token, enrolment) = new_enrolment(services);
            store.reset_second_factor(account.id, &enrolment, &audit("重置动态验证码", "")).await?;
            Changed::Issued(Issued { staff_number: account.staff_number, link: enrolment_link(services, &token) })
        }
        "sign_out_everywhere" => {
            store.end_sessions(account.id, &audit("强制退出所有登录", "")).await?;
            Changed::Done
        }
        _ => Changed::Again(FormProblem::whole("没有这项操作。")),
    };
    Ok(Ok(Some(changed)))
}

/// The newest entries of the audit trail, as the admin's page lists them.
pub async fn audit_lines(services: &Services) -> Result<Vec<AuditLine>, StoreError> {
    const SHOWN: u32 = 200;
    Ok(services
        .staff
        .audit_trail(SHOWN)
        .await?
        .into_iter()
        .map(|entry| AuditLine {
            at: entry.at.format(AT).to_string(),
            role_label: match entry.role.as_str() {
                OWN => "本人".into(),
                role => role_label(role).into(),
            },
            staff_number: entry.staff_number,
            action: entry.action,
            subject: entry.subject,
        })
        .collect())
}
