use super::{or_unnamed, slot_label, BookingFrame};
use crate::booking::api::{booking_by_token, reschedule_options};
use crate::booking::model::BookingStatus;
use crate::booking::page_data::{BookingView, MoveChoices};
use crate::calendar::day_label;
use crate::ui::form::{ErrorSummary, Radio};
use crate::ui::live::{Live, Topic};
use crate::ui::shown;
use crate::ui::{found_or_not_found, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/bookings/{token}`: the page behind the QR code. Whoever holds the link sees the booking, without personal
/// data beyond a masked name.
#[component]
pub fn BookingPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let booking = Resource::new(move || token.clone(), booking_by_token);
    // Booked at a kiosk, the confirmation stays in the kiosk's frame (its QR code carries it to a phone).
    view! {
        <Title text="我的预约" />
        <BookingFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(booking.await, |booking| view! { <BookingDetails booking /> })
                }))}
            </Suspense>
        </BookingFrame>
    }
}

#[component]
fn BookingDetails(booking: BookingView) -> impl IntoView {
    let BookingView {
        token,
        check_in_code,
        status,
        item_id,
        item_name,
        place_name,
        place_address,
        day,
        starts,
        place_id,
        masked_name,
        on_behalf,
        promoted_at,
        materials,
        public_url,
        qr_svg,
        at_kiosk,
        ..
    } = booking;
    let headline = match (status, promoted_at) {
        (BookingStatus::Booked, Some(at)) => format!(
            "候补成功：有人取消了预约，{} {} 起您已递补为正式预约，请按时前往",
            day_label(at.date_naive()),
            at.format("%H:%M")
        ),
        (BookingStatus::Booked, None) => "预约成功".to_string(),
        (BookingStatus::Waiting, _) => "已登记候补：有人取消时按顺序递补，递补成功会显示在本页".to_string(),
        (other, _) => other.label().to_string(),
    };
    let when = format!("{} {}", day_label(day), slot_label(starts));
    view! {
        <ErrorSummary />
        // Someone waiting for a seat sees it arrive here, without reloading.
        <Live id="booking" topic=Topic::Slots key=place_id still=status != BookingStatus::Waiting>
            <section class="booking" class:inactive=!status.is_active() && status != BookingStatus::CheckedIn>
                <p class="status" role="status">{headline}</p>
                <h1>{item_name}</h1>
                <dl class="summary">
                    <div><dt>"时间"</dt><dd>{when}</dd></div>
                    <div><dt>"办理点"</dt><dd>{format!("{place_name}（{place_address}）")}</dd></div>
                    <div><dt>"办事人"</dt><dd>{format!("{}{}", or_unnamed(&masked_name), if on_behalf { "（代办）" } else { "" })}</dd></div>
                    <div><dt>"签到码"</dt><dd class="check-in-code">{check_in_code}</dd></div>
                </dl>
                <p class="hint">"到现场后，在自助终端输入签到码或扫描下面的二维码签到。请提前10分钟到达。"</p>
                <figure class="qr">
                    <div class="qr-code" inner_html=qr_svg></div>
                    <figcaption>"本预约的二维码：扫码可查看、取消或改约。"<span class="url">{public_url}</span></figcaption>
                </figure>
                {(!at_kiosk).then(|| view! {
                    <p><a class="button" href=format!("/bookings/{token}/calendar.ics") download="预约.ics">"加入日历（提前1小时提醒）"</a></p>
                })}
                <h2>"要带的材料"</h2>
                <ul class="plain-list">
                    {materials.into_iter().map(|m| view! { <li>{m.name}</li> }).collect_view()}
                </ul>
                {if at_kiosk {
                    view! { <p class="hint">"改约、取消或查看事项详情，请用手机扫描上面的二维码，在自己的手机上操作。"</p> }.into_any()
                } else {
                    view! {
                        <p><a href=format!("/items/{item_id}")>"查看事项详情"</a></p>
                        {status.is_active().then(|| view! { <ChangeBooking token=token.clone() booked=status == BookingStatus::Booked /> })}
                    }.into_any()
                }}
            </section>
        </Live>
    }
}

/// Reschedule (a booked seat) and cancel, behind a native disclosure so a stray tap cancels nothing.
#[component]
fn ChangeBooking(token: String, booked: bool) -> impl IntoView {
    view! {
        <h2>"改约或取消"</h2>
        {booked.then(|| view! {
            <p><a class="button secondary" href=format!("/bookings/{token}/reschedule")>"改约到其他时间"</a></p>
        })}
        <details class="cancel">
            <summary>"取消预约"</summary>
            <p>"取消后，名额会让给候补的人，不能恢复。"</p>
            <form method="post" action=format!("/bookings/{token}/cancel")>
                <button type="submit">"确认取消"</button>
            </form>
        </details>
    }
}

/// `/bookings/{token}/reschedule?day=…`: another day and time at the same place.
#[component]
pub fn ReschedulePage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let day = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("day").and_then(|d| d.parse().ok()));
    let choices = Resource::new(move || (token.clone(), day), |(token, day)| reschedule_options(token, day));
    view! {
        <Title text="改约" />
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(choices.await, |choices| view! { <RescheduleQuestion choices /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn RescheduleQuestion(choices: MoveChoices) -> impl IntoView {
    let MoveChoices { booking, days, day, slots } = choices;
    let token = booking.token.clone();
    let now = format!("{} {}", day_label(booking.day), slot_label(booking.starts));
    view! {
        <p class="back"><a href=format!("/bookings/{token}")>"‹ 返回我的预约"</a></p>
        <ErrorSummary />
        <h1>"改约到其他时间"</h1>
        <p class="hint">{format!("{} · {} · 现在是 {now}。新时段确认之前，原来的名额一直保留。", booking.item_name, booking.place_name)}</p>
        // Seats left change as others book: the days and times follow without a reload.
        <Live id="move-choices" topic=Topic::Slots key=booking.place_id>
            <ul class="day-links">
                {days.into_iter().map(|choice| {
                    let label = day_label(choice.day);
                    match choice.open {
                        Ok(left) if left > 0 => view! {
                            <li class:current=day == Some(choice.day)>
                                <a href=format!("/bookings/{token}/reschedule?day={}", choice.day)>{label}<span class="hint">{format!("余 {left} 个")}</span></a>
                            </li>
                        }.into_any(),
                        Ok(_) => view! { <li class="closed">{label}<span class="hint">"已约满"</span></li> }.into_any(),
                        Err(reason) => view! { <li class="closed">{label}<span class="hint">{reason}</span></li> }.into_any(),
                    }
                }).collect_view()}
            </ul>
            {day.map(|day| view! {
                <form method="post" action=format!("/bookings/{token}/reschedule")>
                    <input type="hidden" name="day" value=day.to_string() />
                    <fieldset class="radios">
                        <legend>{day_label(day)}</legend>
                        {slots.into_iter().filter(|s| s.seats_left > 0).map(|slot| {
                            let hint = format!("余 {} 个名额", slot.seats_left);
                            view! { <Radio name="slot" value=slot.starts.format("%H:%M").to_string() label=slot_label(slot.starts) hint /> }
                        }).collect_view()}
                    </fieldset>
                    <button type="submit">"改到这个时段"</button>
                </form>
            })}
        </Live>
    }
}
