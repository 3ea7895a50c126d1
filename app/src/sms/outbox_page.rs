//! `/dev/outbox`: the queued texts and where each stands, for developers and the browser tests (which read a
//! phone's code here). It exists only in development (`PALM_DEVELOPMENT=1`); anywhere else it is a 404.

use super::Kept;
use crate::ui::{found_or_not_found, shown, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// The newest texts; `None` outside development.
#[server(endpoint = "dev/outbox")]
pub async fn outbox_texts() -> Result<Option<Vec<Kept>>, ServerFnError> {
    let services = crate::services::services()?;
    match &services.sms.outbox {
        Some(outbox) => Ok(Some(outbox.newest(50).await?)),
        None => Ok(None),
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    let texts = Resource::new(|| (), |_| outbox_texts());
    view! {
        <Title text="短信发件箱（开发用）" />
        <PageFrame>
            <h1>"短信发件箱（开发用）"</h1>
            <p class="hint">"发出的短信都在这里，最新的在上面。开发和测试时没有接短信网关，短信不会真的发到手机上。"</p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(texts.await, |texts| view! {
                        <ol class="plain-list outbox">
                            {texts.into_iter().map(|text| view! {
                                <li>
                                    <span class="hint">{text.at}</span>" "
                                    <span class="phone">{text.phone_masked}</span>" "
                                    <span class="hint">{text.state}</span>
                                    <p class="words">{text.words}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    })
                }))}
            </Suspense>
        </PageFrame>
    }
}

/// The development pages, which the app's router lists.
#[component(transparent)]
pub fn DevelopmentRoutes() -> impl MatchNestedRoutes + Clone {
    view! { <Route path=path!("/dev/outbox") view=OutboxPage ssr=SsrMode::Async /> }.into_inner()
}
