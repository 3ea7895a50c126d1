//! The public standings page: this month's figures so far, with the method in words, and the months published.

use crate::rankings::api::current_standings;
use crate::rankings::page_data::{EnforcementRow, PublishedMonth, StandingRow, StandingsView};
use crate::rankings::publication::Rules;
use crate::rankings::reporting::ActKind;
use crate::ui::live::{Live, Topic, DISTRICT};
use crate::ui::{shown, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/rankings`: every department's n, rates, composite and rank this month so far.
#[component]
pub fn StandingsPage() -> impl IntoView {
    let standings = Resource::new(|| (), |_| current_standings());
    view! {
        <Title text="部门考评排名" />
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    standings.await.map(|standings| view! { <StandingsPart standings /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn StandingsPart(standings: StandingsView) -> impl IntoView {
    let StandingsView { month, cut_off, minimum, weights, missing, ranked, too_few, published, enforcement } =
        standings;
    view! {
        <h1>{format!("{month}部门考评排名")}</h1>
        <Method weights missing minimum />
        <h2>"排名"</h2>
        // Read again whenever a resident's callback is given or changed, on any instance.
        <Live id="standings" topic=Topic::Standings key=DISTRICT.to_string()>
        <p class="hint">{format!("本月截至{cut_off}的数据，随回访实时更新；月末确定后另行公布。")}</p>
        {ranked.is_empty().then(|| view! { <p>"本月还没有部门达到排名所需的回访数。"</p> })}
        <StandingsTable ranked too_few mark="" />
        <Enforcement rows=enforcement />
        </Live>
        <Published published />
    }
}

/// How the standings are worked out, in words, with the weights as used.
#[component]
pub fn Method(weights: Vec<(String, String)>, missing: Vec<String>, minimum: u32) -> impl IntoView {
    let weights = weights.into_iter().map(|(label, weight)| format!("{label} {weight}")).collect::<Vec<_>>().join("，");
    view! {
        <section class="method">
            <h2>"计算方法"</h2>
            <ul>
                <li>"每件诉求在其最终回访所在的月份计入办结它的部门；回访以诉求人本人的回答为准。"</li>
                <li>"响应率 = 回答“已联系”的件数 ÷ 有效回访数；解决率 = 回答“已解决”的件数 ÷ 有效回访数；满意率 = （非常满意 + 满意 + 0.9 × 基本满意）÷ 有效回访数；按时办结率 = 首次响应和办结都在时限内的件数 ÷ 有效回访数（时限扣除等待补充材料的时间、计入批准的延期，重办的按重办时限）。"</li>
                <li>{format!(
                    "执法数据上报及时率 = 执法行为发生后{}个工作日内报送区行政执法监督平台的记录数 ÷ 当月报送的执法记录数（按报送日期计入月份，数据来自监督平台，不在本站重复录入）；当月没有执法记录的部门不计此项，其余指标的权重按比例放大。",
                    Rules::official().reporting_working_days,
                )}</li>
                <li>"职责清单更新及时率 = 一年内审核过的公开条目数 ÷ 部门的公开条目数（职责清单和部门的每个办事事项各算一条；本月的按今天计，已结束的月份按结束考评当天计）。"</li>
                <li>{format!("综合得分按权重加权：{weights}。")}</li>
                {(!missing.is_empty()).then(|| view! {
                    <li>{format!("{}暂无数据，未计入综合得分，其余指标的权重按比例放大。", missing.join("、"))}</li>

                })}
                <li>{format!("按未四舍五入的综合得分排名，得分相同名次相同。有效回访不足{minimum}件的部门单独列出（样本不足），不参与排名。")}</li>
                <li>"每月结束后形成初步排名，各部门可在5个工作日内对具体诉求提出申诉，经审核后公布最终排名；公布后的排名不再改动，如需更正，另发更正版本并说明理由。"</li>
                <li>"连续两次（十二个月内）进入后三名的部门予以公开通报。"</li>
            </ul>
        </section>
    }
}

/// The ranked departments' table, `mark` beside those marked, and those with too few cases below it.
#[component]
pub fn StandingsTable(ranked: Vec<StandingRow>, too_few: Vec<StandingRow>, mark: &'static str) -> impl IntoView {
    view! {
        <ScrollingTable label="排名表" columns=&["名次", "部门", "有效回访", "响应率", "解决率", "满意率", "按时办结率", "执法上报及时率", "职责清单更新及时率", "综合得分", "较上月"]>
            {ranked.into_iter().map(|row| view! { <Row row mark /> }).collect_view()}
        </ScrollingTable>
        {(!too_few.is_empty()).then(|| view! {
            <h2>"样本不足"</h2>
            <ul class="too-few">
                {too_few.into_iter().map(|row| view! {
                    <li><a href=format!("/rankings/departments/{}", row.department_id)>
                        {format!("{}：有效回访{}件", row.department, row.n)}</a></li>
                }).collect_view()}
            </ul>
        })}
    }
}

/// A table of figures under `columns`, its rows the children: it scrolls sideways on a phone, so it takes the
/// keyboard's focus to be scrolled without a pointer.
#[component]
pub fn ScrollingTable(label: &'static str, columns: &'static [&'static str], children: Children) -> impl IntoView {
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=label>
            <table class="standings">
                <thead>
                    <tr>{columns.iter().map(|column| view! { <th scope="col">{*column}</th> }).collect_view()}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}

/// The month's enforcement records by department: the supervision platform's own 月考评 figures, in a table of
/// their own as well as a share of the composite.
#[component]
fn Enforcement(rows: Vec<EnforcementRow>) -> impl IntoView {
    view! {
        <h2 id="enforcement">"执法数据上报"</h2>
        {if rows.is_empty() {
            view! { <p>"本月还没有执法记录报送。"</p> }.into_any()
        } else {
            view! {
                <p class="hint">"本月报送区行政执法监督平台的执法记录，按部门和执法行为统计。"</p>
                <div class="table-wrap" tabindex="0" role="region" aria-label="执法数据上报表">
                    <table class="standings enforcement">
                        <thead><tr>
                            <th scope="col">"部门"</th>
                            {ActKind::ALL.map(|kind| view! { <th scope="col">{kind.label()}</th> }).to_vec()}
                            <th scope="col">"合计"</th><th scope="col">"按时报送"</th><th scope="col">"及时率"</th>
                        </tr></thead>
                        <tbody>
                            {rows.into_iter().map(|row| view! {
                                <tr>
                                    <th scope="row"><a href=format!("/rankings/departments/{}", row.department_id)>{row.department}</a></th>
                                    {row.by_kind.map(|count| view! { <td>{count}</td> }).to_vec()}
                                    <td>{row.records}</td><td>{row.timely}</td><td>{row.rate}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}

/// The months published, each linked, with the departments named in public.
#[component]
fn Published(published: Vec<PublishedMonth>) -> impl IntoView {
    (!published.is_empty()).then(|| {
        view! {
            <h2>"往月排名"</h2>
            <ul class="published">
                {published.into_iter().map(|PublishedMonth { code, words, named }| view! {
                    <li>
                        <a href=format!("/rankings/{code}")>{format!("{words}部门考评排名")}</a>
                        {(!named.is_empty()).then(|| format!("（公开通报：{}）", named.join("、")))}
                    </li>
                }).collect_view()}
            </ul>
        }
    })
}

#[component]
fn Row(row: StandingRow, mark: &'static str) -> impl IntoView {
    let StandingRow { department_id, department, n, rates, composite, rank, change, marked } = row;
    let [response, resolution, satisfaction, on_time, reporting, freshness] = rates;
    view! {
        <tr class:marked=marked>
            <td>{rank.map(|r| r.to_string()).unwrap_or_default()}</td>
            <th scope="row"><a href=format!("/rankings/departments/{department_id}")>{department}</a>{marked.then(|| view! { " "<span class="mark">{mark}</span> })}</th>
            <td>{n}</td>
            <td>{response}</td>
            <td>{resolution}</td>
            <td>{satisfaction}</td>
            <td>{on_time}</td>
            <td>{reporting}</td>
            <td>{freshness}</td>
            <td>{composite}</td>
            <td>{change}</td>
        </tr>
    }
}
