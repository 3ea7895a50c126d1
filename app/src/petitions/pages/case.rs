use crate::petitions::api::petition_case;
use crate::petitions::page_data::{BadReview, CaseFile, RequestForms, RevealedPhone};
use crate::staff::pages::StaffFrame;
use crate::ui::form::{ErrorSummary, FieldError};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/staff/petitions/{department}/{number}`: a petition as its department works it — the whole text and place,
/// both clocks, every milestone, and the actions the rules allow now.
#[component]
pub fn CasePage() -> impl IntoView {
    let params = use_params_map()
        .with_untracked(|p| (p.get("department").unwrap_or_default(), p.get("number").unwrap_or_default()));
    let department = params.0.clone();
    let case = Resource::new(move || params.clone(), |(department, number)| petition_case(department, number));
    view! {
        <Title text="诉求办理" />
        <StaffFrame signed_in=true>
            <p class="back"><a href=format!("/staff/petitions/{department}")>"‹ 待办诉求"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(case.await, |case| view! { <CaseView case /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn CaseView(case: CaseFile) -> impl IntoView {
    let action = format!("/staff/petitions/{}/{}", case.department_id, case.number);
    view! {
        <h1>{case.title}</h1>
        <ErrorSummary />
        <p class="status" role="status">{case.stage}</p>
        <dl class="facts">
            <dt>"受理编号"</dt><dd>{case.number}</dd>
            <dt>"类别"</dt><dd>{format!("{} · {}", case.category, case.tier)}</dd>
            <dt>"地点"</dt><dd>{case.place}</dd>
            <dt>"诉求人"</dt><dd>{case.applicant_masked}</dd>
            <dt>"联系电话"</dt>
            <dd>{match use_context::<RevealedPhone>() {
                Some(RevealedPhone(phone)) => view! { <a id="revealed-phone" href=format!("tel:{phone}")>{phone.clone()}</a> }.into_any(),
                None => view! {
                    <form method="post" action=format!("{action}/phone") class="inline">
                        <button type="submit" class="secondary">"查看电话（会记录在审计日志）"</button>
                    </form>
                }.into_any(),
            }}</dd>
        </dl>
        <form method="post" action=action.clone() class="assign">
            <input type="hidden" name="action" value="assign" />
            <label for="assignee">"承办人"</label>
            " "
            <FieldError field="assignee" />
            <select id="assignee" name="assignee">
                <option value="">"本部门（未指定）"</option>
                {case.handlers.into_iter().map(|(number, name)| {
                    let chosen = case.assignee.as_deref() == Some(number.as_str());
                    view! { <option value=number.clone() selected=chosen>{format!("{name}（{number}）")}</option> }
                }).collect_view()}
            </select>
            " "
            <button type="submit" class="secondary">"指定"</button>
        </form>
        <p class="petition-body">{case.body}</p>
        {(!case.photos.is_empty()).then(|| view! {
            <ul class="photos">
                {case.photos.into_iter().enumerate().map(|(n, id)| {
                    let (href, src) = (format!("{action}/photos/{id}"), format!("{action}/photos/{id}"));
                    view! { <li><a href=href><img src=src alt=format!("照片{}", n + 1) width="240" /></a></li> }
                }).collect_view()}
            </ul>
        })}
        <ul class="plain-list clocks">
            {case.clocks.into_iter().map(|clock| {
                let met = clock.met.map_or("".to_string(), |at| format!("，已于{at}完成"));
                view! { <li>{format!("{}：{} 前{met}", clock.name, clock.due)}</li> }
            }).collect_view()}
        </ul>
        {case.actions.into_iter().map(|(code, label, needs_note)| {
            let note_id = format!("note-{code}");
            view! {
                <form method="post" action=action.clone() class="case-action">
                    <input type="hidden" name="action" value=code.clone() />
                    <input type="hidden" name="version" value=case.version.to_string() />
                    {needs_note.then(|| view! {
                        <div class="field">
                            <label for=note_id.clone()>{format!("{label}：内容（诉求人会看到）")}</label>
                            <FieldError field="note" />
                            <textarea id=note_id.clone() name="note" rows="3" maxlength="1000"></textarea>
                        </div>
                    })}
                    <button type="submit">{label}</button>
                </form>
            }
        }).collect_view()}
        {case.pending.map(|pending| view! { <p class="notice" role="note">{format!("等待派单员审核：{pending}")}</p> })}
        {case.requests.map(|forms| view! { <RequestFormsView forms action=action.clone() version=case.version /> })}
        {(!case.callbacks.is_empty()).then(|| view! {
            <h2>"回访评价"</h2>
            <ul class="plain-list callbacks">
                {case.callbacks.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}
            </ul>
        })}
        {case.bad_review.map(|review| view! { <BadReviewView review action=action.clone() /> })}
        {(!case.audit.is_empty()).then(|| view! {
            <details class="audit">
                <summary>"审计记录"</summary>
                <ol class="plain-list">
                    {case.audit.into_iter().map(|(at, who, what)| view! { <li>{format!("{at} {who} {what}")}</li> }).collect_view()}
                </ol>
            </details>
        })}
        <h2>"办理过程"</h2>
        <ol class="milestones">
            {case.milestones.into_iter().map(|(at, actor, action, note)| view! {
                <li><span class="hint">{format!("{at} {actor}")}</span>" "{action}
                    {(!note.is_empty()).then(|| view! { <p class="note">{note}</p> })}
                </li>
            }).collect_view()}
        </ol>
    }
}

/// The requests a department puts to the dispatch centre: another department, more time, or a decline.
#[component]
fn RequestFormsView(forms: RequestForms, action: String, version: i64) -> impl IntoView {
    let RequestForms { departments, extension, decline_reasons } = forms;
    let hidden = move |code: &'static str| {
        view! {
            <input type="hidden" name="action" value=code />
            <input type="hidden" name="version" value=version.to_string() />
        }
    };
    view! {
        <h2>"需要派单员审核的申请"</h2>
        <details class="request-form">
            <summary>"申请转办（不属于本部门办理）"</summary>
            <form method="post" action=action.clone()>
                {hidden("ask_transfer")}
                <div class="field">
                    <label for="transfer-to">"转给"</label>
                    <select id="transfer-to" name="to">
                        <option value="">"—"</option>
                        {departments.into_iter().map(|(id, name)| view! { <option value=id>{name}</option> }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="transfer-reason">"理由"</label>
                    <textarea id="transfer-reason" name="note" rows="2" maxlength="500"></textarea>
                </div>
                <button type="submit">"提交转办申请"</button>
            </form>
        </details>
        {extension.filter(|(left, _)| *left > 0).map(|(left, unit)| view! {
            <details class="request-form">
                <summary>"申请延期"</summary>
                <form method="post" action=action.clone()>
                    {hidden("ask_extension")}
                    <div class="field">
                        <label for="extension-amount">{format!("延长（{unit}，最多{left}{unit}）")}</label>
                        <input id="extension-amount" name="amount" type="number" min="1" max=left.to_string() inputmode="numeric" />
                    </div>
                    <div class="field">
                        <label for="extension-reason">"理由"</label>
                        <textarea id="extension-reason" name="note" rows="2" maxlength="500"></textarea>
                    </div>
                    <button type="submit">"提交延期申请"</button>
                </form>
            </details>
        })}
        <details class="request-form">
            <summary>"申请不予受理"</summary>
            <form method="post" action=action>
                {hidden("ask_decline")}
                <div class="field">
                    <label for="decline-reason">"理由（诉求人会看到）"</label>
                    <select id="decline-reason" name="reason">
                        <option value="">"—"</option>
                        {decline_reasons.into_iter().map(|(code, label)| view! { <option value=code>{label}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit">"提交不予受理申请"</button>
            </form>
        </details>
    }
}

/// A bad review's clocks, and the forms that record the call back and the fix.
#[component]
fn BadReviewView(review: BadReview, action: String) -> impl IntoView {
    let step = move |code: &'static str, label: &'static str, due: String, done: Option<String>| match done {
        Some(at) => view! { <li>{format!("{label}：已于{at}完成")}</li> }.into_any(),
        None => view! {
            <li>
                {format!("{label}：{due} 前")}
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value=code />
                    <button type="submit">{format!("记录{label}")}</button>
                </form>
            </li>
        }
        .into_any(),
    };
    view! {
        <section class="notice bad-review" role="note">
            <h2>"差评处理"</h2>
            <ul class="plain-list">
                {step("review_called", "回访核实", review.call_due, review.called)}
                {step("review_fixed", "整改反馈", review.fix_due, review.fixed)}
            </ul>
        </section>
    }
}
