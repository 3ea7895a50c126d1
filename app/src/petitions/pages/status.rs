use crate::petitions::api::petition_status;
use crate::petitions::callback::Rating;
use crate::petitions::page_data::StatusView;
use crate::ui::form::{ErrorSummary, FieldError, Radio};
use crate::ui::kiosk_frame::{find_kiosk_place, KioskFrame};
use crate::ui::live::{Live, Topic};
use crate::ui::{found_or_not_found, shown, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/petitions/{token}`: where a petition stands, its two deadlines, and every milestone with what was written.
#[component]
pub fn StatusPage() -> impl IntoView {
    let token = use_params_map().with_untracked(|p| p.get("token").unwrap_or_default());
    let status = Resource::new(move || token.clone(), petition_status);
    view! {
        <Title text="诉求进度" />
        <StatusFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(status.await, |status| view! { <StatusViewPart status /> })
                }))}
            </Suspense>
        </StatusFrame>
    }
}

/// The status page's frame: the kiosk's when it was looked up at one (`?kiosk=`), the site's otherwise.
#[component]
fn StatusFrame(children: ChildrenFn) -> impl IntoView {
    let kiosk = use_query_map().with_untracked(|q| q.get("kiosk")).unwrap_or_default();
    let place = Resource::new(
        move || kiosk.clone(),
        |kiosk| async move {
            if kiosk.is_empty() {
                Ok(None)
            } else {
                find_kiosk_place(kiosk).await
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(shown(async move {
                    Ok::<_, ServerFnError>(match place.await? {
                        Some(place) => view! { <KioskFrame place_id=place.id place_name=place.name>{children()}</KioskFrame> }.into_any(),
                        None => view! { <PageFrame>{children()}</PageFrame> }.into_any(),
                    })
                }))
            }}
        </Suspense>
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
    let base = format!("/petitions/{}", status.token);
    let callback = status
        .callback_asked
        .then(|| view! { <CallbackForm action=format!("{base}/callback") version=status.version /> });
    let rerate = status.rating_to_change.clone().filter(|_| !status.callback_asked).map(|rating| {
        view! {
            <RatingForm action=format!("{base}/rating") rating />
        }
    });
    let withdraw = status.may_withdraw.then(|| {
        view! {
            <details class="withdraw">
                <summary>"不需要办理了？撤回诉求"</summary>
                <form method="post" action=format!("{base}/withdraw")>
                    <input type="hidden" name="version" value=status.version.to_string() />
                    <p class="hint">"撤回后部门不再办理，也不能恢复。"</p>
                    <button type="submit" class="secondary">"撤回诉求"</button>
                </form>
            </details>
        }
    });
    view! {
        <h1>{status.title}</h1>
        <ErrorSummary />
        // Where it stands follows the petition live; the forms below stay as they are while being filled in.
        <Live id="progress" topic=Topic::Petition key=status.id.to_string()>
        <p class="status" role="status">{status.stage}</p>
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
        </Live>
        {answer}
        {callback}
        {(!status.callbacks.is_empty()).then(|| view! {
            <h2>"您的评价"</h2>
            <ul class="plain-list callbacks">
                {status.callbacks.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        })}
        {rerate}
        {withdraw}
    }
}

/// The callback (回访): contacted, solved, and how satisfied, on the 好差评 five levels.
#[component]
fn CallbackForm(action: String, version: i64) -> impl IntoView {
    let yes_no = |name: &'static str, legend: &'static str| {
        view! {
            <fieldset class="radios">
                <legend>{legend}</legend>
                <FieldError field=name />
                <Radio name value="yes".into() label="是".into() hint=String::new() />
                <Radio name value="no".into() label="否".into() hint=String::new() />
            </fieldset>
        }
    };
    view! {
        <form method="post" action=action class="callback">
            <h2>"请评价这次办理"</h2>
            <p class="hint">"部门已答复并办结。您的回答决定这件诉求算不算解决：选“没有解决”会退回部门重新办理（一次）。"</p>
            <input type="hidden" name="version" value=version.to_string() />
            {yes_no("contacted", "办理部门联系过您吗？")}
            {yes_no("solved", "问题解决了吗？")}
            <RatingChoices chosen=None />
            <button type="submit">"提交评价"</button>
        </form>
    }
}

/// The latest rating, changed once.
#[component]
fn RatingForm(action: String, rating: String) -> impl IntoView {
    view! {
        <details class="rerate">
            <summary>"修改评价（只能修改一次）"</summary>
            <form method="post" action=action>
                <RatingChoices chosen=Some(rating) />
                <button type="submit">"修改评价"</button>
            </form>
        </details>
    }
}

#[component]
fn RatingChoices(chosen: Option<String>) -> impl IntoView {
    view! {
        <fieldset class="radios">
            <legend>"满意程度"</legend>
            <FieldError field="rating" />
            {Rating::ALL.into_iter().map(|rating| {
                let checked = chosen.as_deref() == Some(rating.code());
                view! { <Radio name="rating" value=rating.code().into() label=rating.label().into() hint=String::new() checked /> }
            }).collect_view()}
        </fieldset>
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
