use super::ItemCard;
use crate::catalog::api::{list_departments, list_items};
use crate::catalog::filter::{parse_catalog_query, CatalogQuery, Channel, TOPICS};
use crate::ui::shown;
use crate::ui::Pagination;
use crate::ui::{set_status, PageFrame, Problem};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/items`: every item, filtered by department, topic and channel, twenty to a page. Filters that cannot be
/// understood get the page again, with the message above the form and a 400.
#[component]
pub fn CatalogPage() -> impl IntoView {
    let parsed = use_query_map().with_untracked(|q| parse_catalog_query(|k| q.get_str(k)));
    let (query, problem) = match parsed {
        Ok(query) => (query, None),
        Err(message) => {
            set_status(400);
            (CatalogQuery { page: 1, ..Default::default() }, Some(message))
        }
    };
    let page = Resource::new(
        {
            let q = query.clone();
            move || q.clone()
        },
        list_items,
    );
    let departments = Resource::new(|| (), |_| list_departments());
    view! {
        <Title text="全部事项" />
        <PageFrame>
            <h1>"全部事项"</h1>
            {problem.map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(shown(async move {
                        let departments = departments.await?;
                        let Some(page) = page.await? else {
                            return Ok::<_, ServerFnError>(view! {
                                <Title text="部门不存在" />
                                <Problem status=404 title="部门不存在" message="没有这个部门，请从列表中选择。".to_string() />
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
                    }))
                }}
            </Suspense>
        </PageFrame>
    }
}

/// A plain GET form; the selected options are rendered from the query, so the choice survives the reload.
#[component]
fn Filters(query: CatalogQuery, departments: Vec<(String, String)>) -> impl IntoView {
    let topics = TOPICS.iter().map(|(slug, label)| (slug.to_string(), label.to_string())).collect();
    let channels = Channel::ALL.into_iter().map(|c| (c.slug().to_string(), c.label().to_string())).collect();
    view! {
        <form class="filters" method="get" action="/items">
            <FilterSelect label="部门" name="dept" any="全部部门" options=departments selected=query.department.unwrap_or_default() />
            <FilterSelect label="主题" name="topic" any="全部主题" options=topics selected=query.topic.unwrap_or_default() />
            <FilterSelect label="渠道" name="channel" any="全部渠道" options=channels
                selected=query.channel.map(Channel::slug).unwrap_or_default().to_string() />
            <button type="submit">"筛选"</button>
        </form>
    }
}

/// One labelled `<select>` of (value, label) options, with an "all" choice first.
#[component]
fn FilterSelect(
    label: &'static str,
    name: &'static str,
    any: &'static str,
    options: Vec<(String, String)>,
    selected: String,
) -> impl IntoView {
    view! {
        <label>{label}
            <select name=name>
                <option value="">{any}</option>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
}
