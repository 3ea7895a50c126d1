//! `/staff/warnings`: the dispatch centre's early warnings — the rule in words, each flag of the past year with
//! the counts behind it, and the note a dispatcher left on it, or a form to leave one.

use crate::petitions::api::early_warnings;
use crate::petitions::page_data::{WarningRow, WarningsView};
use crate::staff::pages::StaffFrame;
use crate::ui::form::{submitted, ErrorSummary, FieldError, TextArea};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn WarningsPage() -> impl IntoView {
    let warnings = Resource::new(|| (), |_| early_warnings());
    view! {
        <Title text="诉求预警" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff/dispatch">"‹ 派单"</a></p>
            <h1>"诉求预警"</h1>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    warnings.await.map(|WarningsView { rule, rows }| view! {
                        <p class="hint">{rule}</p>
                        {rows.is_empty().then(|| view! { <p>"近一年没有预警。"</p> })}
                        <ol class="warnings">
                            {rows.into_iter().map(|row| view! { <Warning row /> }).collect_view()}
                        </ol>
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn Warning(row: WarningRow) -> impl IntoView {
    let WarningRow { week, week_words, street, category, category_label, count, baseline, tail, note } = row;
    let field = format!("note-{week}-{category}-{street}");
    view! {
        <li class="warning">
            <h2>{format!("{week_words} · {street}街 · {category_label}")}</h2>
            <p>{format!("本周{count}件，前8周平均{baseline}件，泊松尾概率 {tail}")}</p>
            {match note {
                Some(note) => view! { <p class="decision">{format!("处理情况：{note}")}</p> }.into_any(),
                None => view! {
                    <form method="post" action="/staff/warnings/acknowledge">
                        <input type="hidden" name="week" value=week />
                        <input type="hidden" name="street" value=street />
                        <input type="hidden" name="category" value=category />
                        <div class="field">
                            <label for=field.clone()>"采取的措施"</label>
                            <FieldError field="note" />
                            <TextArea id=field name="note" rows=2 maxlength=500 text=submitted("note").unwrap_or_default() />
                        </div>
                        <button type="submit">"记录处理情况"</button>
                    </form>
                }.into_any(),
            }}
        </li>
    }
}
