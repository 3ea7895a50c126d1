//! `/rankings/departments/{id}`: a department's last twelve months — a bar chart the server draws (SVG, no script)
//! of its composite, the same numbers in a table with the enforcement records it reported each month — and how fresh
//! its responsibility list is.

use super::standings::ScrollingTable;
use crate::rankings::api::department_months;
use crate::rankings::page_data::{DepartmentHistory, MonthFigures, StandingRow};
use crate::rankings::standings::{CATEGORY_MINIMUM, WORST_SHOWN};
use crate::ui::{found_or_not_found, shown, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn DepartmentPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").unwrap_or_default());
    let history = Resource::new(move || id.clone(), department_months);
    view! {
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(history.await, |history| view! { <HistoryView history /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn HistoryView(history: DepartmentHistory) -> impl IntoView {
    let DepartmentHistory { id, name, months, reviewed_on, stale, worst } = history;
    let title = format!("{name}：近12个月考评");
    view! {
        <Title text=title.clone() />
        <p class="back"><a href="/rankings">"‹ 部门考评排名"</a></p>
        <h1>{title}</h1>
        <Chart months=months.clone() />
        <ScrollingTable
            label="近12个月考评表"
            columns=&["月份", "状态", "名次", "有效回访", "响应率", "解决率", "满意率", "按时办结率", "执法上报及时率", "职责清单更新及时率", "综合得分", "执法记录报送"]
        >
            {months.into_iter().rev().map(|month| view! { <MonthRow month /> }).collect_view()}
        </ScrollingTable>
        <h2>"满意率最低的诉求类别"</h2>
        <p class="hint">{format!(
            "近12个月有效回访不少于{CATEGORY_MINIMUM}件的类别中，满意率最低的{WORST_SHOWN}个（已剔除申诉和更正中不计入考评的诉求）。"
        )}</p>
        {if worst.is_empty() {
            view! { <p>"还没有足够回访的类别。"</p> }.into_any()
        } else {
            view! {
                <ScrollingTable label="满意率最低的诉求类别" columns=&["类别", "有效回访", "解决率", "满意率"]>
                    {worst.into_iter().map(|line| view! {
                        <tr><th scope="row">{line.label}</th><td>{line.n}</td><td>{line.resolution}</td><td>{line.satisfaction}</td></tr>
                    }).collect_view()}
                </ScrollingTable>
            }.into_any()
        }}
        <h2>"职责清单"</h2>
        <p>
            {format!("最近一次审核：{reviewed_on}")}
            {stale.then(|| view! { " "<span class="badge stale">"超过一年未更新"</span> })}
            " "<a href=format!("/departments/{id}")>"查看职责清单和办事事项"</a>
        </p>
    }
}

#[component]
fn MonthRow(month: MonthFigures) -> impl IntoView {
    let MonthFigures { code: _, label, state, composite: _, row, enforcement } = month;
    let cells = match row {
        Some(StandingRow { n, rates, composite, rank, .. }) => {
            let [response, resolution, satisfaction, on_time, reporting, freshness] = rates;
            let rank = rank.map_or("样本不足".to_string(), |r| r.to_string());
            [rank, n.to_string(), response, resolution, satisfaction, on_time, reporting, freshness, composite]
        }
        None => std::array::from_fn(|_| "—".to_string()),
    };
    view! {
        <tr>
            <th scope="row">{label}</th>
            <td>{state}</td>
            {cells.into_iter().map(|cell| view! { <td>{cell}</td> }).collect_view()}
            <td>{enforcement}</td>
        </tr>
    }
}

/// The chart's drawing: each month a bar as tall as its composite, its value above and its month below.
const BAR: f64 = 20.0;
const STEP: f64 = 28.0;
const LEFT: f64 = 36.0;
const TOP: f64 = 20.0;
const HEIGHT: f64 = 160.0;

#[component]
fn Chart(months: Vec<MonthFigures>) -> impl IntoView {
    let width = LEFT + STEP * months.len() as f64 + 8.0;
    let base = TOP + HEIGHT;
    let described: Vec<String> = months
        .iter()
        .filter_map(|m| m.composite.map(|c| format!("{} {}", m.label, crate::rankings::standings::percent(c))))
        .collect();
    let summary =
        if described.is_empty() { "近12个月没有综合得分".to_string() } else { described.join("，") };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {width} {}", base + 28.0) role="img" aria-label=format!("综合得分：{summary}")>
                {[0.0, 0.5, 1.0].map(|level| {
                    let y = base - level * HEIGHT;
                    view! {
                        <line x1=LEFT x2=width y1=y y2=y class="grid" />
                        <text x=LEFT - 4.0 y=y + 4.0 text-anchor="end" class="axis">{format!("{}%", level * 100.0)}</text>
                    }
                })}
                {months.into_iter().enumerate().map(|(at, month)| {
                    let x = LEFT + STEP * at as f64 + (STEP - BAR) / 2.0;
                    let centre = x + BAR / 2.0;
                    let bar = month.composite.map(|value| {
                        let height = (value * HEIGHT * 10.0).round() / 10.0;
                        let top = ((base - height) * 10.0).round() / 10.0;
                        view! {
                            <rect x=x y=top width=BAR height=height class="bar"
                                data-month=month.code.clone() data-value=crate::rankings::standings::percent(value) />
                            <text x=centre y=top - 4.0 text-anchor="middle" class="value">
                                {format!("{:.0}", value * 100.0)}
                            </text>
                        }
                    });
                    let short = month.label.rsplit('年').next().unwrap_or_default().trim_end_matches('月').to_string();
                    view! {
                        {bar}
                        <text x=centre y=base + 16.0 text-anchor="middle" class="axis">{short}</text>
                    }
                }).collect_view()}
            </svg>
            <figcaption>"综合得分（%），横轴为月份；已公布月份为最终排名，本月为截至目前的数据。"</figcaption>
        </figure>
    }
}
