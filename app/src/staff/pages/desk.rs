use super::StaffFrame;
use crate::staff::api::my_desk;
use crate::staff::page_data::Desk;
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff`: who is signed in, what they may do, and the way to each part of their work.
#[component]
pub fn DeskPage() -> impl IntoView {
    let desk = Resource::new(|| (), |_| my_desk());
    view! {
        <Title text="工作台" />
        <StaffFrame signed_in=true>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move { desk.await.map(|desk| view! { <DeskView desk /> }) }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn DeskView(desk: Desk) -> impl IntoView {
    let reads_disclosure = desk.is_admin || desk.grants.iter().any(|g| g.role == "department_head");
    view! {
        <h1>{format!("{} 您好", desk.name)}</h1>
        <p class="hint">{format!("工号 {}", desk.staff_number)}</p>
        <h2>"我的权限"</h2>
        <ul class="plain-list grants">
            {desk.grants.into_iter().map(|grant| {
                // Each part of the work opens from its grant; the later capabilities add theirs here.
                let work = match grant.role.as_str() {
                    "counter_staff" => Some(("今天的预约", format!("/staff/counter/{}", grant.scope))),
                    "handler" => Some(("诉求办理", format!("/staff/petitions/{}", grant.scope))),
                    "dispatcher" => Some(("派单", "/staff/dispatch".to_string())),
                    "department_head" => Some(("月度考评与申诉", "/staff/rankings".to_string())),
                    "editor" => Some(("维护公开信息", "/staff/disclosure/edit".to_string())),
                    _ => None,
                }
                .map(|(label, href)| view! { " " <a href=href>{label}</a> });
                view! { <li>{format!("{} · {}", grant.role_label, grant.scope_name)}{work}</li> }
            }).collect_view()}
        </ul>
        // The disclosure report is for the district's service office and each department's head.
        {reads_disclosure.then(|| view! {
            <p><a href="/staff/disclosure">"公开信息更新情况（职责清单和办事事项）"</a></p>
        })}
        {desk.is_admin.then(|| view! {
            <h2>"系统管理"</h2>
            <ul class="plain-list">
                <li><a href="/staff/admin/accounts">"账号与权限"</a></li>
                <li><a href="/staff/admin/audit">"操作记录"</a></li>
                <li><a href="/staff/admin/keys">"接口密钥"</a></li>
                <li><a href="/staff/disclosure/approvals">"公开信息法定内容审核"</a></li>
                <li><a href="/staff/rankings">"月度考评"</a></li>
            </ul>
        })}
        <h2>"登录安全"</h2>
        <p class="hint">"手机丢失或在别处忘记退出时，可退出全部设备上的登录。"</p>
        <form method="post" action="/staff/sign-out-everywhere">
            <button type="submit" class="secondary">"退出所有设备的登录"</button>
        </form>
    }
}
