use super::{day_label, slot_label};
use crate::booking::api::{booking_by_token, BookingView};
use crate::booking::model::BookingStatus;
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
    view! {
        <Title text="我的预约" />
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(async move {
                    found_or_not_found(booking.await, |booking| view! { <BookingDetails booking /> })
                })}
            </Suspense>
        </PageFrame>
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
        masked_name,
        on_behalf,
        materials,
        public_url,
        qr_svg,
    } = booking;
    let headline = match status {
        BookingStatus::Booked => "预约成功".to_string(),
        BookingStatus::Waiting => "已登记候补：有人取消时按顺序递补，递补成功会显示在本页".to_string(),
        other => other.label().to_string(),
    };
    let when = format!("{} {}", day_label(day), slot_label(starts));
    view! {
        <section class="booking" class:inactive=!status.is_active() && status != BookingStatus::CheckedIn>
            <p class="status" role="status">{headline}</p>
            <h1>{item_name}</h1>
            <dl class="summary">
                <div><dt>"时间"</dt><dd>{when}</dd></div>
                <div><dt>"办理点"</dt><dd>{format!("{place_name}（{place_address}）")}</dd></div>
                <div><dt>"办事人"</dt><dd>{format!("{masked_name}{}", if on_behalf { "（代办）" } else { "" })}</dd></div>
                <div><dt>"签到码"</dt><dd class="check-in-code">{check_in_code}</dd></div>
            </dl>
            <p class="hint">"到现场后，在自助终端输入签到码或扫描下面的二维码签到。请提前10分钟到达。"</p>
            <figure class="qr">
                <div class="qr-code" inner_html=qr_svg></div>
                <figcaption>"本预约的二维码：扫码可查看、取消或改约。"<span class="url">{public_url}</span></figcaption>
            </figure>
            <p><a class="button" href=format!("/bookings/{token}/calendar.ics") download="预约.ics">"加入日历（提前1小时提醒）"</a></p>
            <h2>"要带的材料"</h2>
            <ul class="plain-list">
                {materials.into_iter().map(|m| view! { <li>{m.name}</li> }).collect_view()}
            </ul>
            <p><a href=format!("/items/{item_id}")>"查看事项详情"</a></p>
        </section>
    }
}
