//! `/staff/admin/keys`: the keys partner systems present to the district's APIs. An admin issues one (and sees it
//! this once), sees when each was last used, and revokes one at once.

use super::StaffFrame;
use crate::staff::api::all_partner_keys;
use crate::staff::page_data::{IssuedKeyShown, KeyLine};
use crate::ui::form::{submitted, ErrorSummary, FieldError};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn KeysPage() -> impl IntoView {
    let all = Resource::new(|| (), |_| all_partner_keys());
    let issued = use_context::<IssuedKeyShown>();
    view! {
        <Title text="接口密钥" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"接口密钥"</h1>
            <p class="hint">
                "外部系统（如区行政执法监督平台）调用本站接口时出示的密钥。本站只保存密钥的摘要："
                "签发后只显示这一次，遗失了就吊销并重新签发。"
            </p>
            {issued.map(|IssuedKeyShown(name, key)| view! {
                <section class="notice issued" role="status">
                    <h2>{format!("“{name}”的密钥（只显示这一次）")}</h2>
                    <p>"请通过安全渠道交给对方系统的管理员，配置为请求头 Authorization: Bearer 加密钥："</p>
                    <p class="url"><code id="issued-key">{key}</code></p>
                </section>
            })}
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    let all = all.await?;
                    Ok::<_, ServerFnError>(view! {
                        {all.keys.is_empty().then(|| view! { <p>"还没有签发过密钥。"</p> })}
                        <div class="table-wrap"><table class="keys">
                            <thead><tr><th>"系统"</th><th>"用途"</th><th>"密钥开头"</th><th>"签发"</th><th>"最近使用"</th><th>"状态"</th></tr></thead>
                            <tbody>{all.keys.into_iter().map(|line| view! { <KeyRow line /> }).collect_view()}</tbody>
                        </table></div>
                        <h2 id="new">"签发密钥"</h2>
                        <ErrorSummary />
                        <form method="post" action="/staff/admin/keys" autocomplete="off">
                            <div class="field">
                                <label for="name">"使用密钥的系统"</label>
                                <FieldError field="name" />
                                <input id="name" name="name" type="text" maxlength="40" required
                                    value=submitted("name").unwrap_or_default() />
                            </div>
                            <div class="field">
                                <label for="scope">"用途"</label>
                                <FieldError field="scope" />
                                <select id="scope" name="scope">
                                    {all.scopes.into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                                </select>
                            </div>
                            <button type="submit">"签发密钥"</button>
                        </form>
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn KeyRow(line: KeyLine) -> impl IntoView {
    let revoke = format!("/staff/admin/keys/{}/revoke", line.id);
    view! {
        <tr>
            <td>{line.name}</td>
            <td>{line.scope}</td>
            <td><code>{line.hint}</code></td>
            <td>{line.issued}</td>
            <td>{line.last_used}</td>
            <td>
                {match line.revoked {
                    Some(at) => view! { <span>{format!("已吊销（{at}）")}</span> }.into_any(),
                    None => view! {
                        <form method="post" action=revoke class="inline">
                            <button type="submit" class="secondary">"吊销"</button>
                        </form>
                    }.into_any(),
                }}
            </td>
        </tr>
    }
}
