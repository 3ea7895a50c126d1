use crate::petitions::api::petition_status;
use crate::petitions::page_data::StatusView;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::{found_or_not_found, shown, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/petitions/{token}`: where a petition stands, its two deadlines, and every milestone with what was written.
#[component]
pub fn StatusPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let status = Resource::new(move || token.clone(), petition_status);
    view! {
        <Title text="诉求进度" />
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(status.await, |status| view! { <StatusViewPart status /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn StatusViewPart(status: StatusView) -> impl IntoView {
    let answer = status.awaiting_answer.then(|| {
        view! {
            <form method="post" class="answer">
                <input type="hidden" name="version" value=status.version.to_string() />
                <div class="field">
                    <label for="note">"补充材料"</label>
                    <p class="hint">"回答办理部门的问题。补充后办理时限继续计算。"</p>
                    <FieldError field="note" />
                    <textarea id="note" name="note" rows="4" maxlength="1000"></textarea>
                </div>
                <button type="submit">"提交补充"</button>
            </form>
        }
    });
    view! {
        <h1>{status.title}</h1>
        <ErrorSummary />
        <p class="status" role="status">{status.stage}</p>
        {answer}
        <dl class="facts">
            <dt>"受理编号"</dt><dd class="tracking-number">{status.number}</dd>
            <dt>"类别"</dt><dd>{format!("{} · {}", status.category, status.tier)}</dd>
            <dt>"地点"</dt><dd>{status.place}</dd>
            <dt>"办理部门"</dt><dd>{status.department.unwrap_or_else(|| "待派单".into())}</dd>
            <dt>"提交人"</dt><dd>{format!("{} · {}", status.applicant_masked, status.phone_masked)}</dd>
        </dl>
        <h2>"办理时限"</h2>
        <ul class="plain-list clocks">
            {status.clocks.into_iter().map(|clock| {
                let provisional = if clock.provisional { "（暂定：该年节假日安排尚未公布）" } else { "" };
                let met = clock.met.map_or("".to_string(), |at| format!("，已于{at}完成"));
                view! { <li>{format!("{}：{} 前{provisional}{met}", clock.name, clock.due)}</li> }
            }).collect_view()}
        </ul>
        <h2>"办理过程"</h2>
        <ol class="milestones">
            {status.milestones.into_iter().map(|(at, label, note)| view! {
                <li>
                    <span class="hint">{at}</span>" "{label}
                    {(!note.is_empty()).then(|| view! { <p class="note">{note}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// `/petitions`: find a petition with its tracking number and access code.
#[component]
pub fn LookupPage() -> impl IntoView {
    view! {
        <Title text="查询诉求进度" />
        <PageFrame>
            <ErrorSummary />
            <h1>"查询诉求进度"</h1>
            <p class="hint">"输入提交诉求时得到的19位受理编号和8位查询码。"</p>
            <form method="post" action="/petitions/lookup" autocomplete="off">
                <div class="field">
                    <label for="number">"受理编号"</label>
                    <FieldError field="number" />
                    <input id="number" name="number" type="text" inputmode="numeric" maxlength="30" />
                </div>
                <div class="field">
                    <label for="code">"查询码"</label>
                    <input id="code" name="code" type="text" inputmode="numeric" maxlength="12" />
                </div>
                <button type="submit">"查询"</button>
            </form>
        </PageFrame>
    }
}
