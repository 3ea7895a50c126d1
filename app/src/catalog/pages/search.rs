use crate::catalog::{api::search_items, live_search::LiveSearch, validate_query};
use crate::ui::{set_status, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/search?q=…`: a plain GET form; once the island hydrates, results follow the typing.
#[component]
pub fn SearchPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| q.get("q").unwrap_or_default());
    let invalid = validate_query(&query).err();
    if invalid.is_some() {
        set_status(400);
    }
    let results = Resource::new(
        {
            let query = query.clone();
            move || query.clone()
        },
        |q| async move { if validate_query(&q).is_ok() { search_items(q).await.map(Some) } else { Ok(None) } },
    );
    view! {
        <Title text=if query.is_empty() { "搜索".to_string() } else { format!("搜索：{query}") } />
        <PageFrame>
            <h1 class="visually-hidden">"搜索办事事项"</h1>
            {invalid.map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Suspense fallback=|| view! { <p>"正在搜索…"</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(async move {
                        results.await.map(|found| view! { <LiveSearch query results=found.unwrap_or_default() /> })
                    })
                }}
            </Suspense>
        </PageFrame>
    }
}
