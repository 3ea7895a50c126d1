//! What booking's form handlers decide: onward, or the same page again with its problem.

use super::*;

#[derive(Deserialize)]
pub struct StartForm {
    #[serde(default)]
    item: String,
    /// The place of the kiosk the booking starts at, if it does.
    #[serde(default)]
    kiosk: String,
}

/// `POST /book/start`: a new draft for a bookable item, at a kiosk's place when started at one.
pub async fn start(services: &Services, session: &Session, form: StartForm) -> Result<Decision, ServerFnError> {
    let bookable = match form.item.parse::<ItemId>() {
        Ok(id) => services.catalog.store.item(id).await?.filter(|i| i.channels.bookable),
        Err(_) => None,
    };
    let Some(item) = bookable else {
        return Ok(Decision::whole("这个事项不能预约到现场办理，请选择其他事项。"));
    };
    let (draft, next) = if form.kiosk.is_empty() {
        (Draft::new(item.id, new_token()), Step::Place)
    } else {
        let places = services.catalog.store.places_handling(item.id).await?;
        let Some(place) = places.into_iter().find(|p| p.id == form.kiosk) else {
            return Ok(Decision::whole("这个办理点不办理这个事项，请选择其他事项。"));
        };
        let kiosk = StartedAtKiosk { place_id: place.id, place_name: place.name };
        (Draft::at_kiosk(item.id, new_token(), kiosk), Step::Day)
    };
    save(session, &draft).await?;
    Ok(Decision::onward(next.path()))
}

#[derive(Deserialize)]
pub struct PlaceForm {
    #[serde(default)]
    place: String,
    /// The street whose places the form listed, to list them again with a problem.
    #[serde(default)]
    pub street: String,
}

pub async fn choose_place(services: &Services, session: &Session, form: PlaceForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let places = services.catalog.store.places_handling(draft.item).await?;
        if !places.iter().any(|p| p.id == form.place) {
            return Ok((Decision::field("place", "请选择一个办理点。"), None));
        }
        draft.choose_place(form.place);
        Ok((Decision::onward(Step::Day.path()), Some(draft)))
    })
    .await
}

/// The draft's place on `day`, and the slots there that can still be booked; a message when there are none.
async fn open_on(
    services: &Services,
    draft: &Draft,
    day: NaiveDate,
) -> Result<Result<(BookablePlace, Vec<SlotChoice>), String>, ServerFnError> {
    let place_id = draft.place_id.as_deref().unwrap_or_default();
    let Some(place) = services.booking.bookable_place(place_id).await? else {
        return Ok(Err("请重新选择办理点。".into()));
    };
    if !horizon(services.site.clock.today()).any(|d| d == day) {
        return Ok(Err(format!("只能预约今天起{HORIZON_DAYS}天内的日期。")));
    }
    Ok(match slots_on(services, &place, day).await? {
        Ok(slots) if slots.is_empty() => Err("这一天的预约已截止，请选择其他日期。".into()),
        Ok(slots) => Ok((place, slots)),
        Err(reason) => Err(reason),
    })
}

#[derive(Deserialize)]
pub struct DayForm {
    #[serde(default)]
    day: String,
}

pub async fn choose_day(services: &Services, session: &Session, form: DayForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let Ok(day) = form.day.parse::<NaiveDate>() else {
            return Ok((Decision::field("day", "请选择一个日期。"), None));
        };
        if let Err(message) = open_on(services, &draft, day).await? {
            return Ok((Decision::field("day", message), None));
        }
        draft.choose_day(day);
        Ok((Decision::onward(Step::Slot.path()), Some(draft)))
    })
    .await
}

#[derive(Deserialize)]
pub struct SlotForm {
    /// `HH:MM`, or `HH:MM/wait` for a full slot's waiting list.
    #[serde(default)]
    slot: String,
}

pub async fn choose_slot(services: &Services, session: &Session, form: SlotForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let (time, wait) = match form.slot.split_once('/') {
            Some((time, "wait")) => (time, true),
            _ => (form.slot.as_str(), false),
        };
        let (Ok(starts), Some(day)) = (NaiveTime::parse_from_str(time, "%H:%M"), draft.day) else {
            return Ok((Decision::field("slot", "请选择一个时段。"), None));
        };
        let slots = match open_on(services, &draft, day).await? {
            Ok((_, slots)) => slots,
            Err(message) => return Ok((Decision::field("slot", message), None)),
        };
        let problem = match slots.iter().find(|s| s.starts == starts) {
            None => Some("这个时段已不能预约，请选择其他时段。"),
            Some(s) if s.seats_left == 0 && !wait => Some("这个时段刚刚约满了。可以选择其他时段，或选择它登记候补。"),
            Some(_) => None,
        };
        if let Some(message) = problem {
            return Ok((Decision::field("slot", message), None));
        }
        draft.starts = Some(starts);
        draft.wait_if_full = wait;
        Ok((Decision::onward(Step::Who.path()), Some(draft)))
    })
    .await
}

pub async fn give_who(services: &Services, session: &Session, form: WhoForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        let at_kiosk = draft.kiosk.is_some();
        match check_who(&form, draft.applicant.as_ref(), services.site.clock.today(), at_kiosk) {
            Ok(applicant) => {
                draft.applicant = Some(applicant);
                Ok((Decision::onward(Step::Consent.path()), Some(draft)))
            }
            // The name and choices come back; the ID number and phone are typed again, never echoed.
            Err(errors) => {
                let mut values = vec![("name".to_string(), form.name), ("id_type".to_string(), form.id_type)];
                if form.on_behalf.is_some() {
                    values.push(("on_behalf".into(), "1".into()));
                }
                Ok((Decision::Again(FormProblem::new(errors, values)), None))
            }
        }
    })
    .await
}

#[derive(Deserialize)]
pub struct ConsentForm {
    #[serde(default)]
    agree: Option<String>,
}

pub async fn consent(session: &Session, form: ConsentForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        if form.agree.is_none() {
            return Ok((Decision::field("agree", "需要您同意使用证件号码，才能完成预约。"), None));
        }
        draft.consented = true;
        Ok((Decision::onward(Step::Check.path()), Some(draft)))
    })
    .await
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    key: String,
}

/// `POST /book/confirm`: books the draft, once however often the form is sent.
pub async fn confirm(services: &Services, session: &Session, form: ConfirmForm) -> Result<Decision, ServerFnError> {
    with_draft(session, async |mut draft: Draft| {
        if draft.key != form.key {
            return Ok((Decision::whole("这个页面已过期，请核对下面的信息后再确认。"), None));
        }
        let unanswered = Decision::onward(draft.next_step().path());
        if draft.next_step() != Step::Check {
            return Ok((unanswered, None));
        }
        let (Some(place_id), Some(day), Some(starts), Some(applicant)) =
            (draft.place_id.clone(), draft.day, draft.starts, draft.applicant.clone())
        else {
            return Ok((unanswered, None));
        };
        let capacity = match open_on(services, &draft, day).await? {
            Ok((place, slots)) if slots.iter().any(|s| s.starts == starts) => place.capacity,
            _ => return Ok((Decision::whole(Refusal::SlotClosed.to_string()), None)),
        };
        let request = BookingRequest {
            item: draft.item,
            slot: SlotRef { place_id, day, starts },
            applicant,
            wait_if_full: draft.wait_if_full,
        };
        match services.booking.book(&request, capacity, &draft.key, services.site.clock.now()).await? {
            Ok(booking) => {
                draft.finish(booking.token.clone());
                Ok((Decision::Onward(booking_page(&booking.token)), Some(draft)))
            }
            Err(refusal) => Ok((Decision::whole(refusal.to_string()), None)),
        }
    })
    .await
}

/// `POST /bookings/{token}/cancel`. `None` when there is no such booking.
pub async fn cancel(services: &Services, token: &str) -> Result<Option<Decision>, ServerFnError> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    Ok(Some(match services.booking.cancel(token, services.site.clock.now()).await? {
        Some(_) => Decision::Onward(booking_page(token)),
        None => Decision::whole("这个预约已经不能取消：可能已取消、已签到，或时段已开始。"),
    }))
}

#[derive(Deserialize)]
pub struct RescheduleForm {
    #[serde(default)]
    pub day: String,
    #[serde(default)]
    slot: String,
}

/// `POST /bookings/{token}/reschedule`: the booking moves to a free seat at its place. `None` when there is no
/// such booking.
pub async fn reschedule(
    services: &Services,
    token: &str,
    form: &RescheduleForm,
) -> Result<Option<Decision>, ServerFnError> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    let Some(booking) = services.booking.booking(token).await? else { return Ok(None) };
    let (Ok(day), Ok(starts)) = (form.day.parse::<NaiveDate>(), NaiveTime::parse_from_str(&form.slot, "%H:%M")) else {
        return Ok(Some(Decision::whole("请选择一个时段。")));
    };
    let Some(place) = services.booking.bookable_place(&booking.slot.place_id).await? else { return Ok(None) };
    if !can_move_to(&slots_on(services, &place, day).await?, starts) {
        return Ok(Some(Decision::whole("这个时段已不能预约或已约满，请选择其他时段。")));
    }
    let slot = SlotRef { place_id: place.place.id.clone(), day, starts };
    Ok(Some(match services.booking.reschedule(token, &slot, place.capacity, services.site.clock.now()).await? {
        Ok(_) => Decision::Onward(booking_page(token)),
        Err(refusal) => Decision::whole(refusal.to_string()),
    }))
}

/// `POST /bookings/lookup`, once the phone and code have the right shape (and the caller has counted the try):
/// a phone with a booking of that check-in code is proved for this session, and its bookings are listed at
/// /my-bookings.
pub async fn prove_phone(
    services: &Services,
    session: &Session,
    phone: &str,
    code: &str,
) -> Result<Decision, ServerFnError> {
    let bookings = services.booking.bookings_by_phone(phone).await?;
    if !bookings.iter().any(|b| b.check_in_code == code) {
        // Which of the two is wrong is not said: that would help someone guessing.
        return Ok(Decision::whole("没有找到：请核对手机号码和签到码。"));
    }
    session.insert(LOOKUP_KEY, phone).await.map_err(session_failed)?;
    Ok(Decision::onward("/my-bookings"))
}

#[derive(Deserialize)]
pub struct CheckInForm {
    #[serde(default)]
    code: String,
}

/// `POST /kiosk/{place}/check-in`: on to the check-in page with the resident's position, or the reason not.
pub async fn check_in(services: &Services, place: &str, form: CheckInForm) -> Result<Decision, ServerFnError> {
    let page = PagePath::new(&["kiosk", place, "check-in"]);
    let Some(code) = normalise_check_in(&form.code) else {
        return Ok(Decision::field("code", "签到码是8位字母和数字，请核对后重新输入。"));
    };
    Ok(match services.booking.check_in(place, &code, services.site.clock.now(), None).await? {
        CheckIn::Done { position, .. } | CheckIn::AlreadyDone { position } => {
            Decision::Onward(page.with_query("position", &position.to_string()))
        }
        refused => Decision::whole(refused.message()),
    })
}
