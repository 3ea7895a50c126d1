//! `/staff/rankings`: the monthly publication as staff work it. An admin closes last month, decides appeals,
//! publishes and corrects; a department head sees the provisional standings and appeals their department's cases
//! while the window is open. Every form is plain HTML.

use super::standings::StandingsTable;
use crate::rankings::api::publication_desk;
use crate::rankings::page_data::{AppealView, CaseView, DepartmentCases, DeskMonth, RankingDesk};
use crate::staff::pages::StaffFrame;
use crate::ui::form::{submitted, ErrorSummary, FieldError, Radio, TextArea};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DeskPage() -> impl IntoView {
    let desk = Resource::new(|| (), |_| publication_desk());
    view! {
        <Title text="月度考评" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"月度考评"</h1>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move { desk.await.map(|desk| view! { <DeskView desk /> }) }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn DeskView(desk: RankingDesk) -> impl IntoView {
    let RankingDesk { admin, heads: _, to_close, months } = desk;
    view! {
        {to_close.map(|(code, words)| view! {
            <form method="post" action="/staff/rankings/close" class="close-month">
                <input type="hidden" name="month" value=code />
                <p>{format!("{words}已经结束。结束考评后，本月计入的诉求即被固定，形成初步排名，各部门可在5个工作日内申诉。")}</p>
                <button type="submit">{format!("结束{words}考评")}</button>
            </form>
        })}
        {months.is_empty().then(|| view! { <p>"还没有结束考评的月份。"</p> })}
        {months.into_iter().map(|month| view! { <MonthSection month admin /> }).collect_view()}
    }
}

#[component]
fn MonthSection(month: DeskMonth, admin: bool) -> impl IntoView {
    let DeskMonth {
        code,
        words,
        stage,
        published,
        appeals_open,
        publishable,
        ranked,
        too_few,
        appeals,
        cases,
        notices,
    } = month;
    let decidable = admin && !published;
    view! {
        <section class="ranking-month" id=format!("month-{code}")>
            <h2>{format!("{words}考评")}</h2>
            <p class="hint">{stage}</p>
            {published.then(|| view! {
                <p><a href=format!("/rankings/{code}")>"查看公布的排名"</a></p>
            })}
            <StandingsTable ranked too_few mark="后三名" />
            {(!notices.is_empty()).then(|| view! {
                <h3>"通报"</h3>
                <ul class="notices">{notices.into_iter().map(|notice| view! { <li>{notice}</li> }).collect_view()}</ul>
            })}
            <h3>"申诉"</h3>
            {appeals.is_empty().then(|| view! { <p>"没有申诉。"</p> })}
            <ol class="appeals">
                {appeals.into_iter().map(|appeal| view! { <AppealItem appeal month=code.clone() decidable /> }).collect_view()}
            </ol>
            {appeals_open.then(|| cases.into_iter().map(|cases| view! { <AppealForm cases month=code.clone() /> }).collect_view())}
            {publishable.map(|publishable| match publishable {
                Ok(()) => view! {
                    <form method="post" action="/staff/rankings/publish" class="publish">
                        <input type="hidden" name="month" value=code.clone() />
                        <button type="submit">{format!("公布{words}最终排名")}</button>
                    </form>
                }.into_any(),
                Err(why) => view! { <p class="hint">{why}</p> }.into_any(),
            })}
            {(admin && published).then(|| view! { <CorrectionForm month=code.clone() /> })}
        </section>
    }
    // Its own type: the page's whole view type is too deep for the compiler otherwise.
    .into_any()
}

#[component]
fn AppealItem(appeal: AppealView, month: String, decidable: bool) -> impl IntoView {
    let AppealView { id, department, cases, reason, by, at, decision } = appeal;
    let waiting = decision.is_none();
    view! {
        <li class="appeal">
            <p>{format!("{department}（{by}，{at}）申诉诉求 {}", cases.join("、"))}</p>
            <p>{format!("理由：{reason}")}</p>
            {decision.map(|decision| view! { <p class="decision">{decision}</p> })}
            {(waiting && decidable).then(|| view! {
                <form method="post" action="/staff/rankings/decide">
                    <input type="hidden" name="month" value=month />
                    <input type="hidden" name="appeal" value=id.to_string() />
                    <fieldset id="upheld">
                        <legend>"处理"</legend>
                        <FieldError field="upheld" />
                        <Radio name="upheld" value="1".into() label="维持申诉".into() hint="所涉诉求不计入考评".into() />
                        <Radio name="upheld" value="0".into() label="驳回申诉".into() hint="所涉诉求照常计入".into() />
                    </fieldset>
                    <Reason name="decision_reason" label="处理理由" rows=2 />
                    <button type="submit">"提交处理意见"</button>
                </form>
            })}
        </li>
    }
    .into_any()
}

/// A department head's appeal: tick the cases, give the reason.
#[component]
fn AppealForm(cases: DepartmentCases, month: String) -> impl IntoView {
    let DepartmentCases { id, name, cases } = cases;
    view! {
        <form method="post" action="/staff/rankings/appeal" class="appeal-form">
            <input type="hidden" name="month" value=month />
            <input type="hidden" name="department" value=id />
            <fieldset id="case">
                <legend>{format!("{name}计入考评的诉求：勾选要申诉的")}</legend>
                <FieldError field="case" />
                {cases.is_empty().then(|| view! { <p>"本月没有计入考评的诉求。"</p> })}
                {cases.into_iter().map(|CaseView { number, summary, excluded }| {
                    let box_id = format!("case-{number}");
                    view! {
                        <div class="checkbox">
                            <input type="checkbox" name="case" id=box_id.clone() value=number.clone() disabled=excluded />
                            <label for=box_id>{number}" "<span class="hint">{summary}{excluded.then_some("（已不计入）")}</span></label>
                        </div>
                    }
                }).collect_view()}
            </fieldset>
            <Reason name="appeal_reason" label="申诉理由" rows=3 />
            <button type="submit">"提交申诉"</button>
        </form>
    }
    .into_any()
}

/// An admin's correction of a published month: the cases to leave out, and why. A new version is published.
#[component]
fn CorrectionForm(month: String) -> impl IntoView {
    view! {
        <form method="post" action="/staff/rankings/correct" class="correction">
            <input type="hidden" name="month" value=month />
            <h3>"更正"</h3>
            <div class="field">
                <label for="numbers">"不计入考评的诉求受理编号（多个用空格或逗号分开）"</label>
                <FieldError field="numbers" />
                <input id="numbers" name="numbers" type="text" maxlength="2000"
                    value=submitted("numbers").unwrap_or_default() />
            </div>
            <Reason name="correction_reason" label="更正理由（将随更正版本公开）" rows=2 />
            <button type="submit" class="secondary">"发布更正版本"</button>
        </form>
    }
    .into_any()
}

/// A reason's field (an appeal's, a decision's, a correction's), with its problem and what was typed.
#[component]
fn Reason(name: &'static str, label: &'static str, rows: u32) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <FieldError field=name />
            <TextArea id=name name=name rows=rows maxlength=500 text=submitted(name).unwrap_or_default() />
        </div>
    }
}
