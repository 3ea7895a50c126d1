use super::slot_label;
use crate::booking::api::my_bookings;
use crate::booking::page_data::BookingLine;
use crate::calendar::day_label;
use crate::ui::form::{submitted, ErrorSummary, FieldError};
use crate::ui::shown;
use crate::ui::PageFrame;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/bookings`: find your bookings with the phone you gave and one check-in code.
#[component]
pub fn LookupPage() -> impl IntoView {
    view! {
        <Title text="查找我的预约" />
        <PageFrame>
            <ErrorSummary />
            <h1>"查找我的预约"</h1>
            <p class="hint">"输入预约时留的手机号码，和其中任意一个预约的签到码（8位，在预约页面和短信里）。"</p>
            <form method="post" action="/bookings/lookup" autocomplete="off">
                <div class="field">
                    <label for="phone">"手机号码"</label>
                    <FieldError field="phone" />
                    <input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="20" />
                </div>
                <div class="field">
                    <label for="code">"签到码"</label>
                    <FieldError field="code" />
                    <input id="code" name="code" type="text" maxlength="12" spellcheck="false" autocapitalize="characters"
                        value=submitted("code").unwrap_or_default() />
                </div>
                <button type="submit">"查找"</button>
            </form>
        </PageFrame>
    }
}

/// `/my-bookings`: the bookings of the phone just proved.
#[component]
pub fn MyBookingsPage() -> impl IntoView {
    let lines = Resource::new(|| (), |_| my_bookings());
    view! {
        <Title text="我的预约" />
        <PageFrame>
            <h1>"我的预约"</h1>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    Ok::<_, ServerFnError>(match lines.await? {
                        None => view! { <p>"请先"<a href="/bookings">"用手机号码和签到码查找"</a>"。"</p> }.into_any(),
                        Some(lines) => view! {
                            <ul class="booking-lines">{lines.into_iter().map(|line| view! { <Line line /> }).collect_view()}</ul>
                        }.into_any(),
                    })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn Line(line: BookingLine) -> impl IntoView {
    view! {
        <li>
            <a href=format!("/bookings/{}", line.token)>{line.item_name}</a>
            <span class="hint">{format!("{} {} · {} · {}", day_label(line.day), slot_label(line.starts), line.place_name, line.status.label())}</span>
        </li>
    }
}
