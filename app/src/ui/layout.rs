use super::{elder::ElderToggle, set_status};
use leptos::{context::Provider, nonce::use_nonce, prelude::*};
use leptos_meta::Title;

/// The frame of every page: the header with the search box, the page itself, the footer. The search page has
/// its own, larger box and leaves the header's out (`own_search`).
#[component]
pub fn PageFrame(#[prop(optional)] own_search: bool, children: Children) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <a class="brand" href="/">
                    <span class="brand-name">"掌上办"</span>
                    <span class="brand-sub">"天津市河北区政务服务"</span>
                </a>
                <ElderToggle />
            </div>
            {(!own_search).then(|| view! {
                <form class="header-search" method="get" action="/search" role="search">
                    <label class="visually-hidden" for="header-q">"搜索办事事项"</label>
                    <input id="header-q" type="search" name="q" placeholder="搜索事项，如：社保卡、shbzk" maxlength="50" />
                    <button type="submit">"搜索"</button>
                </form>
            })}
        </header>
        <main id="main">{children()}</main>
        <footer class="site-footer">
            <nav>
                <a href="/items">"全部事项"</a>
                <a href="/departments">"部门与职责清单"</a>
                <a href="/bookings">"我的预约"</a>
                <a href="/rankings">"部门考评排名"</a>
            </nav>
            <p>"天津市河北区人民政府 · 政务服务便民热线 12345"</p>
        </footer>
    }
}

/// A page that explains what went wrong, in Chinese, with the header and search box still there.
#[component]
pub fn ProblemPage(status: u16, title: &'static str, #[prop(into)] message: String) -> impl IntoView {
    view! {
        <Title text=title />
        <PageFrame>
            <Problem status title message />
        </PageFrame>
    }
}

/// What went wrong, in Chinese, in the frame the page already has (the site's, a kiosk's or the staff's); sets the
/// status.
#[component]
pub fn Problem(status: u16, title: &'static str, message: String) -> impl IntoView {
    set_status(status);
    view! {
        <section class="problem" role="alert">
            <h1>{title}</h1>
            <p>{message}</p>
            <p>
                <a class="button" href="/">"返回首页"</a>
                " "
                <a href="/items">"浏览全部事项"</a>
            </p>
        </section>
    }
}

/// A part of a page made from data: its view, or in its place what went wrong — a refusal's own message (400, from
/// `ui::rejected`) or that the service is away for a moment (503: the database, most likely; the details go to
/// the log, never the page). Every `Suspend` on a page goes through this. Errors are not thrown to an
/// `ErrorBoundary`: under SSR a boundary decides once its top-level `Suspense` resolve, before nested ones fail.
pub async fn shown<V: IntoView + 'static>(
    part: impl std::future::Future<Output = Result<V, ServerFnError>>,
) -> AnyView {
    match part.await {
        Ok(view) => view.into_any(),
        Err(ServerFnError::Args(message)) => {
            // A refusal that set its own status (403, or a redirect to sign in) keeps it.
            let status = super::status_set().unwrap_or(400);
            view! { <Problem status title="无法处理这个请求" message /> }.into_any()
        }
        Err(error) => {
            leptos::logging::error!("a page could not be made: {error}");
            let message = "系统暂时无法访问，请稍后再试。急事请拨打政务服务便民热线 12345。".to_string();
            view! { <Problem status=503 title="系统暂时无法访问" message /> }.into_any()
        }
    }
}

const NOT_FOUND_TITLE: &str = "页面不存在";
const NOT_FOUND_MESSAGE: &str = "您要找的页面不存在或已被移除。可以用上方的搜索框查找办事事项。";

/// The 404 page of an address no route knows.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ProblemPage status=404 title=NOT_FOUND_TITLE message=NOT_FOUND_MESSAGE /> }
}

/// A page's data that may not exist: its view when found, when not the 404's words in the frame the page
/// already has (the site's, a kiosk's or the staff's), as `shown` says its problems.
pub fn found_or_not_found<T, V: IntoView + 'static>(
    found: Result<Option<T>, ServerFnError>,
    show: impl FnOnce(T) -> V,
) -> Result<AnyView, ServerFnError> {
    Ok(match found? {
        Some(data) => show(data).into_any(),
        None => view! {
            <Title text=NOT_FOUND_TITLE />
            <Problem status=404 title=NOT_FOUND_TITLE message=NOT_FOUND_MESSAGE.to_string() />
        }
        .into_any(),
    })
}

/// `children`, which hold islands, and the islands bundle that makes them live: only pages with an island load
/// it, and every other page costs a phone no script at all. Nested inside another, it adds nothing: a page
/// loads the bundle once, however many parts of it have islands. The loader is our own (`islands.js`), not
/// `HydrationScripts`: that one preloads the bundle at high priority, in the way of the page's first paint.
#[component]
pub fn WithIslands(children: Children) -> impl IntoView {
    let loaded_above = use_context::<IslandsLoaded>().is_some();
    let loader = (!loaded_above).then(|| {
        use_context::<LeptosOptions>().map(|options| {
            let pkg = format!("/{}/{}", options.site_pkg_dir, options.output_name);
            let code = format!(
                "const JS = {:?}, WASM = {:?};\n{}",
                format!("{pkg}.js"),
                format!("{pkg}_bg.wasm"),
                include_str!("islands.js")
            );
            view! { <script type="module" nonce=use_nonce() inner_html=code></script> }
        })
    });
    view! {
        <Provider value=IslandsLoaded>{children()}</Provider>
        {loader}
    }
}

/// Says that an enclosing `WithIslands` loads the bundle.
#[derive(Clone, Copy)]
struct IslandsLoaded;

/// 演示数据: while the demo petition history is loaded, every page says so, above everything else.
#[component]
pub fn DemoBanner() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let demo = use_context::<crate::services::Services>().is_some_and(|services| services.site.demo);
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    demo.then(|| {
        view! {
            <p class="demo-banner" role="note">
                "演示数据：本站的诉求、回访和排名记录是生成的演示数据，不是真实的居民诉求。"
            </p>
        }
    })
}
