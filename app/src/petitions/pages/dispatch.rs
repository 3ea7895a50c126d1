use super::queue::Row;
use crate::petitions::api::new_petitions;
use crate::petitions::page_data::{DispatchDesk, ToRoute};
use crate::staff::pages::StaffFrame;
use crate::ui::form::ErrorSummary;
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/dispatch`: the new petitions, oldest first, each with a form that routes it to a department (its
/// category's to begin with).
#[component]
pub fn DispatchPage() -> impl IntoView {
    let desk = Resource::new(|| (), |_| new_petitions());
    view! {
        <Title text="派单" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"待派单的诉求"</h1>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    desk.await.map(|desk| view! { <DeskView desk /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn DeskView(desk: DispatchDesk) -> impl IntoView {
    let DispatchDesk { rows, departments } = desk;
    view! {
        {rows.is_empty().then(|| view! { <p>"没有待派单的诉求。"</p> })}
        <ol class="queue">
            {rows.into_iter().map(|to_route| view! { <ToRouteRow to_route departments=departments.clone() /> }).collect_view()}
        </ol>
    }
}

#[component]
fn ToRouteRow(to_route: ToRoute, departments: Vec<(String, String)>) -> impl IntoView {
    let ToRoute { id, version, line, suggested } = to_route;
    let select_id = format!("department-{id}");
    view! {
        <Row row=line>
            <form method="post" action="/staff/dispatch/route">
                <input type="hidden" name="id" value=id.to_string() />
                <input type="hidden" name="version" value=version.to_string() />
                <label for=select_id.clone()>"办理部门"</label>
                " "
                <select id=select_id name="department">
                    <option value="">"—"</option>
                    {departments.into_iter().map(|(department, name)| {
                        let chosen = suggested.as_deref() == Some(department.as_str());
                        view! { <option value=department selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
                " "
                <button type="submit">"派单"</button>
            </form>
        </Row>
    }
}
