//! `/staff/dispatch/roster`: the dispatch centre's duty roster — who is on now (or a warning that nobody is, so
//! alerts go to every dispatcher), the coming fortnight's shifts with a button to take one off, and the form that
//! puts a shift on.

use crate::petitions::api::dispatch_roster;
use crate::petitions::page_data::{RosterView, ShiftRow};
use crate::staff::pages::StaffFrame;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn RosterPage() -> impl IntoView {
    let roster = Resource::new(|| (), |_| dispatch_roster());
    view! {
        <Title text="值班表" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff/dispatch">"‹ 派单"</a></p>
            <h1>"值班表"</h1>
            <p class="hint">"紧急和加急诉求到达时，会发短信给正在值班的调度员；没有人值班时发给所有调度员。"</p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    roster.await.map(|roster| view! { <Roster roster /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn Roster(roster: RosterView) -> impl IntoView {
    let RosterView { on_duty, shifts, dispatchers, today } = roster;
    view! {
        {if on_duty.is_empty() {
            view! {
                <p class="notice warning" role="status">"现在没有人值班：紧急和加急诉求的短信会发给所有调度员。"</p>
            }.into_any()
        } else {
            view! { <p class="notice" role="status">{format!("现在值班：{}", on_duty.join("；"))}</p> }.into_any()
        }}
        <h2>"今后两周"</h2>
        {shifts.is_empty().then(|| view! { <p>"还没有排班。"</p> })}
        <div class="table-wrap"><table class="roster">
            <thead><tr><th>"日期"</th><th>"时间"</th><th>"调度员"</th><th></th></tr></thead>
            <tbody>
                {shifts.into_iter().map(|row| view! { <Shift row /> }).collect_view()}
            </tbody>
        </table></div>
        <h2>"排班"</h2>
        <form method="post" action="/staff/dispatch/roster">
            <div class="field">
                <label for="dispatcher">"调度员"</label>
                <FieldError field="dispatcher" />
                <select id="dispatcher" name="dispatcher">
                    {dispatchers.into_iter().map(|(number, name)| view! {
                        <option value=number.clone()>{format!("{name}（{number}）")}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="day">"日期"</label>
                <FieldError field="day" />
                <input id="day" name="day" type="date" value=today required />
            </div>
            <div class="field">
                <label for="starts">"开始时间"</label>
                <FieldError field="starts" />
                <input id="starts" name="starts" type="time" value="08:00" required />
            </div>
            <div class="field">
                <label for="hours">"时长（小时）"</label>
                <FieldError field="hours" />
                <input id="hours" name="hours" type="number" min="1" max="24" value="8" inputmode="numeric" required />
            </div>
            <button type="submit">"排班"</button>
        </form>
    }
}

#[component]
fn Shift(row: ShiftRow) -> impl IntoView {
    let ShiftRow { id, day, hours, who, on_now } = row;
    view! {
        <tr class:on-now=on_now>
            <td>{day}</td>
            <td>{if on_now { format!("{hours}（值班中）") } else { hours }}</td>
            <td>{who.clone()}</td>
            <td>
                <form method="post" action="/staff/dispatch/roster/remove">
                    <input type="hidden" name="id" value=id.to_string() />
                    <button type="submit" class="secondary" aria-label=format!("取消{who}的这个班")>"取消"</button>
                </form>
            </td>
        </tr>
    }
}
