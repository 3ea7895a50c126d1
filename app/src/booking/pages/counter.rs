//! The counter staff's pages at their place: today's bookings by slot with the waiting line (names masked until a
//! booking is opened), marking arrivals and no-shows, closing a day and reopening it.

use super::{or_unnamed, slot_label};
use crate::booking::api::{counter_booking, counter_today};
use crate::booking::model::BookingStatus;
use crate::booking::page_data::{CounterDay, CounterEntry};
use crate::calendar::day_label;
use crate::staff::pages::StaffFrame;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/staff/counter/{place}`
#[component]
pub fn CounterPage() -> impl IntoView {
    let place = use_params_map().with_untracked(|p| p.get("place").unwrap_or_default());
    let day = Resource::new(move || place.clone(), counter_today);
    view! {
        <Title text="窗口工作台" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(day.await, |day| view! { <CounterView day /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn CounterView(day: CounterDay) -> impl IntoView {
    let base = format!("/staff/counter/{}", day.place_id);
    let closures = day.closures.clone();
    view! {
        <h1>{format!("{} · {}", day.place_name, day_label(day.day))}</h1>
        <ErrorSummary />
        {day.closed.clone().map(|reason| view! {
            <p class="notice" role="status">{format!("今天已停止办公：{reason}")}</p>
        })}
        {day.slots.is_empty().then(|| view! { <p>"今天没有预约。"</p> })}
        {day.slots.into_iter().map(|slot| {
            let base = base.clone();
            view! {
                <section class="counter-slot">
                    <h2>{slot_label(slot.starts)}</h2>
                    <ul class="counter-list">
                        {slot.seats.into_iter().map(|entry| view! { <Entry entry base=base.clone() /> }).collect_view()}
                    </ul>
                    {(!slot.waiting.is_empty()).then(|| view! {
                        <h3>"候补"</h3>
                        <ol class="counter-list">
                            {slot.waiting.into_iter().map(|entry| view! { <Entry entry base=base.clone() /> }).collect_view()}
                        </ol>
                    })}
                </section>
            }
        }).collect_view()}
        <h2 id="close">"停止办公"</h2>
        {(!closures.is_empty()).then(|| view! {
            <ul class="plain-list">
                {closures.into_iter().map(|(closed, reason)| view! {
                    <li>
                        {format!("{}：{reason} ", day_label(closed))}
                        <form method="post" action=format!("{base}/reopen") class="inline">
                            <input type="hidden" name="day" value=closed.to_string() />
                            <button type="submit" class="secondary">"恢复办公"</button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        <form method="post" action=format!("{base}/close")>
            <div class="field">
                <label for="day">"日期"</label>
                <FieldError field="day" />
                <select id="day" name="day">
                    {day.closable.into_iter().map(|d| view! { <option value=d.to_string()>{day_label(d)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="reason">"原因（预约人会看到）"</label>
                <FieldError field="reason" />
                <input id="reason" name="reason" type="text" maxlength="100" required />
            </div>
            <p class="hint">"当天的预约和候补都会标记为停止办公；恢复办公后，它们会恢复原状，候补顺序不变。"</p>
            <button type="submit">"停止办公"</button>
        </form>
    }
}

#[component]
fn Entry(entry: CounterEntry, base: String) -> impl IntoView {
    let place_in_line = match (entry.waiting_position, entry.check_in_position) {
        (Some(position), _) => format!("候补第{position}位 · "),
        (_, Some(position)) => format!("第{position}位签到 · "),
        _ => String::new(),
    };
    let token = entry.token.clone();
    view! {
        <li class="counter-entry" data-status=entry.status.code()>
            <a href=format!("{base}/bookings/{}", entry.token)>{or_unnamed(&entry.name_masked).to_string()}</a>
            <span class="hint">{format!(" {} · 签到码 {} · {place_in_line}{}", entry.item_name, entry.check_in_code, entry.status.label())}</span>
            {entry.can_arrive.then(|| view! {
                <form method="post" action=format!("{base}/arrived") class="inline">
                    <input type="hidden" name="token" value=token.clone() />
                    <button type="submit">"到场"</button>
                </form>
            })}
            {entry.can_no_show.then(|| view! {
                <form method="post" action=format!("{base}/no-show") class="inline">
                    <input type="hidden" name="token" value=token.clone() />
                    <button type="submit" class="secondary">"未到场"</button>
                </form>
            })}
        </li>
    }
}

/// `/staff/counter/{place}/bookings/{token}`: one booking in full, to check the applicant's papers.
#[component]
pub fn CounterBookingPage() -> impl IntoView {
    let params =
        use_params_map().with_untracked(|p| (p.get("place").unwrap_or_default(), p.get("token").unwrap_or_default()));
    let place = params.0.clone();
    let opened = Resource::new(move || params.clone(), |(place, token)| counter_booking(place, token));
    view! {
        <Title text="预约详情" />
        <StaffFrame signed_in=true>
            <p class="back"><a href=format!("/staff/counter/{place}")>"‹ 今天的预约"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(opened.await, |b| view! {
                        <h1>{format!("{} · {}", or_unnamed(&b.name), b.item_name)}</h1>
                        <dl class="facts">
                            <dt>"时段"</dt><dd>{format!("{} {}", day_label(b.day), slot_label(b.starts))}</dd>
                            <dt>"状态"</dt><dd>{b.status.label()}</dd>
                            <dt>"签到码"</dt><dd>{b.check_in_code}</dd>
                            <dt>{b.id_type_label}</dt><dd>{b.id_number}</dd>
                            <dt>"手机"</dt><dd>{b.phone}</dd>
                            <dt>"代办"</dt><dd>{if b.on_behalf { "是" } else { "否" }}</dd>
                        </dl>
                        {(b.status == BookingStatus::Booked).then(|| view! { <p class="hint">"核对证件后，在今天的列表中点“到场”。"</p> })}
                        <p class="hint">"查看记录已写入操作记录。"</p>
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}
