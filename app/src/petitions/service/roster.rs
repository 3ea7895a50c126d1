//! The duty roster as the dispatch centre keeps it (`roster` has the rules): who is on now, the coming fortnight's
//! shifts, a shift put on or taken off (each audited), and whom an alert goes to.

use crate::calendar::day_label;
use crate::clock::beijing;
use crate::petitions::page_data::{RosterView, ShiftRow};
use crate::petitions::roster::{judge, to_alert, Shift, ShiftRefusal, AHEAD, LONGEST};
use crate::services::Services;
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::{Account, AuditEntry};
use crate::ui::form::Decision;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, TimeZone};
use leptos::prelude::ServerFnError;
use serde::Deserialize;

/// How far ahead the page shows the roster.
const SHOWN: Duration = Duration::days(14);

/// The active dispatchers among `accounts`.
fn dispatchers(accounts: &[Account]) -> impl Iterator<Item = &Account> {
    accounts.iter().filter(|a| !a.disabled && a.grants.contains(&Grant::Dispatcher))
}

/// The phones an emergency or urgent petition filed at `now` texts.
pub(super) async fn alert_phones(
    services: &Services,
    now: DateTime<FixedOffset>,
) -> Result<Vec<String>, ServerFnError> {
    let accounts = services.staff.accounts().await?;
    let dispatchers: Vec<(String, String)> =
        dispatchers(&accounts).map(|a| (a.staff_number.clone(), a.phone.clone())).collect();
    let roster = services.petitions.shifts(now, now + Duration::seconds(1)).await?;
    Ok(to_alert(&roster, &dispatchers, now).into_iter().map(String::from).collect())
}

fn hours_words(shift: &Shift) -> String {
    let next_day = if shift.ends.date_naive() > shift.starts.date_naive() { "次日" } else { "" };
    format!("{}—{next_day}{}", shift.starts.format("%H:%M"), shift.ends.format("%H:%M"))
}

pub async fn roster(services: &Services) -> Result<RosterView, ServerFnError> {
    let now = services.site.clock.now();
    let accounts = services.staff.accounts().await?;
    let who = |number: &str| match accounts.iter().find(|a| a.staff_number == number) {
        Some(account) => format!("{}（{number}）", account.name),
        None => number.to_string(),
    };
    let shifts = services.petitions.shifts(now - LONGEST, now + SHOWN).await?;
    let on_duty = shifts
        .iter()
        .filter(|s| s.covers(now))
        .map(|s| format!("{}，到{}", who(&s.staff_number), s.ends.format("%-m月%-d日 %H:%M")))
        .collect();
    let rows = shifts
        .iter()
        .filter(|s| s.ends > now)
        .map(|s| ShiftRow {
            id: s.id,
            day: day_label(s.starts.date_naive()),
            hours: hours_words(s),
            who: who(&s.staff_number),
            on_now: s.covers(now),
        })
        .collect();
    let dispatchers = dispatchers(&accounts).map(|a| (a.staff_number.clone(), a.name.clone())).collect();
    Ok(RosterView { on_duty, shifts: rows, dispatchers, today: now.date_naive().to_string() })
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct ShiftForm {
    #[serde(default)]
    pub dispatcher: String,
    /// 2026-11-25
    #[serde(default)]
    pub day: String,
    /// 08:00
    #[serde(default)]
    pub starts: String,
    #[serde(default)]
    pub hours: String,
}

/// A dispatcher puts a shift on the roster, theirs or a colleague's (the centre keeps its own rota; the audit
/// trail says who changed it).
pub async fn add_shift(
    services: &Services,
    caller: Option<&StaffUser>,
    form: ShiftForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let Ok(day) = form.day.trim().parse::<NaiveDate>() else {
        return Ok(Ok(Decision::field("day", "请选择日期。")));
    };
    let Ok(time) = NaiveTime::parse_from_str(form.starts.trim(), "%H:%M") else {
        return Ok(Ok(Decision::field("starts", "请填写开始时间，如08:00。")));
    };
    let Some(hours) = form.hours.trim().parse::<i64>().ok().filter(|h| (1..=24).contains(h)) else {
        return Ok(Ok(Decision::field("hours", "请填写1到24之间的小时数。")));
    };
    let starts = beijing().from_local_datetime(&day.and_time(time)).single().expect("no gaps in UTC+8");
    let ends = starts + Duration::hours(hours);
    let now = services.site.clock.now();
    let accounts = services.staff.accounts().await?;
    let numbers: Vec<&str> = dispatchers(&accounts).map(|a| a.staff_number.as_str()).collect();
    let theirs = services.petitions.shifts(starts, ends).await?;
    if let Err(refusal) = judge(&form.dispatcher, starts, ends, &numbers, &theirs, now) {
        let field = if refusal == ShiftRefusal::NotADispatcher { "dispatcher" } else { "day" };
        return Ok(Ok(Decision::field(field, refusal.to_string())));
    }
    let shift = Shift { id: 0, staff_number: form.dispatcher.clone(), starts, ends };
    let subject = format!("{} {} {}", form.dispatcher, day_label(day), hours_words(&shift));
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "排班", subject, now);
    services.petitions.add_shift(&shift, &audit).await?;
    Ok(Ok(Decision::onward("/staff/dispatch/roster")))
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct RemoveShiftForm {
    #[serde(default)]
    pub id: String,
}

/// A dispatcher takes a shift off the roster.
pub async fn remove_shift(
    services: &Services,
    caller: Option<&StaffUser>,
    form: RemoveShiftForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let user = match require(caller, &Grant::Dispatcher) {
        Ok(user) => user,
        Err(denied) => return Ok(Err(denied)),
    };
    let now = services.site.clock.now();
    let shift = match form.id.trim().parse::<i64>() {
        Ok(id) => services.petitions.shifts(now, now + AHEAD + LONGEST).await?.into_iter().find(|s| s.id == id),
        Err(_) => None,
    };
    let Some(shift) = shift else {
        return Ok(Ok(Decision::whole("没有找到这个班，或它已经结束。")));
    };
    let subject = format!("{} {} {}", shift.staff_number, day_label(shift.starts.date_naive()), hours_words(&shift));
    let audit = AuditEntry::by(user, &Grant::Dispatcher, "取消排班", subject, now);
    Ok(Ok(match services.petitions.remove_shift(shift.id, &audit).await? {
        true => Decision::onward("/staff/dispatch/roster"),
        false => Decision::whole("没有找到这个班，或它已经结束。"),
    }))
}
