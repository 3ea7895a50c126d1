use super::ItemCard;
use crate::catalog::api::{fetch_department_details, list_departments};
use crate::catalog::filter::parse_catalog_query;
use crate::catalog::model::Department;
use crate::catalog::page_data::DepartmentDetails;
use crate::ui::shown;
use crate::ui::Pagination;
use crate::ui::{found_or_not_found, PageFrame, ProblemPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/departments`: every department's responsibility list, with how fresh it is — the disclosure the source
/// document found stale.
#[component]
pub fn DepartmentsPage() -> impl IntoView {
    let departments = Resource::new(|| (), |_| list_departments());
    view! {
        <Title text="部门与职责清单" />
        <PageFrame>
            <h1>"部门与职责清单"</h1>
            <p class="hint">"职责清单超过一年未核对的，标注“超过一年未更新”。"</p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    departments.await.map(|list| view! {
                        <ul class="department-list">
                            {list.into_iter().map(|d| view! {
                                <li>
                                    <a href=format!("/departments/{}", d.department.id)>{d.department.name.clone()}</a>
                                    <ReviewedOn department=d.department stale=d.stale />
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
pub fn DepartmentPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let page = use_query_map().with_untracked(|q| parse_catalog_query(|k| q.get_str(k)).map(|q| q.page));
    let Ok(page) = page else {
        return view! { <ProblemPage status=400 title="页码有误" message="页码应为正整数。" /> }.into_any();
    };
    let details = Resource::new(move || (id.clone(), page), |(id, page)| fetch_department_details(id, page));
    view! {
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(details.await, |details| view! { <DepartmentView details /> })
                }))}
            </Suspense>
        </PageFrame>
    }
    .into_any()
}

#[component]
fn DepartmentView(details: DepartmentDetails) -> impl IntoView {
    let DepartmentDetails { department, stale, items } = details;
    let id = department.id.clone();
    view! {
        <Title text=department.name.clone() />
        <h1>{department.name.clone()}</h1>
        {(!department.former_names.is_empty()).then(|| view! {
            <p class="former">"曾用名："
                {department.former_names.iter().map(|f| format!("{}（至{}）", f.name, f.until)).collect::<Vec<_>>().join("，")}
            </p>
        })}
        <p>"咨询电话："<a href=format!("tel:{}", department.phone)>{department.phone.clone()}</a></p>
        <section>
            <h2>"职责清单"</h2>
            <ReviewedOn department=department.clone() stale />
            <ol class="duties">{department.responsibilities.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ol>
        </section>
        <section>
            <h2>{format!("本部门办理的事项（{}项）", items.total)}</h2>
            <ul class="item-list">{items.items.clone().into_iter().map(|item| view! { <ItemCard item /> }).collect_view()}</ul>
            <Pagination page=items href=move |n| format!("/departments/{id}?page={n}") />
        </section>
    }
}

/// "最近核对 2017-12-28" and, past a year, a badge in words as well as colour.
#[component]
fn ReviewedOn(department: Department, stale: bool) -> impl IntoView {
    view! {
        <span class="reviewed">
            {format!("职责清单最近核对：{}", department.responsibilities_reviewed_on)}
            {stale.then(|| view! { <span class="badge stale">"超过一年未更新"</span> })}
        </span>
    }
}
