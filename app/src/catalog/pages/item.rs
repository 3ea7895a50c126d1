use crate::catalog::api::fetch_item_details;
use crate::catalog::checklist;
use crate::catalog::filter::topic_label;
use crate::catalog::model::{Handling, Item, ItemId, Material, Place, PlaceKind, TimeLimit};
use crate::catalog::page_data::ItemDetails;
use crate::ui::form::ErrorSummary;
use crate::ui::shown;
use crate::ui::{found_or_not_found, PageFrame};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/items/{id}`: everything a resident needs before going.
#[component]
pub fn ItemPage() -> impl IntoView {
    // A malformed id is simply an item that does not exist: 404, not 500.
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<u32>().ok()));
    let details = Resource::new(
        move || id,
        |id| async move {
            match id {
                Some(id) => fetch_item_details(id).await,
                None => Ok(None),
            }
        },
    );
    view! {
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(details.await, |details| view! { <ItemView details /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn ItemView(details: ItemDetails) -> impl IntoView {
    let ItemDetails { mut item, places, public_url, qr_svg, ticked, stale } = details;
    let materials = std::mem::take(&mut item.materials);
    let process = std::mem::take(&mut item.process);
    let footer = format!("实施编码 {} · 第{}版 · 最近核对 {}", item.code, item.version, item.reviewed_on);
    view! {
        <Title text=item.name.clone() />
        <article class="item">
            <p class="crumbs"><a href="/items">"全部事项"</a>" › "
                <a href=format!("/departments/{}", item.department_id)>{item.department_name.clone()}</a></p>
            <h1>{item.name.clone()}</h1>
            <p class="lead">{item.description.clone()}</p>
            <Limits handling=item.handling promised=item.promised_limit statutory=item.statutory_limit visits=item.visits />
            {item.channels.bookable.then(|| view! {
                <form method="post" action="/book/start" class="book">
                    <input type="hidden" name="item" value=item.id.to_string() />
                    <button type="submit">"预约到现场办理"</button>
                </form>
            })}
            <section id="materials">
                <h2>"要带的材料"</h2>
                <MaterialsChecklist item=item.id materials ticked />
            </section>
            <Facts item />
            <section>
                <h2>"办理流程"</h2>
                <ol class="steps">{process.into_iter().map(|step| view! { <li>{step}</li> }).collect_view()}</ol>
            </section>
            <section>
                <h2>"可以在哪里办"</h2>
                <PlacesList places />
            </section>
            <section class="qr">
                <h2>"在手机上继续"</h2>
                <figure>
                    <div class="qr-code" inner_html=qr_svg></div>
                    <figcaption>"用手机扫码打开本页："<span class="url">{public_url}</span></figcaption>
                </figure>
            </section>
            <p class="reviewed">
                {footer}
                {stale.then(|| view! { " "<span class="badge stale">"超过一年未更新"</span> })}
            </p>
        </article>
    }
}

/// The promised limit is what residents plan by; the statutory one is the legal bound. Both carry their unit.
#[component]
fn Limits(handling: Handling, promised: TimeLimit, statutory: TimeLimit, visits: u8) -> impl IntoView {
    let kind = match handling {
        Handling::Immediate => "即办件",
        Handling::Promised => "承诺件",
    };
    let visits = match visits {
        0 => "全程网办，不用跑".to_string(),
        n => format!("到现场 {n} 次"),
    };
    view! {
        <dl class="limits">
            <div class="promised"><dt>"承诺办结时限"</dt><dd>{promised.describe()}</dd></div>
            <div><dt>"法定办结时限"</dt><dd>{statutory.describe()}</dd></div>
            <div><dt>"办件类型"</dt><dd>{kind}</dd></div>
            <div><dt>"跑动次数"</dt><dd>{visits}</dd></div>
        </dl>
    }
}

/// Native checkboxes in a plain form: ticking works without any script, and saving keeps the ticks in the
/// resident's session for next time.
#[component]
fn MaterialsChecklist(item: ItemId, materials: Vec<Material>, ticked: Vec<String>) -> impl IntoView {
    let status = if ticked.is_empty() {
        "出门前逐项勾选，确认都带齐了。点“保存勾选”，下次打开本页时仍在。".to_string()
    } else {
        format!("已备齐 {} / {} 项（已保存）。", ticked.len(), materials.len())
    };
    view! {
        <form method="post" action=format!("/items/{item}/checklist")>
            <ErrorSummary />
            <p class="hint" role="status">{status}</p>
            <ul class="checklist">
                {materials.into_iter().enumerate().map(|(n, m)| {
                    let copies = if m.copies == 0 { "核验后退还".to_string() } else { format!("{}份", m.copies) };
                    let detail = format!("{} · {} · {} · {}", if m.required { "必需" } else { "视情况" }, m.form.label(), copies, m.source);
                    view! {
                        <li>
                            <input type="checkbox" id=format!("m{n}") name=checklist::FIELD value=m.name.clone()
                                checked=ticked.contains(&m.name) />
                            <label for=format!("m{n}")>
                                <span class="material-name">{m.name}</span>
                                <span class="material-detail">{detail}</span>
                                {(!m.notes.is_empty()).then(|| view! { <span class="material-notes">{m.notes}</span> })}
                            </label>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <button type="submit" class="secondary">"保存勾选"</button>
        </form>
    }
}

#[component]
fn Facts(item: Item) -> impl IntoView {
    let fees = if item.fees.is_empty() {
        "不收费".into_any()
    } else {
        view! {
            <ul>{item.fees.into_iter().map(|f| view! { <li>{format!("{}：{}（依据：{}）", f.item, f.amount, f.basis)}</li> }).collect_view()}</ul>
        }.into_any()
    };
    view! {
        <section>
            <h2>"办理须知"</h2>
            <dl class="facts">
                <dt>"事项类型"</dt><dd>{item.kind.label()}</dd>
                {(!item.topics.is_empty()).then(|| view! {
                    <dt>"主题"</dt>
                    <dd class="topics">
                        {item.topics.iter().filter_map(|t| Some((t.clone(), topic_label(t)?))).map(|(slug, label)| view! {
                            <a href=format!("/items?topic={slug}")>{label}</a>
                        }).collect_view()}
                    </dd>
                })}
                <dt>"实施主体"</dt><dd>{item.department_name}</dd>
                <dt>"受理条件"</dt><dd>{item.conditions}</dd>
                <dt>"收费"</dt><dd>{fees}</dd>
                <dt>"办理地点"</dt><dd>{item.address}</dd>
                <dt>"办理时间"</dt><dd>{item.hours}</dd>
                <dt>"咨询电话"</dt><dd><a href=format!("tel:{}", item.phone)>{item.phone.clone()}</a></dd>
                <dt>"监督投诉"</dt><dd>{item.complaint}</dd>
                <dt>"设定依据"</dt><dd>{item.legal_basis}</dd>
            </dl>
        </section>
    }
}

/// Halls and points by name; the community centres, often over a hundred, grouped by street and folded.
#[component]
fn PlacesList(places: Vec<Place>) -> impl IntoView {
    let (centres, named): (Vec<Place>, Vec<Place>) = places.into_iter().partition(|p| p.kind == PlaceKind::Community);
    let centre_count = centres.len();
    view! {
        <ul class="places">
            {named.into_iter().map(|p| view! {
                <li><strong>{p.name}</strong><span>{format!("{} · {}", p.kind.label(), p.address)}</span></li>
            }).collect_view()}
        </ul>
        {(centre_count > 0).then(|| view! {
            <details class="centres">
                <summary>{format!("另有 {centre_count} 个社区党群服务中心可以办理")}</summary>
                <ul>{centres.into_iter().map(|p| view! { <li>{p.name}" · "{p.address}</li> }).collect_view()}</ul>
            </details>
        })}
    }
}
