use super::{CodeField, StaffFrame};
use crate::ui::form::{submitted, ErrorSummary};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/staff/sign-in`: staff number, password and the authenticator's code in one form, so a refusal never says
/// which of them was wrong.
#[component]
pub fn SignInPage() -> impl IntoView {
    let enrolled = use_query_map().with_untracked(|q| q.get("enrolled").is_some());
    view! {
        <Title text="工作人员登录" />
        <StaffFrame>
            <ErrorSummary />
            <h1>"工作人员登录"</h1>
            {enrolled.then(|| view! { <p class="notice" role="status">"密码和动态验证码已设置好，请登录。"</p> })}
            <form method="post" action="/staff/sign-in">
                <div class="field">
                    <label for="staff_number">"工号"</label>
                    <input id="staff_number" name="staff_number" type="text" maxlength="16" autocomplete="username"
                        spellcheck="false" autocapitalize="characters" required
                        value=submitted("staff_number").unwrap_or_default() />
                </div>
                <div class="field">
                    <label for="password">"密码"</label>
                    <input id="password" name="password" type="password" maxlength="128" autocomplete="current-password" required />
                </div>
                <CodeField label="动态验证码" />
                <button type="submit">"登录"</button>
            </form>
            <p class="hint">"忘记密码或更换了手机，请联系本单位系统管理员重置。"</p>
        </StaffFrame>
    }
}
