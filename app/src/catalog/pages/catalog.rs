use super::{ItemCard, Pagination};
use crate::catalog::api::{list_departments, list_items};
use crate::catalog::filter::{parse_catalog_query, CatalogQuery, Channel, TOPICS};
use crate::ui::{PageFrame, ProblemPage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/items`: every item, filtered by department, topic and channel, twenty to a page.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let parsed = use_query_map().with_untracked(|q| parse_catalog_query(|k| q.get_str(k)));
    match parsed {
        Ok(query) => view! { <CatalogResults query /> }.into_any(),
        Err(message) => view! { <ProblemPage status=400 title="筛选条件有误" message /> }.into_any(),
    }
}

#[component]
fn CatalogResults(query: CatalogQuery) -> impl IntoView {
    let page = Resource::new({ let q = query.clone(); move || q.clone() }, list_items);
    let departments = Resource::new(|| (), |_| list_departments());
    view! {
        <Title text="全部事项" />
        <PageFrame>
            <h1>"全部事项"</h1>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        let departments = departments.await?;
                        let Some(page) = page.await? else {
                            return Ok::<_, ServerFnError>(view! {
                                <ProblemPage status=404 title="部门不存在" message="没有这个部门，请从列表中选择。" />
                            }.into_any());
                        };
                        let filters = view! { <Filters query=query.clone() departments=departments.into_iter().map(|d| (d.department.id, d.department.name)).collect() /> };
                        Ok(view! {
                            {filters}
                            <p class="result-count">{format!("共 {} 项", page.total)}</p>
                            <ul class="item-list">
                                {page.items.clone().into_iter().map(|item| view! { <ItemCard item /> }).collect_view()}
                            </ul>
                            <Pagination page href=move |n| query.href(n) />
                        }.into_any())
                    })
                }}
            </Suspense>
        </PageFrame>
    }
}

/// A plain GET form; the selected options are rendered from the query, so the choice survives the reload.
#[component]
fn Filters(query: CatalogQuery, departments: Vec<(String, String)>) -> impl IntoView {
    let selected_dept = query.department.clone().unwrap_or_default();
    let selected_topic = query.topic.clone().unwrap_or_default();
    let selected_channel = query.channel.map(Channel::slug).unwrap_or_default();
    view! {
        <form class="filters" method="get" action="/items">
            <label>"部门"
                <select name="dept">
                    <option value="">"全部部门"</option>
                    {departments.into_iter().map(|(id, name)| {
                        let selected = id == selected_dept;
                        view! { <option value=id selected=selected>{name}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label>"主题"
                <select name="topic">
                    <option value="">"全部主题"</option>
                    {TOPICS.iter().map(|(slug, label)| view! {
                        <option value=*slug selected=*slug == selected_topic>{*label}</option>
                    }).collect_view()}
                </select>
            </label>
            <label>"渠道"
                <select name="channel">
                    <option value="">"全部渠道"</option>
                    {Channel::ALL.into_iter().map(|c| view! {
                        <option value=c.slug() selected=c.slug() == selected_channel>{c.label()}</option>
                    }).collect_view()}
                </select>
            </label>
            <button type="submit">"筛选"</button>
        </form>
    }
}
