use super::ItemCard;
use crate::catalog::{
    api::search_items,
    live_search::{LiveSearch, RESULTS},
    model::SearchResults,
    validate_query,
};
use crate::ui::shown;
use crate::ui::{set_status, PageFrame, WithIslands};
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
        |q| async move {
            if validate_query(&q).is_ok() {
                search_items(q).await
            } else {
                Ok(SearchResults::default())
            }
        },
    );
    view! {
        <Title text=if query.is_empty() { "搜索".to_string() } else { format!("搜索：{query}") } />
        <PageFrame own_search=true>
            <h1 class="visually-hidden">"搜索办事事项"</h1>
            {invalid.map(|message| view! { <p class="error" role="alert">{message}</p> })}
            <Suspense fallback=|| view! { <p>"正在搜索…"</p> }>
                {move || {
                    let query = query.clone();
                    Suspend::new(shown(async move {
                        results.await.map(|results| view! {
                            <WithIslands>
                                <LiveSearch>
                                    <SearchForm query />
                                    <div id=RESULTS class="search-results" aria-live="polite">
                                        <SearchResultsList results />
                                    </div>
                                </LiveSearch>
                            </WithIslands>
                        })
                    }))
                }}
            </Suspense>
        </PageFrame>
    }
}

/// The search form: a plain GET form, which the island makes answer as you type.
#[component]
fn SearchForm(query: String) -> impl IntoView {
    view! {
        <form class="big-search" method="get" action="/search" role="search">
            <label class="visually-hidden" for="search-q">"搜索办事事项"</label>
            <input id="search-q" type="search" name="q" maxlength="50" autocomplete="off"
                placeholder="输入事项名称或拼音，如：社会保障卡、shbzk" value=query />
            <button type="submit">"搜索"</button>
        </form>
    }
}

/// The results of one query: the count, the list, or what to try when nothing matched.
#[component]
pub fn SearchResultsList(results: SearchResults) -> impl IntoView {
    if results.query.trim().is_empty() {
        return view! { <p class="hint">"可以输入中文、全拼或拼音首字母，例如“shbzk”可以找到社会保障卡。"</p> }
            .into_any();
    }
    if results.items.is_empty() {
        return view! {
            <p class="result-count">{format!("没有找到与“{}”相关的事项。换个说法试试，或", results.query)}<a href="/items">"浏览全部事项"</a>"。"</p>
        }
        .into_any();
    }
    let shown = results.items.len();
    let more = (results.total > shown).then(|| format!("，显示前 {shown} 项"));
    view! {
        <p class="result-count">{format!("找到 {} 项{}", results.total, more.unwrap_or_default())}</p>
        <ul class="item-list">{results.items.into_iter().map(|item| view! { <ItemCard item /> }).collect_view()}</ul>
    }
    .into_any()
}
