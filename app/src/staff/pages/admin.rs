//! The admin's pages: accounts and grants, one account, the audit trail.

use super::StaffFrame;
use crate::staff::api::{all_accounts, audit_entries, one_account};
use crate::staff::model::ROLES;
use crate::staff::page_data::{AccountLine, IssuedLink, ScopeChoices};
use crate::ui::form::{submitted, ErrorSummary, FieldError};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/staff/admin/accounts`: every account, and the form that makes one.
#[component]
pub fn AccountsPage() -> impl IntoView {
    let all = Resource::new(|| (), |_| all_accounts());
    view! {
        <Title text="账号与权限" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"账号与权限"</h1>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    let all = all.await?;
                    Ok::<_, ServerFnError>(view! {
                        <div class="table-wrap"><table class="accounts">
                            <thead><tr><th>"工号"</th><th>"姓名"</th><th>"手机"</th><th>"权限"</th><th>"状态"</th></tr></thead>
                            <tbody>{all.accounts.into_iter().map(|line| view! { <AccountRow line /> }).collect_view()}</tbody>
                        </table></div>
                        <h2 id="new">"新建账号"</h2>
                        <ErrorSummary />
                        <form method="post" action="/staff/admin/accounts" autocomplete="off">
                            <div class="field">
                                <label for="staff_number">"工号"</label>
                                <FieldError field="staff_number" />
                                <input id="staff_number" name="staff_number" type="text" maxlength="16" required
                                    value=submitted("staff_number").unwrap_or_default() />
                            </div>
                            <div class="field">
                                <label for="name">"姓名"</label>
                                <FieldError field="name" />
                                <input id="name" name="name" type="text" maxlength="30" required value=submitted("name").unwrap_or_default() />
                            </div>
                            <div class="field">
                                <label for="phone">"手机号码"</label>
                                <FieldError field="phone" />
                                <input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="20" required />
                            </div>
                            <GrantFields scopes=all.scopes />
                            <button type="submit">"创建账号并生成注册链接"</button>
                        </form>
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

/// An account's state in words.
fn account_state(line: &AccountLine) -> &'static str {
    match (line.disabled, line.enrolled) {
        (true, _) => "已停用",
        (false, false) => "待注册（尚未设置密码和动态验证码）",
        (false, true) => "正常",
    }
}

#[component]
fn AccountRow(line: AccountLine) -> impl IntoView {
    let state = account_state(&line);
    view! {
        <tr>
            <td><a href=format!("/staff/admin/accounts/{}", line.staff_number)>{line.staff_number.clone()}</a></td>
            <td>{line.name}</td>
            <td>{line.phone_masked}</td>
            <td>{line.grants.into_iter().map(|g| format!("{} · {}", g.role_label, g.scope_name)).collect::<Vec<_>>().join("；")}</td>
            <td>{state}</td>
        </tr>
    }
}

/// A role, and the department or place it is over (the roles without one ignore both).
#[component]
fn GrantFields(scopes: ScopeChoices) -> impl IntoView {
    view! {
        <div class="field">
            <label for="role">"角色"</label>
            <FieldError field="role" />
            <select id="role" name="role">
                {ROLES.iter().map(|(role, label)| view! { <option value=*role>{*label}</option> }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="department">"部门（承办人、部门负责人、公开信息编辑）"</label>
            <select id="department" name="department">
                <option value="">"—"</option>
                {scopes.departments.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="place">"办理点（窗口工作人员）"</label>
            <FieldError field="place" />
            <select id="place" name="place">
                <option value="">"—"</option>
                {scopes.places.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
            </select>
        </div>
    }
}

/// `/staff/admin/accounts/{number}`: one account's grants and what can be done to it. Just after the account was
/// made or its authenticator reset, the new one-time link, shown this once.
#[component]
pub fn AccountPage() -> impl IntoView {
    let number = use_params_map().with_untracked(|p| p.get("number").unwrap_or_default());
    let detail = Resource::new(move || number.clone(), one_account);
    let issued = use_context::<IssuedLink>();
    view! {
        <Title text="账号" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff/admin/accounts">"‹ 账号与权限"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || {
                    let issued = issued.clone();
                    Suspend::new(shown(async move {
                        found_or_not_found(detail.await, |detail| {
                            let action = format!("/staff/admin/accounts/{}", detail.account.staff_number);
                            view! {
                                <ErrorSummary />
                                {issued.map(|IssuedLink(link)| view! {
                                    <section class="notice issued" role="status">
                                        <h2>"注册链接（只显示这一次）"</h2>
                                        <p>"请当面或通过单位内部渠道交给本人，72小时内有效，只能使用一次："</p>
                                        <p class="url"><code id="enrolment-link">{link}</code></p>
                                    </section>
                                })}
                                <AccountSummary line=detail.account.clone() />
                                <h2>"权限"</h2>
                                <ul class="plain-list">
                                    {detail.account.grants.iter().map(|grant| view! {
                                        <li>
                                            {format!("{} · {} ", grant.role_label, grant.scope_name)}
                                            <form method="post" action=action.clone() class="inline">
                                                <input type="hidden" name="action" value="withdraw" />
                                                <input type="hidden" name="role" value=grant.role.clone() />
                                                <input type="hidden" name="department" value=grant.scope.clone() />
                                                <input type="hidden" name="place" value=grant.scope.clone() />
                                                <button type="submit" class="secondary">"撤销"</button>
                                            </form>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <form method="post" action=action.clone()>
                                    <input type="hidden" name="action" value="grant" />
                                    <GrantFields scopes=detail.scopes />
                                    <button type="submit">"授予权限"</button>
                                </form>
                                <h2>"最近登录"</h2>
                                {detail.sign_ins.is_empty().then(|| view! { <p class="hint">"还没有登录记录。"</p> })}
                                <ul class="plain-list sign-ins">
                                    {detail.sign_ins.into_iter().map(|(at, outcome, address)| view! {
                                        <li>{format!("{at} · {outcome} · 来源 {address}")}</li>
                                    }).collect_view()}
                                </ul>
                                <h2>"账号操作"</h2>
                                <div class="actions">
                                    <ActionButton action=action.clone() name=if detail.account.disabled { "enable" } else { "disable" }
                                        label=if detail.account.disabled { "启用账号" } else { "停用账号" } />
                                    <ActionButton action=action.clone() name="reset" label="重置动态验证码和密码" />
                                    <ActionButton action name="sign_out_everywhere" label="强制退出所有登录" />
                                </div>
                            }
                        })
                    }))
                }}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn AccountSummary(line: AccountLine) -> impl IntoView {
    view! {
        <h1>{format!("{} {}", line.staff_number, line.name)}</h1>
        <p class="hint">
            {format!("手机 {} · ", line.phone_masked)}
            {account_state(&line)}
        </p>
    }
}

#[component]
fn ActionButton(action: String, name: &'static str, label: &'static str) -> impl IntoView {
    view! {
        <form method="post" action=action class="inline">
            <input type="hidden" name="action" value=name />
            <button type="submit" class="secondary">{label}</button>
        </form>
    }
}

/// `/staff/admin/audit`: the newest staff actions.
#[component]
pub fn AuditPage() -> impl IntoView {
    let lines = Resource::new(|| (), |_| audit_entries());
    view! {
        <Title text="操作记录" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"操作记录"</h1>
            <p class="hint">"所有工作人员的操作都记录在此，记录不能修改或删除。个人信息只记录脱敏后的内容。"</p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    let lines = lines.await?;
                    Ok::<_, ServerFnError>(view! {
                        <div class="table-wrap"><table class="audit">
                            <thead><tr><th>"时间"</th><th>"工号"</th><th>"角色"</th><th>"操作"</th><th>"对象"</th></tr></thead>
                            <tbody>
                                {lines.into_iter().map(|line| view! {
                                    <tr><td>{line.at}</td><td>{line.staff_number}</td><td>{line.role_label}</td><td>{line.action}</td><td>{line.subject}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table></div>
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}
