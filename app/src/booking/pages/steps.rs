use super::{or_unnamed, slot_label, BookingFrame, StepHeader};
use crate::booking::api::{check_step, consent_step, day_step, place_step, popular_bookable, slot_step, who_step};
use crate::booking::model::{KEEP_PERSONAL_DATA_DAYS, MAX_ACTIVE};
use crate::booking::page_data::{CheckAnswers, DayChoices, PlaceChoices, SlotChoices, WhoAnswers};
use crate::booking::places::PlaceList;
use crate::booking::slots::HORIZON_DAYS;
use crate::calendar::day_label;
use crate::personal::IdType;
use crate::ui::form::{submitted, ErrorSummary, FieldError, Radio};
use crate::ui::kiosk_frame::{Keypad, KeypadKeys};
use crate::ui::live::{Live, Topic};
use crate::ui::query_value;
use crate::ui::questions::{gated, question_page};
use crate::ui::shown;
use crate::ui::{PageFrame, PageResponse};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/book`: which item to book. Items are also booked straight from their own page.
#[component]
pub fn BookStartPage() -> impl IntoView {
    let items = Resource::new(|| (), |_| popular_bookable());
    view! {
        <Title text="预约办理" />
        <PageFrame>
            <h1>"预约到现场办理"</h1>
            <p>"选择要办理的事项，再选办理点和时间。也可以先"<a href="/items?channel=bookable">"查找可预约的事项"</a>"，在事项页面点“预约到现场办理”。"</p>
            <ErrorSummary />
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || Suspend::new(shown(async move {
                    let items = items.await?;
                    Ok::<_, ServerFnError>(view! {
                        <ul class="choices">
                            {items.into_iter().map(|item| view! {
                                <li>
                                    <form method="post" action="/book/start">
                                        <input type="hidden" name="item" value=item.id.to_string() />
                                        <button type="submit" class="choice">{item.name}<span class="hint">{item.department_name}</span></button>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    })
                }))}
            </Suspense>
        </PageFrame>
    }
}

/// `/book/place?street=…`: the street is asked for first when the item is handled at many places.
#[component]
pub fn PlacePage() -> impl IntoView {
    let street = use_query_map().with_untracked(|q| q.get("street"));
    let step = Resource::new(move || street.clone(), place_step);
    let response = StoredValue::new(PageResponse::here());
    view! {
        <Title text="选择办理点" />
        <BookingFrame>
            <Suspense fallback=|| view! { <p>"正在加载…"</p> }>
                {move || {
                    let response = response.get_value();
                    Suspend::new(shown(async move { gated(&response, step.await, |step| view! { <PlaceQuestion step /> }) }))
                }}
            </Suspense>
        </BookingFrame>
    }
}

question_page!(BookingFrame, DayPage, "选择日期", day_step, DayQuestion);
question_page!(BookingFrame, SlotPage, "选择时段", slot_step, SlotQuestion);
question_page!(BookingFrame, WhoPage, "办事人信息", who_step, WhoQuestion);
question_page!(BookingFrame, CheckPage, "核对预约信息", check_step, CheckQuestion);

#[component]
fn PlaceQuestion(step: PlaceChoices) -> impl IntoView {
    let chosen = submitted("place").or(step.chosen);
    let PlaceList { streets, places, street } = step.list;
    if places.is_empty() {
        // Many places: the street first, as links (a GET, so it works without a script).
        return view! {
            <StepHeader item_name=step.item_name back="/book" />
            <ErrorSummary />
            <h1>"到哪里办？"</h1>
            <p class="hint">"先选择街道，再选择这条街道上的办理点。"</p>
            <ul class="choices">
                {streets.into_iter().map(|(street, count)| view! {
                    <li>
                        <a class="choice" href=format!("/book/place?street={}", query_value(&street))>
                            {format!("{street}街")}<span class="hint">{format!("{count}个办理点")}</span>
                        </a>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any();
    }
    view! {
        <StepHeader item_name=step.item_name back="/book" />
        <ErrorSummary />
        <form method="post" action="/book/place">
            <h1>"到哪里办？"</h1>
            {street.clone().map(|street| view! {
                <p class="other-streets"><a href="/book/place?street=">"‹ 选择其他街道"</a></p>
                <input type="hidden" name="street" value=street />
            })}
            <FieldError field="place" />
            {places.into_iter().map(|(street, places)| view! {
                <fieldset class="radios">
                    <legend>{format!("{street}街")}</legend>
                    {places.into_iter().map(|p| {
                        let checked = chosen.as_deref() == Some(p.id.as_str());
                        let hint = format!("{} · {}", p.kind.label(), p.address);
                        view! { <Radio name="place" value=p.id label=p.name hint checked /> }
                    }).collect_view()}
                </fieldset>
            }).collect_view()}
            <button type="submit">"继续"</button>
        </form>
    }
    .into_any()
}

#[component]
fn DayQuestion(step: DayChoices) -> impl IntoView {
    let chosen = submitted("day").or(step.chosen.map(|d| d.to_string()));
    view! {
        <StepHeader item_name=step.item_name back="/book/place" />
        <ErrorSummary />
        <form method="post" action="/book/day">
            <h1>"哪一天去？"</h1>
            <p class="hint">{step.place_name}{format!(" · 可预约今天起{HORIZON_DAYS}天内")}</p>
            <FieldError field="day" />
            <SeatChoices id="day-choices" legend="日期" place_id=step.place_id>
                {step.days.into_iter().map(|choice| {
                    let (note, open) = match &choice.open {
                        Ok(0) => ("已约满，可登记候补".to_string(), true),
                        Ok(left) => (format!("余 {left} 个名额"), true),
                        Err(reason) => (reason.clone(), false),
                    };
                    let value = choice.day.to_string();
                    let checked = open && chosen.as_deref() == Some(value.as_str());
                    view! { <Radio name="day" value label=day_label(choice.day) hint=note checked disabled=!open /> }
                }).collect_view()}
            </SeatChoices>
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn SlotQuestion(step: SlotChoices) -> impl IntoView {
    let chosen = submitted("slot").or(step.chosen.map(|t| t.format("%H:%M").to_string()));
    let none_left = step.slots.is_empty();
    view! {
        <StepHeader item_name=step.item_name back="/book/day" />
        <ErrorSummary />
        <form method="post" action="/book/slot">
            <h1>"几点去？"</h1>
            <p class="hint">{format!("{} · {}", step.place_name, day_label(step.day))}</p>
            <FieldError field="slot" />
            <SeatChoices id="slot-choices" legend="时段" place_id=step.place_id>
                {none_left.then(|| view! { <p>"这一天已没有可预约的时段，请"<a href="/book/day">"换一天"</a>"。"</p> })}
                {step.slots.into_iter().map(|slot| {
                    let time = slot.starts.format("%H:%M").to_string();
                    // A full slot can still be chosen: for its waiting list.
                    let (value, note) = if slot.seats_left == 0 {
                        (format!("{time}/wait"), "已约满 · 选择即登记候补，有人取消时按顺序递补".to_string())
                    } else {
                        (time.clone(), format!("余 {} 个名额", slot.seats_left))
                    };
                    let checked = chosen.as_deref().is_some_and(|c| c == value || c == time);
                    view! { <Radio name="slot" value label=slot_label(slot.starts) hint=note checked /> }
                }).collect_view()}
            </SeatChoices>
            <button type="submit">"继续"</button>
        </form>
    }
}

/// A question's choices, each with the seats it has left at `place_id`: they follow others' bookings live.
#[component]
fn SeatChoices(id: &'static str, legend: &'static str, place_id: String, children: Children) -> impl IntoView {
    view! {
        <Live id topic=Topic::Slots key=place_id>
            <fieldset class="radios">
                <legend class="visually-hidden">{legend}</legend>
                {children()}
            </fieldset>
        </Live>
    }
}

#[component]
fn WhoQuestion(step: WhoAnswers) -> impl IntoView {
    let WhoAnswers { given: step, at_kiosk } = step;
    let name = submitted("name").or(step.as_ref().map(|g| g.name.clone())).unwrap_or_default();
    let id_type =
        submitted("id_type").or(step.as_ref().map(|g| g.id_type.clone())).unwrap_or_else(|| "resident_card".into());
    let on_behalf = submitted("on_behalf").is_some() || step.as_ref().is_some_and(|g| g.on_behalf);
    let kept =
        |masked: Option<String>| masked.map(|m| view! { <p class="hint">{format!("已填写 {m}，不修改可留空")}</p> });
    view! {
        <StepHeader item_name=String::new() back="/book/slot" />
        <ErrorSummary />
        <form method="post" action="/book/who" autocomplete="off">
            <h1>"谁去办？"</h1>
            <p class="hint">"填写办事人本人的信息。替别人预约（代办）也可以，请勾选下方的代办。"</p>
            // A kiosk has no Chinese input method: there the name is not asked for.
            {(!at_kiosk).then(|| view! {
                <div class="field">
                    <label for="name">"姓名"</label>
                    <FieldError field="name" />
                    <input id="name" name="name" type="text" value=name maxlength="30" />
                </div>
            })}
            <div class="field">
                <label for="id_type">"证件类型"</label>
                <FieldError field="id_type" />
                <select id="id_type" name="id_type">
                    {IdType::ALL.into_iter().map(|t| view! {
                        <option value=t.code() selected=id_type == t.code()>{t.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="id_number">"证件号码"</label>
                {kept(step.as_ref().map(|g| g.masked_id.clone()))}
                <FieldError field="id_number" />
                <input id="id_number" name="id_number" type="text" inputmode="text" maxlength="24" spellcheck="false" />
                {at_kiosk.then(|| view! { <Keypad><KeypadKeys field="id_number" with_x=true /></Keypad> })}
            </div>
            <div class="field">
                <label for="phone">"联系电话（手机）"</label>
                {kept(step.as_ref().map(|g| g.masked_phone.clone()))}
                <FieldError field="phone" />
                <input id="phone" name="phone" type="tel" inputmode="numeric" maxlength="20" />
                {at_kiosk.then(|| view! { <Keypad><KeypadKeys field="phone" with_x=false /></Keypad> })}
            </div>
            <div class="checkbox">
                <input type="checkbox" id="on_behalf" name="on_behalf" value="1" checked=on_behalf />
                <label for="on_behalf">"我是替办事人预约（代办），到现场时请带上办事人的证件"</label>
            </div>
            <button type="submit">"继续"</button>
        </form>
    }
}

question_page!(BookingFrame, ConsentPage, "同意使用证件号码", consent_step, ConsentQuestion);

/// Why the ID number is asked for, in plain words, and the resident's agreement.
#[component]
fn ConsentQuestion(step: ()) -> impl IntoView {
    let () = step; // the gate has nothing to pass on
    view! {
        <StepHeader item_name=String::new() back="/book/who" />
        <ErrorSummary />
        <form method="post" action="/book/consent">
            <h1>"我们怎样使用您的证件号码"</h1>
            <ul class="plain-list">
                <li>{format!("只用于这次预约：核对是不是同一个人重复预约（同一事项只能预约一次，同时最多{MAX_ACTIVE}个预约或候补），以及到现场时核对身份。")}</li>
                <li>"页面上和工作人员看到的都是部分遮挡的号码，例如 110105********002X。"</li>
                <li>{format!("预约的时段过去{KEEP_PERSONAL_DATA_DAYS}天后，姓名、证件号码和电话会被删除，只留不含个人信息的统计。")}</li>
                <li>"不会用于其他用途，也不会提供给其他单位。"</li>
            </ul>
            <FieldError field="agree" />
            <div class="checkbox">
                <input type="checkbox" id="agree" name="agree" value="1" />
                <label for="agree">"我已阅读，同意按上述方式使用证件号码"</label>
            </div>
            <button type="submit">"继续"</button>
        </form>
    }
}

#[component]
fn CheckQuestion(step: CheckAnswers) -> impl IntoView {
    let CheckAnswers { item_name, place_name, place_address, day, starts, wait_if_full, applicant, key } = step;
    let when = format!("{} {}{}", day_label(day), slot_label(starts), if wait_if_full { "（候补）" } else { "" });
    let id_type = IdType::from_code(&applicant.id_type).map(IdType::label).unwrap_or_default();
    let rows = [
        ("办理事项", item_name, "/book"),
        ("办理点", format!("{place_name}（{place_address}）"), "/book/place"),
        ("时间", when, "/book/day"),
        (
            "办事人",
            format!("{}{}", or_unnamed(&applicant.name), if applicant.on_behalf { "（代办）" } else { "" }),
            "/book/who",
        ),
        ("证件", format!("{id_type} {}", applicant.masked_id), "/book/who"),
        ("联系电话", applicant.masked_phone, "/book/who"),
    ];
    view! {
        <ErrorSummary />
        <h1>"核对预约信息"</h1>
        <dl class="summary">
            {rows.into_iter().map(|(label, value, change)| view! {
                <div>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                    <dd class="change"><a href=change>"修改"<span class="visually-hidden">{label}</span></a></dd>
                </div>
            }).collect_view()}
        </dl>
        <form method="post" action="/book/confirm">
            <input type="hidden" name="key" value=key />
            <button type="submit">{if wait_if_full { "确认登记候补" } else { "确认预约" }}</button>
        </form>
    }
}
