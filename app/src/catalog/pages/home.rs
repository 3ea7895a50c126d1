use super::ItemCard;
use crate::catalog::{
    api::popular_items,
    filter::{Channel, TOPICS},
};
use crate::ui::shown;
use crate::ui::{elder::ElderToggle, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let popular = Resource::new(|| (), |_| popular_items());
    let (people, business) = TOPICS.split_at(11);
    view! {
        <Title text="首页" />
        <PageFrame>
            <section class="hero">
                <h1>"河北区政务服务 掌上办"</h1>
                <p>"763项政务服务事项，100%可网上办理"</p>
                <form class="big-search" method="get" action="/search" role="search">
                    <label class="visually-hidden" for="home-q">"搜索办事事项"</label>
                    <input id="home-q" type="search" name="q" placeholder="输入事项名称或拼音，如：结婚登记、jhdj" maxlength="50" />
                    <button type="submit">"搜索"</button>
                </form>
                <div class="elder-entry">
                    <span>"字太小？"</span>
                    <ElderToggle />
                </div>
            </section>
            <section>
                <h2>"预约到现场办理"</h2>
                <ul class="tiles channels">
                    <li><a href="/book">"预约办理"</a></li>
                    <li><a href="/bookings">"我的预约"</a></li>
                </ul>
            </section>
            <section>
                <h2>"办事渠道"</h2>
                <ul class="tiles channels">
                    {Channel::ALL.into_iter().map(|c| view! {
                        <li><a href=format!("/items?channel={}", c.slug())>{c.label()}</a></li>
                    }).collect_view()}
                </ul>
            </section>
            <section>
                <h2>"个人办事"</h2>
                <TopicTiles topics=people />
                <h2>"企业办事"</h2>
                <TopicTiles topics=business />
            </section>
            <section>
                <h2>"热门事项"</h2>
                <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                    {move || Suspend::new(shown(async move {
                        popular.await.map(|items| view! {
                            <ul class="item-list">
                                {items.into_iter().map(|item| view! { <ItemCard item /> }).collect_view()}
                            </ul>
                        })
                    }))}
                </Suspense>
            </section>
        </PageFrame>
    }
}

#[component]
fn TopicTiles(topics: &'static [(&'static str, &'static str)]) -> impl IntoView {
    view! {
        <ul class="tiles">
            {topics.iter().map(|(slug, label)| view! {
                <li><a href=format!("/items?topic={slug}")>{*label}</a></li>
            }).collect_view()}
        </ul>
    }
}
