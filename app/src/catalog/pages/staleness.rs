//! `/staff/disclosure`: what is stale in the district's disclosure (职责清单 and service items not reviewed for a
//! year), department by department, the stalest first — for the district's service office, and for each
//! department head their own.

use crate::catalog::api::disclosure_report;
use crate::catalog::page_data::DepartmentStaleness;
use crate::staff::pages::StaffFrame;
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn StalenessPage() -> impl IntoView {
    let report = Resource::new(|| (), |_| disclosure_report());
    view! {
        <Title text="公开信息更新情况" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"公开信息更新情况"</h1>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    report.await.map(|report| view! {
                        <p class="hint">{format!(
                            "截至{}。职责清单和办事事项超过一年（365天）未审核即为过期；更新及时率 = 一年内审核过的条目 ÷ 全部条目，计入部门月度考评。",
                            report.today
                        )}</p>
                        <div class="table-wrap" tabindex="0" role="region" aria-label="公开信息更新表">
                            <table class="staleness">
                                <thead><tr>
                                    <th scope="col">"部门"</th><th scope="col">"职责清单最近审核"</th>
                                    <th scope="col">"办事事项"</th><th scope="col">"过期事项"</th><th scope="col">"更新及时率"</th>
                                </tr></thead>
                                <tbody>{report.departments.iter().cloned().map(|department| view! { <Row department /> }).collect_view()}</tbody>
                            </table>
                        </div>
                        {report.departments.into_iter().filter(|d| !d.stale_items.is_empty()).map(|department| view! {
                            <h2 id=format!("stale-{}", department.id)>{format!("{}：过期事项", department.name)}</h2>
                            <ul class="plain-list">
                                {department.stale_items.into_iter().map(|(id, name, on)| view! {
                                    <li><a href=format!("/items/{id}")>{name}</a>{format!("（最近审核：{on}）")}</li>
                                }).collect_view()}
                            </ul>
                        }).collect_view()}
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn Row(department: DepartmentStaleness) -> impl IntoView {
    view! {
        <tr>
            <th scope="row"><a href=format!("/departments/{}", department.id)>{department.name}</a></th>
            <td>
                {department.list_reviewed_on}
                {department.list_stale.then(|| view! { " "<span class="badge stale">"超过一年未更新"</span> })}
            </td>
            <td>{department.items}</td>
            <td>{department.stale_items.len()}</td>
            <td>{department.fresh_share}</td>
        </tr>
    }
}
