//! The staff pages, under `/staff`: never linked from residents' pages, never indexed, and each checks its
//! caller's grant through its server function. Forms post to plain handlers in `server/src/staff/`.

mod admin;
mod desk;
mod enrol;
mod keys;
mod sign_in;

pub use admin::{AccountPage, AccountsPage, AuditPage};
pub use desk::DeskPage;
pub use enrol::EnrolPage;
pub use keys::KeysPage;
pub use sign_in::SignInPage;

use crate::ui::form::FieldError;
use leptos::prelude::*;
use leptos_meta::Meta;
use leptos_router::{components::Route, path, MatchNestedRoutes, SsrMode};

/// The frame of every staff page: the staff header (with signing out when someone is signed in), no search, and
/// no way into residents' pages but the site's name.
#[component]
pub fn StaffFrame(#[prop(optional)] signed_in: bool, children: Children) -> impl IntoView {
    view! {
        <Meta name="robots" content="noindex, nofollow" />
        <header class="site-header staff-header">
            <div class="bar">
                <a class="brand" href="/staff">
                    <span class="brand-name">"掌上办 · 工作台"</span>
                    <span class="brand-sub">"河北区政务服务工作人员"</span>
                </a>
                {signed_in.then(|| view! {
                    <form method="post" action="/staff/sign-out">
                        <button type="submit" class="secondary">"退出登录"</button>
                    </form>
                })}
            </div>
        </header>
        <main id="main">{children()}</main>
    }
}

/// The authenticator's code: six digits, typed or filled in by the phone's one-time-code suggestion.
#[component]
fn CodeField(label: &'static str) -> impl IntoView {
    view! {
        <div class="field">
            <label for="code">{label}</label>
            <p class="hint" id="code-hint">"验证器中“掌上办 河北区”下方的6位数字"</p>
            <FieldError field="code" />
            <input id="code" name="code" type="text" inputmode="numeric" maxlength="7" autocomplete="one-time-code"
                aria-describedby="code-hint" required />
        </div>
    }
}

/// The staff pages, which the app's router lists. Every page renders async, so the status a page sets reaches
/// the response.
#[component(transparent)]
pub fn StaffRoutes() -> impl MatchNestedRoutes + Clone {
    view! {
        <Route path=path!("/staff") view=DeskPage ssr=SsrMode::Async />
        <Route path=path!("/staff/sign-in") view=SignInPage ssr=SsrMode::Async />
        <Route path=path!("/staff/enrol/:token") view=EnrolPage ssr=SsrMode::Async />
        <Route path=path!("/staff/admin/accounts") view=AccountsPage ssr=SsrMode::Async />
        <Route path=path!("/staff/admin/accounts/:number") view=AccountPage ssr=SsrMode::Async />
        <Route path=path!("/staff/admin/audit") view=AuditPage ssr=SsrMode::Async />
        <Route path=path!("/staff/admin/keys") view=KeysPage ssr=SsrMode::Async />
    }
    .into_inner()
}
