//! Signing in (password and code in one form, so a refusal never says which was wrong), signing out, and the
//! enrolment link that sets both.

use crate::personal::mask_staff_number;
use crate::random::digest;
use crate::services::Services;
use crate::staff::model::{Denied, StaffUser};
use crate::staff::page_data::EnrolmentView;
use crate::staff::secrets::{code_step, new_password_hash, new_token, new_totp_secret, otpauth_uri, password_matches};
use crate::staff::sign_in::{
    check_new_password, forget_before, locked_until, normalise_code, normalise_staff_number, Throttled,
};
use crate::staff::store::{AuditEntry, Credentials, SignInEvent, SignInOutcome};
use crate::storage::StoreError;
use crate::ui::form::{Decision, FormProblem};
use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

#[derive(Clone, Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub staff_number: String,
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub code: String,
}

/// How a sign-in ended: a new session's id for the cookie, or the form again.
#[derive(Debug)]
pub enum SignIn {
    Started { session_id: String },
    Refused(FormProblem),
}

const WRONG: &str = "工号、密码或动态验证码不正确。";

fn locked(until: DateTime<FixedOffset>) -> FormProblem {
    FormProblem::whole(format!("尝试次数过多，已暂停登录。请于{}后再试，或联系系统管理员。", until.format("%H:%M")))
        .with_status(429)
}

/// Signs in from `address` with the form, ending `replacing` (the session the browser had) if it succeeds. The
/// staff number and the address are each throttled (`sign_in::locked_until`); an unknown number is throttled and
/// timed like a known one, so neither the answer nor its time tells whether an account exists.
pub async fn sign_in(
    services: &Services,
    form: SignInForm,
    address: &str,
    replacing: Option<&str>,
) -> Result<SignIn, StoreError> {
    let store = &services.staff;
    let now = services.site.clock.now();
    // A form that cannot be right is answered without a look at any account, and costs no attempt.
    let (Some(number), Some(code), false) =
        (normalise_staff_number(&form.staff_number), normalise_code(&form.code), form.password.is_empty())
    else {
        return Ok(SignIn::Refused(FormProblem::whole("请填写工号、密码和验证器上的6位数字。")));
    };
    let subjects = [format!("number:{number}"), format!("address:{}", digest(address))];
    let mut event = SignInEvent {
        at: now,
        account_id: None,
        staff_number_masked: mask_staff_number(&number),
        address_digest: digest(address),
        outcome: SignInOutcome::Locked,
    };
    let lock = [
        locked_until(store.failures(&subjects[0]).await?, Throttled::Account, now),
        locked_until(store.failures(&subjects[1]).await?, Throttled::Address, now),
    ];
    if let Some(until) = lock.into_iter().flatten().max() {
        store.record_sign_in(&event).await?;
        return Ok(SignIn::Refused(locked(until)));
    }

    let credentials = store.credentials(&number).await?;
    event.account_id = credentials.as_ref().map(|c| c.account.id);
    if let Some(account_id) = passes(services, credentials, &form.password, &code, now).await? {
        store.clear_failures(&subjects[0]).await?;
        let session_id = new_token();
        store.start_session(account_id, &digest(&session_id), replacing.map(digest).as_deref(), now).await?;
        event.outcome = SignInOutcome::Success;
        store.record_sign_in(&event).await?;
        return Ok(SignIn::Started { session_id });
    }

    for subject in &subjects {
        store.record_failure(subject, now, forget_before(now)).await?;
    }
    event.outcome = SignInOutcome::Failure;
    store.record_sign_in(&event).await?;
    let lock_now = locked_until(store.failures(&subjects[0]).await?, Throttled::Account, now).max(locked_until(
        store.failures(&subjects[1]).await?,
        Throttled::Address,
        now,
    ));
    Ok(SignIn::Refused(match lock_now {
        Some(until) => locked(until),
        None => FormProblem::whole(WRONG).with_status(401),
    }))
}

/// The account's id when everything the form says is right: an enrolled, enabled account, its password, and a
/// code not used before. The password is checked (slowly) even when there is no account.
async fn passes(
    services: &Services,
    credentials: Option<Credentials>,
    password: &str,
    code: &str,
    now: DateTime<FixedOffset>,
) -> Result<Option<i64>, StoreError> {
    let Some(Credentials { account, password_hash: Some(hash), totp_secret: Some(secret) }) = credentials else {
        password_matches(password, None).await;
        return Ok(None);
    };
    if !password_matches(password, Some(&hash)).await || account.disabled {
        return Ok(None);
    }
    let Some(step) = code_step(&secret, code, now) else { return Ok(None) };
    Ok(services.staff.use_code_step(account.id, step).await?.then_some(account.id))
}

/// Ends the session with id `session_id` (this browser's).
pub async fn sign_out(services: &Services, session_id: &str) -> Result<(), StoreError> {
    services.staff.end_session(&digest(session_id), services.site.clock.now()).await
}

/// Ends every session of the caller's account, this one included ("sign out everywhere").
pub async fn sign_out_everywhere(
    services: &Services,
    caller: Option<&StaffUser>,
) -> Result<Result<(), Denied>, StoreError> {
    let Some(user) = caller else { return Ok(Err(Denied::NotSignedIn)) };
    let audit = AuditEntry::own(user, "退出所有登录", services.site.clock.now());
    services.staff.end_sessions(user.account_id, &audit).await?;
    Ok(Ok(()))
}

/// An enrolment link's page: the authenticator's secret (the same on every view of the link) and the form.
/// `None` when the link names no enrolment.
pub async fn enrolment(services: &Services, token: &str) -> Result<Option<EnrolmentView>, StoreError> {
    let digest = digest(token);
    let Some(enrolment) = services.staff.enrolment(&digest).await? else { return Ok(None) };
    if enrolment.used || enrolment.expires_at <= services.site.clock.now() {
        return Ok(Some(EnrolmentView::Spent));
    }
    let secret = match enrolment.pending_secret {
        Some(secret) => secret,
        None => services.staff.pending_secret(&digest, &new_totp_secret()).await?,
    };
    let number = enrolment.account.staff_number;
    let uri = otpauth_uri(&secret, &number).ok_or_else(|| StoreError("unreadable TOTP secret".into()))?;
    Ok(Some(EnrolmentView::Open {
        name: enrolment.account.name,
        qr_svg: crate::ui::qr::qr_svg(&uri).map_err(|e| StoreError(e.to_string()))?,
        secret: secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" "),
        otpauth_uri: uri,
        staff_number: number,
    }))
}

#[derive(Clone, Debug, Deserialize)]
pub struct EnrolForm {
    #[serde(default)]
    pub password: String,
    #[serde(default)]
    pub again: String,
    #[serde(default)]
    pub code: String,
}

/// Sets the password and the authenticator, with a first code that proves the authenticator was added. `None`
/// when the link names no enrolment.
pub async fn enrol(services: &Services, token: &str, form: EnrolForm) -> Result<Option<Decision>, StoreError> {
    let digest = digest(token);
    let Some(enrolment) = services.staff.enrolment(&digest).await? else { return Ok(None) };
    let now = services.site.clock.now();
    let (false, Some(secret)) = (enrolment.used || enrolment.expires_at <= now, enrolment.pending_secret) else {
        return Ok(Some(Decision::whole("此链接已使用或已过期，请联系系统管理员重新发送。")));
    };
    if let Err(message) = check_new_password(&form.password, &form.again, &enrolment.account.staff_number) {
        return Ok(Some(Decision::field("password", message)));
    }
    let Some(step) = normalise_code(&form.code).and_then(|code| code_step(&secret, &code, now)) else {
        return Ok(Some(Decision::field(
            "code",
            "动态验证码不对。请打开验证器，输入“掌上办 河北区”下方当前的6位数字。",
        )));
    };
    let audit = AuditEntry::own(&enrolment.account.user(), "设置密码和动态验证码", now);
    let done =
        services.staff.complete_enrolment(&digest, &new_password_hash(&form.password).await, step, &audit).await?;
    Ok(Some(if done {
        Decision::onward("/staff/sign-in?enrolled=1")
    } else {
        Decision::whole("此链接已使用或已过期，请联系系统管理员重新发送。")
    }))
}
