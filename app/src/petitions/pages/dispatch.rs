use super::queue::Row;
use crate::categories::categories;
use crate::petitions::api::new_petitions;
use crate::petitions::callback::Rating;
use crate::petitions::page_data::{DispatchDesk, Overdue, PhonedIn, RequestRow, ToCallBack, ToPublish, ToRoute};
use crate::petitions::tiers::Tier;
use crate::staff::pages::StaffFrame;
use crate::ui::form::{submitted, ErrorSummary, FieldError, TextArea};
use crate::ui::live::{Live, Topic};
use crate::ui::shown;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/staff/dispatch`: the new petitions, oldest first, each with a form that routes it to a department (its
/// category's to begin with); and the form a dispatcher files a caller's petition with.
#[component]
pub fn DispatchPage() -> impl IntoView {
    let desk = Resource::new(|| (), |_| new_petitions());
    view! {
        <Title text="派单" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"待派单的诉求"</h1>
            <p><a href="/staff/warnings">"诉求预警（按街道和类别的异常增多）"</a>" · "<a href="/staff/dispatch/roster">"值班表"</a></p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    desk.await.map(|desk| view! { <DeskView desk /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn DeskView(desk: DispatchDesk) -> impl IntoView {
    let DispatchDesk { rows, requests, to_publish, overdue, to_call_back, departments, communities, form_key } = desk;
    view! {
        {use_context::<PhonedIn>().map(|PhonedIn { number, access_code }| view! {
            <section class="notice issued" role="status">
                <h2>"电话诉求已受理"</h2>
                <p>"请向来电人读出："<br />"受理编号 "<code id="phoned-in-number">{number}</code>
                    "，查询码 "<code id="phoned-in-code">{access_code}</code></p>
            </section>
        })}
        // New petitions and requests arrive live (every filing and decision signals the desk).
        <Live id="desk" topic=Topic::Queue key="dispatch".to_string() every_seconds=60>
            {rows.is_empty().then(|| view! { <p>"没有待派单的诉求。"</p> })}
            <ol class="queue">
                {rows.into_iter().map(|to_route| view! { <ToRouteRow to_route departments=departments.clone() /> }).collect_view()}
            </ol>
            <h2 id="requests">"待审核的申请"</h2>
            {requests.is_empty().then(|| view! { <p>"没有待审核的转办、延期或不予受理申请。"</p> })}
            <ol class="queue">
                {requests.into_iter().map(|request| view! { <RequestRowView request /> }).collect_view()}
            </ol>
        </Live>
        <h2 id="overdue">"各部门超期诉求"</h2>
        {overdue.is_empty().then(|| view! { <p>"没有超期的诉求。"</p> })}
        <ol class="queue">
            {overdue.into_iter().map(|Overdue { department, line }| view! {
                <Row row=line><p class="hint">{department}</p></Row>
            }).collect_view()}
        </ol>
        <h2 id="callbacks">"待回访"</h2>
        {to_call_back.is_empty().then(|| view! { <p>"没有等待回访的诉求。"</p> })}
        <ol class="queue">
            {to_call_back.into_iter().map(|petition| view! { <CallBackRow petition /> }).collect_view()}
        </ol>
        <h2 id="publish">"待审核公开"</h2>
        {to_publish.is_empty().then(|| view! { <p>"没有等待审核公开的诉求。"</p> })}
        <ol class="queue">
            {to_publish.into_iter().map(|petition| view! { <ToPublishRow petition /> }).collect_view()}
        </ol>
        <PhoneInForm communities form_key />
    }
}

/// A department's request, with the two answers: approve, or send it back to the department.
#[component]
fn RequestRowView(request: RequestRow) -> impl IntoView {
    let RequestRow { number, version, line, department, asked } = request;
    let decide = move |approve: &'static str, label: &'static str| {
        view! {
            <form method="post" action="/staff/dispatch/decide" class="inline">
                <input type="hidden" name="number" value=number.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                <input type="hidden" name="approve" value=approve />
                <button type="submit" class:secondary=approve == "0">{label}</button>
            </form>
        }
    };
    view! {
        <Row row=line>
            <p class="request">{format!("{department}{asked}")}</p>
            {decide("1", "批准")}
            " "
            {decide("0", "退回")}
        </Row>
    }
}

/// A caller's petition, filed by the dispatcher for them: the same checks as every channel's (`filing::check`).
#[component]
fn PhoneInForm(communities: Vec<(String, String)>, form_key: String) -> impl IntoView {
    let mut groups: Vec<(&'static str, Vec<(&'static str, &'static str)>)> = Vec::new();
    for category in categories() {
        match groups.last_mut() {
            Some((group, members)) if *group == category.group => members.push((category.id, category.label)),
            _ => groups.push((category.group, vec![(category.id, category.label)])),
        }
    }
    let mut streets: Vec<(String, Vec<String>)> = Vec::new();
    for (street, community) in communities {
        match streets.iter_mut().find(|(s, _)| *s == street) {
            Some((_, members)) => members.push(community),
            None => streets.push((street, vec![community])),
        }
    }
    view! {
        <h2 id="phone-in">"电话受理"</h2>
        <form method="post" action="/staff/dispatch/phone-in">
            <input type="hidden" name="key" value=form_key />
            <div class="field">
                <label for="category">"诉求类别"</label>
                <FieldError field="category" />
                <select id="category" name="category">
                    <option value="">"—"</option>
                    {groups.into_iter().map(|(group, members)| view! {
                        <optgroup label=group>
                            {members.into_iter().map(|(id, label)| view! { <option value=id>{label}</option> }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="tier">"紧急程度"</label>
                <FieldError field="tier" />
                <select id="tier" name="tier">
                    <option value="">"按类别默认"</option>
                    {Tier::ALL.into_iter().map(|tier| view! { <option value=tier.code()>{tier.clocks().label}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="community">"街道和社区"</label>
                <FieldError field="community" />
                <select id="community" name="community">
                    <option value="">"—"</option>
                    {streets.into_iter().map(|(street, members)| view! {
                        <optgroup label=format!("{street}街")>
                            {members.into_iter().map(|community| view! {
                                <option value=format!("{street}/{community}")>{community.clone()}</option>
                            }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <TextField field="place_detail" label="具体位置（不公开）" max=100 />
            <TextField field="title" label="标题" max=40 />
            <div class="field">
                <label for="body">"诉求内容"</label>
                <FieldError field="body" />
                <TextArea id="body" name="body" rows=5 maxlength=1000 text=submitted("body").unwrap_or_default() />
            </div>
            <TextField field="name" label="来电人姓名" max=30 />
            <div class="field">
                <label for="phone">"来电人手机"</label>
                <FieldError field="phone" />
                <input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="20" />
            </div>
            <button type="submit">"受理并生成编号"</button>
        </form>
    }
}

#[component]
fn TextField(field: &'static str, label: &'static str, max: u32) -> impl IntoView {
    view! {
        <div class="field">
            <label for=field>{label}</label>
            <FieldError field />
            <input id=field name=field type="text" maxlength=max.to_string() value=submitted(field).unwrap_or_default() />
        </div>
    }
}

/// A closed petition: the dispatcher calls its resident and records what they say.
#[component]
fn CallBackRow(petition: ToCallBack) -> impl IntoView {
    let ToCallBack { number, version, line } = petition;
    let row_key = number.clone();
    let select = move |name: &'static str, label: &'static str, options: Vec<(&'static str, &'static str)>| {
        let id = format!("{name}-{row_key}");
        view! {
            <label for=id.clone()>{label}</label>
            " "
            <select id=id name=name>
                <option value="">"—"</option>
                {options.into_iter().map(|(value, text)| view! { <option value=value>{text}</option> }).collect_view()}
            </select>
            " "
        }
    };
    let yes_no = || vec![("yes", "是"), ("no", "否")];
    let ratings = Rating::ALL.into_iter().map(|r| (r.code(), r.label())).collect();
    view! {
        <Row row=line>
            <form method="post" action="/staff/dispatch/callback" class="callback-by-phone">
                <input type="hidden" name="number" value=number.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                {select("contacted", "联系过", yes_no())}
                {select("solved", "已解决", yes_no())}
                {select("rating", "满意程度", ratings)}
                <button type="submit">"记录回访"</button>
            </form>
        </Row>
    }
}

#[component]
fn ToRouteRow(to_route: ToRoute, departments: Vec<(String, String)>) -> impl IntoView {
    let ToRoute { number, version, line, suggested } = to_route;
    let select_id = format!("department-{number}");
    view! {
        <Row row=line>
            <form method="post" action="/staff/dispatch/route">
                <input type="hidden" name="number" value=number.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                <label for=select_id.clone()>"办理部门"</label>
                " "
                <select id=select_id name="department">
                    <option value="">"—"</option>
                    {departments.into_iter().map(|(department, name)| {
                        let chosen = suggested.as_deref() == Some(department.as_str());
                        view! { <option value=department selected=chosen>{name}</option> }
                    }).collect_view()}
                </select>
                " "
                <label for=format!("assignee-{number}")>"承办人工号（选填）"</label>
                " "
                <input id=format!("assignee-{number}") name="assignee" type="text" maxlength="20" size="8" />
                " "
                <button type="submit">"派单"</button>
            </form>
            <form method="post" action="/staff/dispatch/merge" class="merge">
                <input type="hidden" name="number" value=number.clone() />
                <input type="hidden" name="version" value=version.to_string() />
                <label for=format!("merge-{number}")>"重复诉求，合并到受理编号"</label>
                " "
                <input id=format!("merge-{number}") name="into" type="text" inputmode="numeric" maxlength="30" />
                " "
                <button type="submit" class="secondary">"合并"</button>
            </form>
        </Row>
    }
}

/// A petition whose resident agreed to publish it: its text, masked already, to check and edit, then publish or
/// keep private. Photos and the place detail are never published.
#[component]
fn ToPublishRow(petition: ToPublish) -> impl IntoView {
    let ToPublish { number, line, title, body } = petition;
    let (title_id, body_id) = (format!("publish-title-{number}"), format!("publish-body-{number}"));
    view! {
        <Row row=line>
            <form method="post" action="/staff/dispatch/publish">
                <input type="hidden" name="number" value=number.clone() />
                <div class="field">
                    <label for=title_id.clone()>"公开标题"</label>
                    <input id=title_id name="title" type="text" maxlength="40" value=title />
                </div>
                <div class="field">
                    <label for=body_id.clone()>"公开内容（已自动遮挡电话、证件号码和门牌号，可再修改）"</label>
                    <TextArea id=body_id name="body" rows=4 maxlength=1000 text=body />
                </div>
                <button type="submit" name="approve" value="1">"公开"</button>
                " "
                <button type="submit" name="approve" value="0" class="secondary">"不公开"</button>
            </form>
        </Row>
    }
}
