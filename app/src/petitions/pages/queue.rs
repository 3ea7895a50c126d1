use crate::deadline::State;
use crate::petitions::api::department_queue;
use crate::petitions::page_data::{Queue, QueueFilter, QueueRow};
use crate::petitions::tiers::Tier;
use crate::staff::pages::StaffFrame;
use crate::ui::live::{Live, Topic};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/staff/petitions/{department}`: the department's open petitions, the one whose next deadline comes first at
/// the top, each state in words and in colour.
#[component]
pub fn QueuePage() -> impl IntoView {
    let department = use_params_map().with_untracked(|p| p.get("department").unwrap_or_default());
    let filter = use_query_map().with_untracked(|q| QueueFilter {
        state: q.get("state").unwrap_or_default(),
        tier: q.get("tier").unwrap_or_default(),
        street: q.get("street").unwrap_or_default(),
        category: q.get("category").unwrap_or_default(),
        assignee: q.get("assignee").unwrap_or_default(),
    });
    let queue = Resource::new(move || (department.clone(), filter.clone()), |(d, f)| department_queue(d, f));
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
        <QueueFilters
            action=format!("/staff/petitions/{}", queue.department_id)
            filter=queue.filter.clone()
            streets=queue.streets.clone()
            categories=queue.categories.clone()
        />
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
    state.class()
}

/// The queue's filters, a plain GET form: state, tier, street, category.
#[component]
fn QueueFilters(
    action: String,
    filter: QueueFilter,
    streets: Vec<String>,
    categories: Vec<(String, String)>,
) -> impl IntoView {
    let states = [State::VeryOverdue, State::Overdue, State::DueSoon, State::OnTime]
        .into_iter()
        .map(|s| (s.class().to_string(), s.label().to_string()))
        .collect();
    let tiers = Tier::ALL.into_iter().map(|t| (t.code().to_string(), t.clocks().label.to_string())).collect();
    let streets = streets.into_iter().map(|s| (s.clone(), format!("{s}街"))).collect();
    let choice = |name: &'static str, label: &'static str, options: Vec<(String, String)>, chosen: String| {
        let id = format!("filter-{name}");
        view! {
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">"全部"</option>
                {options.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        }
    };
    view! {
        <form method="get" action=action class="filters">
            {choice("state", "状态", states, filter.state)}
            {choice("tier", "紧急程度", tiers, filter.tier)}
            {choice("street", "街道", streets, filter.street)}
            {choice("category", "类别", categories, filter.category)}
            {choice("assignee", "承办人", vec![("me".into(), "我的".into()), ("none".into(), "未指定".into())], filter.assignee)}
            <button type="submit" class="secondary">"筛选"</button>
        </form>
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
            {row.assignee.map(|assignee| view! { <p class="hint">{format!("承办人：{assignee}")}</p> })}
            {children.map(|children| children())}
        </li>
    }
}
