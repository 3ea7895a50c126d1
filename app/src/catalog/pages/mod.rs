//! The catalog's pages. They render only on the server; what hydrates is the `LiveSearch` island.

mod catalog;
mod department;
mod home;
mod item;
mod search;

pub use catalog::CatalogPage;
pub use department::{DepartmentPage, DepartmentsPage};
pub use home::HomePage;
pub use item::ItemPage;
pub use search::{SearchPage, SearchResultsList};

use super::model::{ItemSummary, Page};
use leptos::prelude::*;

/// One item in a list: name, department, promised limit, and its channels as words (never colour alone).
#[component]
pub fn ItemCard(item: ItemSummary) -> impl IntoView {
    let limit = item.promised_limit.describe();
    let channels = channel_badges(&item);
    view! {
        <li class="item-card">
            <a href=format!("/items/{}", item.id)>
                <span class="item-name">{item.name}</span>
                <span class="item-meta">{item.department_name}" · 承诺时限 "{limit}</span>
                <span class="badges">
                    {channels.into_iter().map(|label| view! { <span class="badge">{label}</span> }).collect_view()}
                </span>
            </a>
        </li>
    }
}

fn channel_badges(item: &ItemSummary) -> Vec<&'static str> {
    let c = item.channels;
    [
        (item.visits == 0, "零跑动"),
        (c.palm, "掌上办"),
        (c.unmanned, "无人审批"),
        (c.one_id, "一证通办"),
        (c.bookable, "可预约"),
    ]
    .into_iter()
    .filter_map(|(on, label)| on.then_some(label))
    .collect()
}

/// 上一页 / 第 n 页，共 m 页 / 下一页, as plain links.
#[component]
pub fn Pagination<T: 'static>(page: Page<T>, href: impl Fn(usize) -> String + 'static) -> impl IntoView {
    let count = page.page_count();
    let current = page.page;
    (count > 1).then(|| {
        view! {
            <nav class="pagination" aria-label="分页">
                {(current > 1).then(|| view! { <a rel="prev" href=href(current - 1)>"上一页"</a> })}
                <span>{format!("第 {current} 页，共 {count} 页")}</span>
                {(current < count).then(|| view! { <a rel="next" href=href(current + 1)>"下一页"</a> })}
            </nav>
        }
    })
}
