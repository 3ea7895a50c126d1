use super::{CodeField, StaffFrame};
use crate::staff::api::enrolment_page;
use crate::staff::page_data::EnrolmentView;
use crate::staff::sign_in::SHORTEST_PASSWORD;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/staff/enrol/{token}`: the one-time link an admin hands over. It shows the authenticator's secret as a QR
/// code and as text, and sets the password with a first code that proves the authenticator was added.
#[component]
pub fn EnrolPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let view_of = Resource::new(move || token.clone(), enrolment_page);
    view! {
        <Title text="设置密码和动态验证码" />
        <StaffFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(view_of.await, |found| match found {
                        EnrolmentView::Open { name, staff_number, qr_svg, secret, otpauth_uri } => view! {
                            <ErrorSummary />
                            <h1>"设置密码和动态验证码"</h1>
                            <p>{format!("{name}（工号 {staff_number}），请在本人手机上完成以下两步。此链接只能使用一次。")}</p>
                            <h2>"第一步：添加到验证器"</h2>
                            <p class="hint">"用手机上的验证器（如“腾讯身份验证器”“Microsoft Authenticator”）扫描二维码；无法扫描时，手动输入下面的密钥。"</p>
                            <div class="qr enrol-qr" inner_html=qr_svg></div>
                            <p>"密钥："<code class="secret">{secret}</code></p>
                            <details><summary>"验证器地址"</summary><p class="url"><code>{otpauth_uri}</code></p></details>
                            <h2>"第二步：设置密码"</h2>
                            <form method="post" autocomplete="off">
                                <div class="field">
                                    <label for="password">"新密码"</label>
                                    <p class="hint">{format!("至少{SHORTEST_PASSWORD}个字符，可以用一句好记的话。")}</p>
                                    <FieldError field="password" />
                                    <input id="password" name="password" type="password" maxlength="128" autocomplete="new-password" required />
                                </div>
                                <div class="field">
                                    <label for="again">"再输入一次"</label>
                                    <input id="again" name="again" type="password" maxlength="128" autocomplete="new-password" required />
                                </div>
                                <CodeField label="验证器上的6位数字" />
                                <button type="submit">"完成设置"</button>
                            </form>
                        }.into_any(),
                        EnrolmentView::Spent => {
                            crate::ui::set_status(410);
                            view! {
                            <h1>"链接已失效"</h1>
                            <p>"此链接已使用或已过期。请联系系统管理员重新发送。"</p>
                            }.into_any()
                        }
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}
