use crate::deadline::State;
use crate::petitions::api::department_queue;
use crate::petitions::page_data::{Queue, QueueRow};
use crate::staff::pages::StaffFrame;
use crate::ui::live::{Live, Topic};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/staff/petitions/{department}`: the department's open petitions, the one whose next deadline comes first at
/// the top, each state in words and in colour.
#[component]
pub fn QueuePage() -> impl IntoView {
    let department = use_params_map().with_untracked(|p| p.get("department").unwrap_or_default());
    let queue = Resource::new(move || department.clone(), department_queue);
    view! {
        <Title text="诉求办理" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(queue.await, |queue| view! { <QueueView queue /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

/// The counts and the rows follow the department's petitions live: a new one, or a step on one, re-reads them.
#[component]
fn QueueView(queue: Queue) -> impl IntoView {
    view! {
        <h1>{format!("{} · 诉求办理", queue.department_name)}</h1>
        <Live id="queue" topic=Topic::Queue key=queue.department_id.clone() every_seconds=60>
        <ul class="state-counts">
            {queue.counts.into_iter().map(|(state, count)| view! {
                <li class=format!("state {}", state_class(state))>{format!("{} {count}", state.label())}</li>
            }).collect_view()}
        </ul>
        {queue.rows.is_empty().then(|| view! { <p>"没有待办的诉求。"</p> })}
        <ol class="queue">
            {queue.rows.into_iter().map(|row| {
                let href = format!("/staff/petitions/{}/{}", queue.department_id, row.number);
                view! { <Row row><a href=href>"办理"</a></Row> }
            }).collect_view()}
        </ol>
        </Live>
    }
}

fn state_class(state: State) -> &'static str {
    match state {
        State::OnTime => "on-time",
        State::DueSoon => "due-soon",
        State::Overdue => "overdue",
        State::VeryOverdue => "very-overdue",
    }
}

/// One petition in a list, with what may be done to it (`children`) below.
#[component]
pub(super) fn Row(row: QueueRow, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let provisional = if row.provisional { "（暂定）" } else { "" };
    view! {
        <li class="queue-row" data-state=state_class(row.state)>
            <p>
                <span class=format!("state {}", state_class(row.state))>{row.state.label()}</span>
                " "<strong>{row.title}</strong>
            </p>
            <p class="hint">{format!("{} · {} · {} · {}", row.number, row.category, row.tier, row.place)}</p>
            <p>{format!("{}：{} 截止{provisional}，{} · {}", row.clock, row.due, row.left, row.stage)}</p>
            {children.map(|children| children())}
        </li>
    }
}
