//! The counter staff's use cases at their place: the day's list (masked until a booking is opened), marking an
//! arrival or a no-show, closing a day and reopening it. Each checks the caller's grant over the place itself, and
//! each change commits with its audit entry.

use super::*;
use crate::booking::check_in::judge;
use crate::booking::counter::judge_no_show;
use crate::booking::model::CounterLine;
use crate::booking::page_data::{CounterDay, CounterEntry, CounterSlot, OpenedBooking};
use crate::staff::model::{require, Denied, Grant, StaffUser};
use crate::staff::store::AuditEntry;

/// The place's list for today, closures ahead, and the days a closure can be set for.
pub async fn counter_day(services: &Services, place_id: &str) -> Result<Option<CounterDay>, ServerFnError> {
    let Some(place) = services.catalog.store.place(place_id).await? else { return Ok(None) };
    let now = services.site.clock.now();
    let today = now.date_naive();
    let closable: Vec<NaiveDate> = horizon(today).collect();
    let last = *closable.last().expect("the horizon has days");
    let closures = services.booking.closures(place_id, today..=last).await?;
    let lines = services.booking.counter_day(place_id, today).await?;
    let mut slots: Vec<CounterSlot> = Vec::new();
    for line in lines {
        let starts = line.booking.slot.starts;
        if slots.last().is_none_or(|slot| slot.starts != starts) {
            slots.push(CounterSlot { starts, seats: Vec::new(), waiting: Vec::new() });
        }
        let slot = slots.last_mut().expect("just pushed");
        let entry = counter_entry(line, place_id, now.naive_local());
        if entry.waiting_position.is_some() {
            slot.waiting.push(entry);
        } else {
            slot.seats.push(entry);
        }
    }
    Ok(Some(CounterDay {
        closed: closures.iter().find(|(day, _)| *day == today).map(|(_, reason)| reason.clone()),
        place_id: place.id,
        place_name: place.name,
        day: today,
        slots,
        closures,
        closable,
    }))
}

fn counter_entry(line: CounterLine, place_id: &str, now: chrono::NaiveDateTime) -> CounterEntry {
    let CounterLine { booking, waiting_position, check_in_position } = line;
    let starts = booking.slot.day.and_time(booking.slot.starts);
    let here = (booking.slot.place_id.as_str(), booking.place_name.as_str());
    CounterEntry {
        can_arrive: judge(booking.status, here, place_id, starts, now).is_ok(),
        can_no_show: judge_no_show(booking.status, starts, now).is_ok(),
        name_masked: mask_name(&booking.applicant.name),
        token: booking.token,
        check_in_code: booking.check_in_code,
        item_name: booking.item_name,
        status: booking.status,
        waiting_position,
        check_in_position,
    }
}

/// One booking at the place, in full; the opening is recorded. `None` when the place has no such booking.
pub async fn open_booking(
    services: &Services,
    user: &StaffUser,
    place_id: &str,
    token: &str,
) -> Result<Option<OpenedBooking>, ServerFnError> {
    let Some(booking) = services.booking.booking(token).await?.filter(|b| b.slot.place_id == place_id) else {
        return Ok(None);
    };
    let grant = Grant::CounterStaff { place: place_id.into() };
    let subject = describe(&booking);
    services.staff.audit(&AuditEntry::by(user, &grant, "查看预约人信息", subject, services.site.clock.now())).await?;
    Ok(Some(OpenedBooking {
        place_id: booking.slot.place_id,
        check_in_code: booking.check_in_code,
        item_name: booking.item_name,
        day: booking.slot.day,
        starts: booking.slot.starts,
        status: booking.status,
        name: booking.applicant.name,
        id_type_label: booking.applicant.id_type.label().into(),
        id_number: booking.applicant.id_number,
        phone: booking.applicant.phone,
        on_behalf: booking.applicant.on_behalf,
    }))
}

/// A booking as the audit trail names it: place, slot, masked name, check-in code (not personal, opens nothing).
fn describe(booking: &Booking) -> String {
    format!(
        "{} {} {} {} 签到码{}",
        booking.slot.place_id,
        booking.slot.day.format("%m-%d"),
        booking.slot.starts.format("%H:%M"),
        mask_name(&booking.applicant.name),
        booking.check_in_code
    )
}

#[derive(Clone, Debug, Deserialize)]
pub struct CounterBookingForm {
    #[serde(default)]
    pub token: String,
}

fn counter_page(place_id: &str) -> PagePath {
    PagePath::new(&["staff", "counter", place_id])
}

/// The grant over `place_id`, or why not.
fn at_counter<'a>(caller: Option<&'a StaffUser>, place_id: &str) -> Result<(&'a StaffUser, Grant), Denied> {
    let grant = Grant::CounterStaff { place: place_id.into() };
    require(caller, &grant).map(|user| (user, grant))
}

/// What a counter form about one booking does once the caller's grant over the place is checked and the booking
/// found there: `act` gets the booking and the audit entry of `action` on it. `Ok(None)`: no such booking there.
async fn on_booking(
    services: &Services,
    caller: Option<&StaffUser>,
    place_id: &str,
    token: &str,
    action: &str,
    act: impl AsyncFnOnce(Booking, AuditEntry) -> Result<Option<Decision>, ServerFnError>,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    let (user, grant) = match at_counter(caller, place_id) {
        Ok(granted) => granted,
        Err(denied) => return Ok(Err(denied)),
    };
    let Some(booking) = services.booking.booking(token).await?.filter(|b| b.slot.place_id == place_id) else {
        return Ok(Ok(None));
    };
    let audit = AuditEntry::by(user, &grant, action, describe(&booking), services.site.clock.now());
    Ok(Ok(act(booking, audit).await?))
}

/// Marks the arrival of a booking at the place: the check-in rule, as at a kiosk, recorded as the staff's.
pub async fn mark_arrived(
    services: &Services,
    caller: Option<&StaffUser>,
    place_id: &str,
    form: CounterBookingForm,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    on_booking(services, caller, place_id, &form.token, "标记到场", async |booking, audit| {
        let answer = services.booking.check_in(place_id, &booking.check_in_code, audit.at, Some(&audit)).await?;
        Ok(Some(match answer {
            CheckIn::Done { .. } | CheckIn::AlreadyDone { .. } => Decision::Onward(counter_page(place_id)),
            refused => Decision::whole(refused.message()),
        }))
    })
    .await
}

/// Marks a booking a no-show (final).
pub async fn mark_no_show(
    services: &Services,
    caller: Option<&StaffUser>,
    place_id: &str,
    form: CounterBookingForm,
) -> Result<Result<Option<Decision>, Denied>, ServerFnError> {
    on_booking(services, caller, place_id, &form.token, "标记未到场", async |booking, audit| {
        Ok(match services.booking.mark_no_show(place_id, &booking.token, audit.at, &audit).await? {
            None => None,
            Some(Ok(_)) => Some(Decision::Onward(counter_page(place_id))),
            Some(Err(refusal)) => Some(Decision::whole(refusal.to_string())),
        })
    })
    .await
}

#[derive(Clone, Debug, Deserialize)]
pub struct ClosureForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    pub reason: String,
}

const LONGEST_REASON: usize = 100;

/// Closes the place for a day of the booking horizon, with the reason residents will read.
pub async fn close_day(
    services: &Services,
    caller: Option<&StaffUser>,
    place_id: &str,
    form: ClosureForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let not_a_day = format!("请选择今天起{HORIZON_DAYS}天内的日期。");
    let (user, grant, day) = match closure_day(services, caller, place_id, &form.day, &not_a_day) {
        Ok(granted) => granted,
        Err(answer) => return Ok(answer),
    };
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > LONGEST_REASON {
        return Ok(Ok(Decision::field("reason", "请填写停止办公的原因（100字以内），预约人会在预约页面看到。")));
    }
    let subject = format!("{place_id} {day} 原因：{reason}");
    let audit = AuditEntry::by(user, &grant, "当天停止办公", subject, services.site.clock.now());
    services.booking.close_place(place_id, day, reason, &audit).await?;
    Ok(Ok(Decision::Onward(counter_page(place_id))))
}

/// Reopens a closed day: the bookings it marked are as they were.
pub async fn reopen_day(
    services: &Services,
    caller: Option<&StaffUser>,
    place_id: &str,
    form: ClosureForm,
) -> Result<Result<Decision, Denied>, ServerFnError> {
    let (user, grant, day) = match closure_day(services, caller, place_id, &form.day, "没有这个日期的停止办公安排。")
    {
        Ok(granted) => granted,
        Err(answer) => return Ok(answer),
    };
    let audit = AuditEntry::by(user, &grant, "恢复办公", format!("{place_id} {day}"), services.site.clock.now());
    services.booking.reopen_place(place_id, day, &audit).await?;
    Ok(Ok(Decision::Onward(counter_page(place_id))))
}

/// The caller's grant over the place and the day of the booking horizon the form names; or the answer instead (a
/// refusal, or the form again with `not_a_day`).
fn closure_day<'a>(
    services: &Services,
    caller: Option<&'a StaffUser>,
    place_id: &str,
    raw_day: &str,
    not_a_day: &str,
) -> Result<(&'a StaffUser, Grant, NaiveDate), Result<Decision, Denied>> {
    let (user, grant) = at_counter(caller, place_id).map_err(Err)?;
    let today = services.site.clock.today();
    let day = raw_day.parse().ok().filter(|day| horizon(today).any(|d| d == *day));
    day.map(|day| (user, grant, day)).ok_or_else(|| Ok(Decision::field("day", not_a_day)))
}
