//! A resident's filing pages, one question each, every one a plain HTML form (no script needed): category →
//! tier → where → what → photos → who → the phone's code → public or not → check → filed.

use crate::petitions::api::{
    category_step, check_step, code_step, contact_step, filed, photos_step, place_step, public_petitions, sharing_step,
    text_step, tier_step,
};
use crate::petitions::draft::Step;
use crate::petitions::filing::{BODY_CHARS, TITLE_CHARS};
use crate::petitions::model::{KEEP_PERSONAL_DATA_DAYS, MAX_PHOTOS};
use crate::petitions::page_data::{
    CategoryChoices, CodeSent, ContactAnswers, FiledView, FilingCheck, PhotoChoices, PublicList, SharingAnswers,
    Similar, TextAnswers, TierChoices, WhereChoices,
};
use crate::ui::form::{submitted, ErrorSummary, FieldError, Radio, TextArea};
use crate::ui::questions::{gated, question_page};
use crate::ui::{query_value, shown, PageFrame, PageResponse};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/petitions/new`: what a petition is for, and where else to turn when life is in danger.
#[component]
pub fn FileStartPage() -> impl IntoView {
    let from = use_query_map().with_untracked(|q| q.get("from")).filter(|from| from == "kiosk");
    view! {
        <Title text="我要反映" />
        <PageFrame>
            <h1>"我要反映问题（接诉即办）"</h1>
            <p>"身边的烦心事，比如停水停暖、噪声扰民、道路破损、物业服务，都可以在这里反映。我们会按时限派给负责的部门办理，您可以随时查看进度。"</p>
            <p class="warning" role="note">"正在发生危险时，请先拨打 110（治安）、119（火灾、被困）或 120（急救）。"</p>
            <h2>"您需要准备"</h2>
            <ul class="plain-list">
                <li>"问题发生的地点（街道和社区）"</li>
                <li>"发生了什么、希望怎样解决"</li>
                <li>{format!("照片（可选，最多{MAX_PHOTOS}张）")}</li>
                <li>"能接收验证码短信的手机"</li>
            </ul>
            <form method="post" action="/petitions/new/start">
                {from.map(|from| view! { <input type="hidden" name="from" value=from /> })}
                <button type="submit">"开始填写"</button>
            </form>
            <p><a href="/petitions">"已经提交过？查询诉求进度"</a></p>
        </PageFrame>
    }
}

/// Above each question: the way back and where the resident is.
#[component]
fn FilingHeader(back: &'static str, step: Step) -> impl IntoView {
    view! {
        <p class="back"><a href=back>"‹ 返回上一步"</a></p>
        <p class="caption">{format!("我要反映 · 第{}步，共8步", (step as u8).min(7) + 1)}</p>
    }
}

question_page!(PageFrame, CategoryPage, "反映什么问题", category_step, CategoryQuestion);
question_page!(PageFrame, TierPage, "紧急程度", tier_step, TierQuestion);
question_page!(PageFrame, TextPage, "说说情况", text_step, TextQuestion);
question_page!(PageFrame, PhotosPage, "上传照片", photos_step, PhotosQuestion);
question_page!(PageFrame, ContactPage, "联系方式", contact_step, ContactQuestion);
question_page!(PageFrame, CodePage, "短信验证码", code_step, CodeQuestion);
question_page!(PageFrame, SharingPage, "是否公开", sharing_step, SharingQuestion);
question_page!(PageFrame, FilingCheckPage, "核对诉求信息", check_step, CheckQuestion);
question_page!(PageFrame, FiledPage, "诉求已提交", filed, FiledAnswer);

#[component]
fn CategoryQuestion(step: CategoryChoices) -> impl IntoView {
    let chosen = submitted("category").or(step.chosen);
    view! {
        <FilingHeader back="/petitions/new" step=Step::Category />
        <ErrorSummary />
        <form method="post" action="/petitions/new/category">
            <h1>"反映什么问题？"</h1>
            <FieldError field="category" />
            {step.groups.into_iter().map(|(group, members)| view! {
                <fieldset class="radios">
                    <legend>{group}</legend>
                    {members.into_iter().map(|(id, label)| {
                        let checked = chosen.as_deref() == Some(id.as_str());
                        view! { <Radio name="category" value=id label hint=String::new() checked /> }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn TierQuestion(step: TierChoices) -> impl IntoView {
    let chosen = submitted("tier").unwrap_or(step.chosen);
    view! {
        <FilingHeader back=Step::Category.path() step=Step::Tier />
        <ErrorSummary />
        <form method="post" action="/petitions/new/tier">
            <h1>"有多紧急？"</h1>
            <p class="hint">{format!("“{}”一般按下面选中的办理，请确认，或按实际情况选择。", step.category)}</p>
            <FieldError field="tier" />
            <fieldset class="radios">
                <legend class="visually-hidden">"紧急程度"</legend>
                {step.tiers.into_iter().map(|tier| {
                    let checked = tier.code == chosen;
                    let hint = if tier.advice.is_empty() { tier.clocks } else { format!("{} · {}", tier.clocks, tier.advice) };
                    let label = if tier.code == step.suggested { format!("{}（建议）", tier.label) } else { tier.label };
                    view! { <Radio name="tier" value=tier.code label hint checked /> }
                }).collect_view()}
            </fieldset>
            <button type="submit">"继续"</button>
        </form>
    }
}

/// `/petitions/new/place?street=…`: the street first (as links, which work without a script), then its
/// communities.
#[component]
pub fn WherePage() -> impl IntoView {
    let street = use_query_map().with_untracked(|q| q.get("street")).filter(|s| !s.is_empty());
    let step = Resource::new(move || street.clone(), place_step);
    let response = StoredValue::new(PageResponse::here());
    view! {
        <Title text="在哪里" />
        <PageFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || {
                    let response = response.get_value();
                    Suspend::new(shown(async move { gated(&response, step.await, |step| view! { <WhereQuestion step /> }) }))
                }}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn WhereQuestion(step: WhereChoices) -> impl IntoView {
    let WhereChoices { streets, street, communities, chosen, detail } = step;
    let Some(street) = street else {
        return view! {
            <FilingHeader back=Step::Tier.path() step=Step::Place />
            <ErrorSummary />
            <h1>"问题发生在哪个街道？"</h1>
            <ul class="choices">
                {streets.into_iter().map(|(street, count)| view! {
                    <li>
                        <a class="choice" href=format!("/petitions/new/place?street={}", query_value(&street))>
                            {format!("{street}街")}<span class="hint">{format!("{count}个社区")}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any();
    };
    let chosen = submitted("community").or(chosen);
    let detail = submitted("detail").unwrap_or(detail);
    view! {
        <FilingHeader back=Step::Tier.path() step=Step::Place />
        <ErrorSummary />
        <form method="post" action="/petitions/new/place">
            <h1>{format!("{street}街的哪个社区？")}</h1>
            <p class="other-streets"><a href="/petitions/new/place?street=">"‹ 选择其他街道"</a></p>
            <input type="hidden" name="street" value=street />
            <FieldError field="community" />
            <fieldset class="radios">
                <legend class="visually-hidden">"社区"</legend>
                {communities.into_iter().map(|community| {
                    let checked = chosen.as_deref() == Some(community.as_str());
                    view! { <Radio name="community" value=community.clone() label=community hint=String::new() checked /> }
                }).collect_view()}
            </fieldset>
            <div class="field">
                <label for="detail">"具体位置（选填）"</label>
                <p class="hint">"例如：3号楼2门前、小区东门路口。只给办理部门看，不会公开。"</p>
                <FieldError field="detail" />
                <input id="detail" name="detail" type="text" maxlength="100" value=detail />
            </div>
            <button type="submit">"继续"</button>
        </form>
    }
    .into_any()
}

#[component]
fn TextQuestion(step: TextAnswers) -> impl IntoView {
    let title = submitted("title").unwrap_or(step.title);
    let body = submitted("body").unwrap_or(step.body);
    view! {
        <FilingHeader back=Step::Place.path() step=Step::Text />
        <ErrorSummary />
        <form method="post" action="/petitions/new/text">
            <h1>"说说情况"</h1>
            <p class="hint">{step.category}</p>
            <div class="field">
                <label for="title">"标题"</label>
                <p class="hint">{format!("{}到{}个字，例如：3号楼暖气不热", TITLE_CHARS.start(), TITLE_CHARS.end())}</p>
                <FieldError field="title" />
                <input id="title" name="title" type="text" maxlength="60" value=title />
            </div>
            <div class="field">
                <label for="body">"具体内容"</label>
                <p class="hint">{format!("{}到{}个字：什么时候、在哪里、发生了什么、希望怎样解决。请不要写身份证号等个人信息。", BODY_CHARS.start(), BODY_CHARS.end())}</p>
                <FieldError field="body" />
                <TextArea id="body" name="body" rows=8 maxlength=1200 text=body />
            </div>
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn PhotosQuestion(step: PhotoChoices) -> impl IntoView {
    let PhotoChoices { photos, room_for } = step;
    view! {
        <FilingHeader back=Step::Text.path() step=Step::Photos />
        <ErrorSummary />
        <h1>"上传照片（选填）"</h1>
        <p class="hint">{format!("最多{MAX_PHOTOS}张，JPG、PNG或WebP格式。照片只给办理部门看，不会公开；照片里的拍摄地点等信息会被去掉。")}</p>
        {(!photos.is_empty()).then(|| view! {
            <ul class="photos">
                {photos.into_iter().enumerate().map(|(n, id)| view! {
                    <li>
                        <img src=format!("/petitions/new/photos/{id}") alt=format!("第{}张照片", n + 1) width="160" />
                        <form method="post" action="/petitions/new/photos/remove">
                            <input type="hidden" name="remove" value=id.to_string() />
                            <button type="submit" class="secondary">"删除"<span class="visually-hidden">{format!("第{}张照片", n + 1)}</span></button>
                        </form>
                    </li>
                }).collect_view()}
            </ul>
        })}
        {(room_for > 0).then(|| view! {
            <form method="post" action="/petitions/new/photos" enctype="multipart/form-data">
                <div class="field">
                    <label for="photo">{format!("选择照片（还可以传{room_for}张）")}</label>
                    <FieldError field="photo" />
                    <input id="photo" name="photo" type="file" accept="image/jpeg,image/png,image/webp" multiple=true />
                </div>
                <button type="submit" class="secondary">"上传"</button>
            </form>
        })}
        <form method="post" action="/petitions/new/photos/done">
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn ContactQuestion(step: ContactAnswers) -> impl IntoView {
    let name = submitted("name").unwrap_or(step.name);
    view! {
        <FilingHeader back=Step::Photos.path() step=Step::Contact />
        <ErrorSummary />
        <form method="post" action="/petitions/new/contact" autocomplete="off">
            <h1>"怎样联系您？"</h1>
            <p class="hint">"办理部门会打电话了解情况、告诉您结果。您的姓名和电话不会公开，部门工作人员看到的也是部分遮挡的号码。"</p>
            <p class="hint">{format!("诉求结束{}年后，姓名、电话、具体位置和照片会被删除，只留不含个人信息的办理记录。", KEEP_PERSONAL_DATA_DAYS / 365)}</p>
            <div class="field">
                <label for="name">"姓名"</label>
                <FieldError field="name" />
                <input id="name" name="name" type="text" maxlength="30" value=name autocomplete="name" />
            </div>
            <div class="field">
                <label for="phone">"手机号码"</label>
                {step.phone_masked.map(|m| view! { <p class="hint">{format!("已填写 {m}，不修改可留空")}</p> })}
                <p class="hint">"我们会发一条验证码短信到这个号码。"</p>
                <FieldError field="phone" />
                <input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="20" autocomplete="tel" />
            </div>
            <button type="submit">"发送验证码"</button>
        </form>
    }
}

#[component]
fn CodeQuestion(step: CodeSent) -> impl IntoView {
    view! {
        <FilingHeader back=Step::Contact.path() step=Step::Code />
        <ErrorSummary />
        <form method="post" action="/petitions/new/code" autocomplete="off">
            <h1>"输入短信验证码"</h1>
            <p class="hint">{format!("验证码已发到 {}，10分钟内有效。", step.phone_masked)}</p>
            <div class="field">
                <label for="code">"验证码（6位数字）"</label>
                <FieldError field="code" />
                <input id="code" name="code" type="text" inputmode="numeric" maxlength="8" autocomplete="one-time-code" />
            </div>
            <button type="submit">"继续"</button>
        </form>
        <form method="post" action="/petitions/new/code/resend">
            <p class="hint">
                {if step.resend_in_seconds > 0 { format!("没收到？{}秒后可以重新获取。", step.resend_in_seconds) } else { "没收到？".to_string() }}
                <button type="submit" class="link">"重新获取验证码"</button>
            </p>
        </form>
        <p class="hint"><a href=Step::Contact.path()>"手机号码填错了？修改"</a></p>
    }
}

#[component]
fn SharingQuestion(step: SharingAnswers) -> impl IntoView {
    let public = submitted("public").or(step.public_wanted.map(|p| if p { "yes".into() } else { "no".into() }));
    view! {
        <FilingHeader back=Step::Code.path() step=Step::Sharing />
        <ErrorSummary />
        <form method="post" action="/petitions/new/sharing">
            <h1>"可以公开这件诉求吗？"</h1>
            <p class="hint">"公开后，其他居民能看到同样的问题已有人反映，也能看到办理结果。公开前由工作人员审核，电话、证件号码、门牌号会被遮挡；照片和具体位置从不公开。"</p>
            <FieldError field="public" />
            <fieldset class="radios">
                <legend class="visually-hidden">"是否公开"</legend>
                <Radio name="public" value="yes".into() label="同意公开".into() hint="审核后公开标题和内容".into() checked=public.as_deref() == Some("yes") />
                <Radio name="public" value="no".into() label="不公开".into() hint="只有您和办理部门能看到".into() checked=public.as_deref() == Some("no") />
            </fieldset>
            <div class="checkbox">
                <input type="checkbox" id="anonymous" name="anonymous" value="1" checked=step.anonymous />
                <label for="anonymous">"公开时不显示我的姓氏（匿名）"</label>
            </div>
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn CheckQuestion(step: FilingCheck) -> impl IntoView {
    let FilingCheck {
        key,
        category,
        tier,
        clocks,
        place,
        detail,
        title,
        body,
        photos,
        name_masked,
        phone_masked,
        sharing,
        similar,
        joins,
    } = step;
    let place = if detail.is_empty() { place } else { format!("{place} · {detail}") };
    let photo_count = if photos.is_empty() { "无".to_string() } else { format!("{}张", photos.len()) };
    let rows = [
        ("类别", category, Step::Category.path()),
        ("紧急程度", format!("{tier}（{clocks}）"), Step::Tier.path()),
        ("地点", place, Step::Place.path()),
        ("标题", title, Step::Text.path()),
        ("内容", body, Step::Text.path()),
        ("照片", photo_count, Step::Photos.path()),
        ("联系人", format!("{name_masked} · {phone_masked}"), Step::Contact.path()),
        ("是否公开", sharing, Step::Sharing.path()),
    ];
    view! {
        <FilingHeader back=Step::Sharing.path() step=Step::Check />
        <ErrorSummary />
        <h1>"核对诉求信息"</h1>
        <dl class="summary">
            {rows.into_iter().map(|(label, value, change)| view! {
                <div>
                    <dt>{label}</dt>
                    <dd class="pre-line">{value}</dd>
                    <dd class="change"><a href=change>"修改"<span class="visually-hidden">{label}</span></a></dd>
                </div>
            }).collect_view()}
        </dl>
        <SimilarPetitions similar joins />
        <form method="post" action="/petitions/new/confirm">
            <input type="hidden" name="key" value=key />
            <button type="submit">"提交诉求"</button>
        </form>
    }
}

/// Open public petitions like this one: the resident may join one ("me too") — their own petition all the same,
/// with its own status page and callback, counted with the one they join.
#[component]
fn SimilarPetitions(similar: Vec<Similar>, joins: Option<i64>) -> impl IntoView {
    (!similar.is_empty()).then(|| {
        view! {
            <section class="similar" aria-labelledby="similar-heading">
                <h2 id="similar-heading">"附近已有相似的诉求"</h2>
                <p class="hint">"如果是同一件事，可以选择“我也遇到了”：您的诉求照常提交和办理，同时计入这件诉求的反映人数。"</p>
                <ul class="plain-list">
                    {similar.into_iter().map(|s| {
                        let joined = joins == Some(s.id);
                        view! {
                            <li class:joined=joined>
                                <strong>{s.title}</strong>
                                <p class="note">{s.body}</p>
                                <p class="hint">{format!("已有{}人一同反映", s.joined + 1)}</p>
                                <form method="post" action="/petitions/new/me-too" class="inline">
                                    <input type="hidden" name="joins" value=if joined { "0".to_string() } else { s.id.to_string() } />
                                    <button type="submit" class="secondary">{if joined { "不是同一件事" } else { "我也遇到了" }}</button>
                                </form>
                                {joined.then(|| view! { <p class="status" role="status">"您的诉求将计入这件诉求"</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// `/petitions/public?street=…&category=…&state=…`: the petitions residents agreed to publish and a dispatcher approved,
/// masked, with where they stand and how long they took.
#[component]
pub fn PublicPetitionsPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| {
        (q.get("street").unwrap_or_default(), q.get("category").unwrap_or_default(), q.get("state").unwrap_or_default())
    });
    let list =
        Resource::new(move || query.clone(), |(street, category, state)| public_petitions(street, category, state));
    view! {
        <Title text="公开的诉求" />
        <PageFrame>
            <h1>"公开的诉求"</h1>
            <p class="hint">"诉求人同意公开、经工作人员审核后公开；电话、证件号码、门牌号已遮挡，照片和具体位置不公开。"</p>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    list.await.map(|list| view! { <PublicListView list /> })
                }))}
            </Suspense>
        </PageFrame>
    }
}

#[component]
fn PublicListView(list: PublicList) -> impl IntoView {
    let PublicList { rows, streets, categories, street, category, state } = list;
    view! {
        <form method="get" action="/petitions/public" class="filters">
            <label for="street">"街道"</label>
            <select id="street" name="street">
                <option value="">"全部"</option>
                {streets.into_iter().map(|s| view! { <option value=s.clone() selected=s == street>{format!("{s}街")}</option> }).collect_view()}
            </select>
            <label for="category">"类别"</label>
            <select id="category" name="category">
                <option value="">"全部"</option>
                {categories.into_iter().map(|(id, label)| view! { <option value=id.clone() selected=id == category>{label}</option> }).collect_view()}
            </select>
            <label for="state">"状态"</label>
            <select id="state" name="state">
                {[("", "全部"), ("open", "办理中"), ("done", "已办结")].into_iter().map(|(value, label)| view! {
                    <option value=value selected=value == state>{label}</option>
                }).collect_view()}
            </select>
            <button type="submit" class="secondary">"筛选"</button>
        </form>
        {rows.is_empty().then(|| view! { <p>"没有符合条件的公开诉求。"</p> })}
        <ol class="public-petitions">
            {rows.into_iter().map(|row| view! {
                <li>
                    <h2>{row.title}</h2>
                    <p class="hint">{format!("{} · {} · {}提交", row.category, row.place, row.filed)}</p>
                    <p class="note">{row.body}</p>
                    <p>{format!("{} · {}", row.stage, row.taken)}{(row.joined > 0).then(|| format!(" · 另有{}人一同反映", row.joined))}</p>
                </li>
            }).collect_view()}
        </ol>
    }
}

#[component]
fn FiledAnswer(step: FiledView) -> impl IntoView {
    let FiledView { number, access_code, status_url, qr_svg, clocks, tier_advice } = step;
    view! {
        <div class="confirmation" role="status">
            <h1>"诉求已提交"</h1>
            <p>"受理编号"</p>
            <p class="tracking-number">{number}</p>
            <p>"查询码 "<strong class="access-code">{access_code}</strong></p>
        </div>
        <p>"请记下受理编号和查询码，或用手机扫描下面的二维码、收藏进度页面。凭它们可以随时查看进度、补充材料和评价。"</p>
        {(!tier_advice.is_empty()).then(|| view! { <p class="warning" role="note">{tier_advice}</p> })}
        <h2>"办理时限"</h2>
        <ul class="plain-list clocks">
            {clocks.into_iter().map(|clock| {
                let provisional = if clock.provisional { "（暂定：该年节假日安排尚未公布）" } else { "" };
                view! { <li>{format!("{}：{} 前{provisional}", clock.name, clock.due)}</li> }
            }).collect_view()}
        </ul>
        <div class="qr" inner_html=qr_svg></div>
        <p><a href=status_url.clone()>"打开进度页面"</a></p>
        <p class="hint">"部门签收、请您补充材料和办结时，我们会给您发短信。"</p>
        <form method="post" action="/petitions/new/start">
            <button type="submit" class="secondary">"再反映一个问题"</button>
        </form>
    }
}
