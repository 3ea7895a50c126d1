//! Keeping the disclosure up to date. `/staff/disclosure/edit`: an editor's departments, every entry with when it
//! was last reviewed; `/staff/disclosure/edit/{departments|items}/{id}`: one entry's form ("save" or "reviewed, no
//! change") and its versions with their diffs; `/staff/disclosure/approvals`: the service office's queue of legal
//! changes. Plain forms: all of it works without JavaScript.

use crate::catalog::api::{disclosure_editor_index, disclosure_entry_editor, disclosure_proposals};
use crate::catalog::editing::rows::{columns, form_code, parse_fee, parse_material, MAX_COPIES};
use crate::catalog::editing::{line_diff, parse_limit, Change, DiffLine, Field, Version, VersionState};
use crate::catalog::model::{LimitUnit, MaterialForm};
use crate::catalog::page_data::{EntryEditor, EntryLine, Proposal};
use crate::staff::pages::StaffFrame;
use crate::ui::form::{submitted, submitted_all, ErrorSummary, FieldError, Radio, TextArea};
use crate::ui::{found_or_not_found, shown};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const AT: &str = "%Y年%-m月%-d日 %H:%M";

#[component]
pub fn EditorIndexPage() -> impl IntoView {
    let index = Resource::new(|| (), |_| disclosure_editor_index());
    view! {
        <Title text="维护公开信息" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"维护公开信息"</h1>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    index.await.map(|index| view! {
                        <p class="hint">{format!(
                            "截至{}。超过一年（365天）未审核的条目标为“超过一年未更新”，计入部门月度考评的更新及时率。\
                             内容无误的，打开后点“已核对，无需修改”即可。",
                            index.today
                        )}</p>
                        {index.departments.into_iter().map(|department| view! {
                            <h2>{department.name}</h2>
                            <ul class="plain-list entries">
                                <EntryItem line=department.list />
                                {department.items.into_iter().map(|line| view! { <EntryItem line /> }).collect_view()}
                            </ul>
                        }).collect_view()}
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn EntryItem(line: EntryLine) -> impl IntoView {
    view! {
        <li>
            <a href=line.href>{line.name}</a>
            {format!("（最近审核：{}）", line.reviewed_on)}
            {line.stale.then(|| view! { " "<span class="badge stale">"超过一年未更新"</span> })}
        </li>
    }
}

#[component]
pub fn EntryEditorPage() -> impl IntoView {
    let params = use_params_map();
    let target = params.with_untracked(|p| (p.get("kind").unwrap_or_default(), p.get("id").unwrap_or_default()));
    let editor = Resource::new(move || target.clone(), |(kind, id)| disclosure_entry_editor(kind, id));
    view! {
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff/disclosure/edit">"‹ 维护公开信息"</a></p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    found_or_not_found(editor.await, |editor| view! { <EditorView editor /> })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn EditorView(editor: EntryEditor) -> impl IntoView {
    let EntryEditor { title, department_name, action, public_href, fields, stamp, reviewed_on, stale, versions } =
        editor;
    let waiting = versions.iter().any(|v| v.state == VersionState::Pending);
    view! {
        <Title text=format!("维护：{title}") />
        <h1>{title}</h1>
        <p class="hint">
            {format!("{department_name} · 最近审核：{reviewed_on}")}
            {stale.then(|| view! { " "<span class="badge stale">"超过一年未更新"</span> })}
            " · "<a href=public_href>"查看公开页面"</a>
        </p>
        {waiting.then(|| view! {
            <p class="notice" role="status">"有法定内容的修改正在等待区政务服务办审核，审核通过后才会公开。"</p>
        })}
        <ErrorSummary />
        <form method="post" action=action class="entry-editor">
            <input type="hidden" name="stamp" value=stamp.to_string() />
            {fields.into_iter().map(|(field, text)| view! { <FieldInput field text /> }).collect_view()}
            <div class="field">
                <label for="note">"修改说明（选填，如依据的文件）"</label>
                <FieldError field="note" />
                <input id="note" name="note" type="text" maxlength="200" value=submitted("note").unwrap_or_default() />
            </div>
            <button type="submit" name="action" value="save">"保存修改"</button>
            " "
            <button type="submit" name="action" value="reviewed" class="secondary">"已核对，无需修改"</button>
        </form>
        <h2 id="versions">"修改记录"</h2>
        {versions.is_empty().then(|| view! { <p>"还没有修改记录（现有内容来自初始数据）。"</p> })}
        <ol class="versions plain-list">
            {versions.into_iter().map(|version| view! { <li><VersionView version /></li> }).collect_view()}
        </ol>
    }
}

/// One field of the form: a text area for long texts and lists, a line for short texts, a number and a unit for
/// a limit. Legal fields say that a change waits for approval.
#[component]
fn FieldInput(field: Field, text: String) -> impl IntoView {
    let name = field.name();
    if field.is_rows() {
        return view! { <RowsInput field text /> }.into_any();
    }
    let label = if field.is_legal() {
        format!("{}（法定内容：修改须经区政务服务办审核后公开）", field.label())
    } else if field.is_list() {
        format!("{}（每行一条）", field.label())
    } else {
        field.label().to_string()
    };
    let input = match field {
        Field::PromisedLimit | Field::StatutoryLimit => {
            let limit = parse_limit(&text);
            let amount_name = format!("{name}_amount");
            let unit_name = format!("{name}_unit");
            let amount =
                submitted(&amount_name).unwrap_or_else(|| limit.map_or(String::new(), |l| l.amount.to_string()));
            let unit = submitted(&unit_name).unwrap_or_else(|| match limit.map(|l| l.unit) {
                Some(LimitUnit::CalendarDays) => "calendar_days".into(),
                _ => "working_days".into(),
            });
            view! {
                <span class="limit">
                    <input id=name name=amount_name type="number" min="0" max="365" inputmode="numeric"
                        value=amount class="short" />
                    <label class="visually-hidden" for=format!("{name}-unit")>{format!("{}的单位", field.label())}</label>
                    <select id=format!("{name}-unit") name=unit_name>
                        <option value="working_days" selected=unit == "working_days">"个工作日"</option>
                        <option value="calendar_days" selected=unit == "calendar_days">"日（自然日）"</option>
                    </select>
                </span>
                <p class="hint">"当场办结填0。"</p>
            }
            .into_any()
        }
        Field::Address | Field::Hours | Field::Phone | Field::Complaint => {
            let longest = field.longest().to_string();
            view! { <input id=name name=name type="text" maxlength=longest value=submitted(name).unwrap_or(text) /> }
                .into_any()
        }
        _ => {
            let rows = if field.is_list() { 8 } else { 4 };
            view! { <TextArea id=name name rows maxlength=20_000 text=submitted(name).unwrap_or(text) /> }.into_any()
        }
    };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <FieldError field=name />
            {input}
        </div>
    }
    .into_any()
}

/// Blank rows offered for new materials or fees.
const NEW_ROWS: usize = 2;

/// Materials or fees, a row each: a table of inputs whose columns are sent as repeated fields, the current rows
/// (or the rows just sent, when the form comes back with a problem) and blank rows to add. A row emptied is
/// removed.
#[component]
fn RowsInput(field: Field, text: String) -> impl IntoView {
    let name = field.name();
    let columns = columns(field);
    let sent: Option<Vec<Vec<String>>> =
        columns.iter().map(|(suffix, _)| submitted_all(&format!("{name}_{suffix}"))).collect();
    let rows: Vec<Vec<String>> = match sent.filter(|sent| sent.iter().any(|column| !column.is_empty())) {
        Some(sent) => {
            let count = sent.iter().map(Vec::len).max().unwrap_or(0);
            (0..count)
                .map(|row| sent.iter().map(|column| column.get(row).cloned().unwrap_or_default()).collect())
                .collect()
        }
        None => text
            .lines()
            .enumerate()
            .filter_map(|(at, line)| cells(field, line, at + 1))
            .chain(std::iter::repeat_with(|| blank(field)).take(NEW_ROWS))
            .collect(),
    };
    let what = if field == Field::Materials { "材料" } else { "收费" };
    let legend = if field.is_legal() {
        format!("{}（法定内容：修改须经区政务服务办审核后公开）", field.label())
    } else {
        field.label().to_string()
    };
    view! {
        <fieldset class="field rows" id=name>
            <legend>{legend}</legend>
            <p class="hint">"每行一项；清空一行的文字即删去该项，在空行里填写即新增。"</p>
            {(field == Field::Materials).then(|| view! {
                <p class="hint">{format!("份数填0表示只需出示原件，最多{MAX_COPIES}份。")}</p>
            })}
            <FieldError field=name />
            <div class="table-wrap"><table>
                <thead><tr>{columns.iter().map(|(_, heading)| view! { <th scope="col">{*heading}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().enumerate().map(|(at, row)| view! {
                        <tr>
                            {columns.iter().zip(row).map(|((suffix, heading), value)| {
                                let label = format!("第{}项{what}的{heading}", at + 1);
                                view! { <td><Cell field suffix label value /></td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table></div>
        </fieldset>
    }
}

/// A current row's cells as its inputs hold them.
fn cells(field: Field, line: &str, row: usize) -> Option<Vec<String>> {
    match field {
        Field::Materials => parse_material(line, row).ok().map(|m| {
            let required = if m.required { "yes" } else { "no" };
            vec![m.name, required.into(), form_code(m.form).into(), m.copies.to_string(), m.source, m.notes]
        }),
        _ => parse_fee(line, row).ok().map(|fee| vec![fee.item, fee.amount, fee.basis]),
    }
}

fn blank(field: Field) -> Vec<String> {
    match field {
        Field::Materials => {
            vec![
                String::new(),
                "yes".into(),
                form_code(MaterialForm::Original).into(),
                String::new(),
                String::new(),
                String::new(),
            ]
        }
        _ => vec![String::new(); 3],
    }
}

/// One cell's input, labelled with its row and column for screen readers.
#[component]
fn Cell(field: Field, suffix: &'static str, label: String, value: String) -> impl IntoView {
    let name = format!("{}_{suffix}", field.name());
    match suffix {
        "required" => view! {
            <select name=name aria-label=label>
                <option value="yes" selected=value == "yes">"必需"</option>
                <option value="no" selected=value == "no">"非必需"</option>
            </select>
        }
        .into_any(),
        "form" => view! {
            <select name=name aria-label=label>
                {[MaterialForm::Original, MaterialForm::Copy, MaterialForm::OriginalAndCopy].map(|form| {
                    let code = form_code(form);
                    view! { <option value=code selected=value == code>{form.label()}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        "copies" => view! {
            <input name=name aria-label=label type="number" min="0" max=MAX_COPIES.to_string() inputmode="numeric"
                class="short" value=value />
        }
        .into_any(),
        _ => view! { <input name=name aria-label=label type="text" maxlength="200" value=value /> }.into_any(),
    }
}

/// A version: when, by whom, where it stands, and each change as a diff.
#[component]
fn VersionView(version: Version) -> impl IntoView {
    let Version { state, changes, note, editor, editor_name, at, decided, .. } = version;
    view! {
        <p class="version-head">
            <strong>{state.label()}</strong>
            {format!(" · {} · {editor_name}（{editor}）", at.format(AT))}
        </p>
        {(!note.is_empty()).then(|| view! { <p>{format!("说明：{note}")}</p> })}
        {changes.into_iter().map(|change| view! { <ChangeView change /> }).collect_view()}
        {decided.map(|decided| view! {
            <p class="decision">{format!(
                "审核：{}（{}，{}）{}",
                if state == VersionState::Approved { "通过" } else { "不通过" },
                decided.by,
                decided.at.format(AT),
                if decided.note.is_empty() { String::new() } else { format!("：{}", decided.note) },
            )}</p>
        })}
    }
}

/// One field's change, line by line: removed lines struck through, added ones underlined, each also said in words.
#[component]
fn ChangeView(change: Change) -> impl IntoView {
    let lines = line_diff(&change.before, &change.after);
    view! {
        <div class="change">
            <p class="change-field">{change.field.label()}</p>
            <ul class="diff">
                {lines.into_iter().map(|line| match line {
                    DiffLine::Kept(text) => view! { <li class="kept">{text}</li> }.into_any(),
                    DiffLine::Removed(text) => view! {
                        <li class="removed"><span class="visually-hidden">"删去："</span><del>{text}</del></li>
                    }.into_any(),
                    DiffLine::Added(text) => view! {
                        <li class="added"><span class="visually-hidden">"新增："</span><ins>{text}</ins></li>
                    }.into_any(),
                }).collect_view()}
            </ul>
        </div>
    }
}

#[component]
pub fn ApprovalsPage() -> impl IntoView {
    let proposals = Resource::new(|| (), |_| disclosure_proposals());
    view! {
        <Title text="公开信息法定内容审核" />
        <StaffFrame signed_in=true>
            <p class="back"><a href="/staff">"‹ 工作台"</a></p>
            <h1>"公开信息法定内容审核"</h1>
            <p class="hint">"部门编辑对设定依据、法定办结时限的修改，经区政务服务办审核通过后才公开。不通过的，请写明理由。"</p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    proposals.await.map(|proposals| view! {
                        {proposals.is_empty().then(|| view! { <p>"没有等待审核的修改。"</p> })}
                        {proposals.into_iter().map(|proposal| view! { <ProposalView proposal /> }).collect_view()}
                    })
                }))}
            </Suspense>
        </StaffFrame>
    }
}

#[component]
fn ProposalView(proposal: Proposal) -> impl IntoView {
    let Proposal { version, department_name, item_name, current } = proposal;
    let id = version.id;
    let action = format!("/staff/disclosure/approvals/{id}");
    let href = version.entry.item.map(|item| format!("/items/{item}")).unwrap_or_default();
    view! {
        <section class="proposal" aria-labelledby=format!("proposal-{id}")>
            <h2 id=format!("proposal-{id}")><a href=href>{item_name}</a></h2>
            <p class="hint">{department_name}</p>
            <VersionView version />
            {(!current).then(|| view! {
                <p class="notice">"此修改提交后，该事项的这些内容已有变动，不能再通过，只能驳回。"</p>
            })}
            <form method="post" action=action>
                <fieldset>
                    <legend>"审核意见"</legend>
                    {current.then(|| view! {
                        <Radio name="decision" value="approve".into() label="通过".into() hint="修改随即公开。".into() />
                    })}
                    <Radio name="decision" value="reject".into() label="不通过".into() hint="现有内容不变。".into() checked=!current />
                </fieldset>
                <div class="field">
                    <label for=format!("note-{id}")>"理由（不通过时必填）"</label>
                    <input id=format!("note-{id}") name="note" type="text" maxlength="200" />
                </div>
                <button type="submit">"提交审核意见"</button>
            </form>
        </section>
    }
}
