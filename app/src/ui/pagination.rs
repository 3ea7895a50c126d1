//! Page links under a list.

use crate::catalog::model::Page;
use leptos::prelude::*;

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
