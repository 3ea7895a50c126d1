//! What booking's server functions answer: each page's data, or where to go instead.

use super::*;

/// `street`: the one picked on the page (`?street=`), if any.
pub async fn place_step(
    services: &Services,
    session: &Session,
    street: Option<String>,
) -> Result<Gate<PlaceChoices>, ServerFnError> {
    gate(session, Step::Place, async |draft: Draft| {
        let places = services.catalog.store.places_handling(draft.item).await?;
        Ok(PlaceChoices {
            item_name: item_name(services, draft.item).await?,
            list: place_list(places, street.as_deref(), draft.place_id.as_deref()),
            chosen: draft.place_id,
        })
    })
    .await
}

pub async fn day_step(services: &Services, session: &Session) -> Result<Gate<DayChoices>, ServerFnError> {
    gate(session, Step::Day, async |draft: Draft| {
        let place = place_of(services, &draft).await?;
        Ok(DayChoices {
            item_name: item_name(services, draft.item).await?,
            days: days_at(services, &place).await?,
            place_id: place.place.id,
            place_name: place.place.name,
            chosen: draft.day,
        })
    })
    .await
}

pub async fn slot_step(services: &Services, session: &Session) -> Result<Gate<SlotChoices>, ServerFnError> {
    gate(session, Step::Slot, async |draft: Draft| {
        let place = place_of(services, &draft).await?;
        let day = draft.day.expect("the draft reached the slot question");
        Ok(SlotChoices {
            item_name: item_name(services, draft.item).await?,
            slots: slots_on(services, &place, day).await?.unwrap_or_default(),
            place_id: place.place.id,
            place_name: place.place.name,
            day,
            chosen: draft.starts,
        })
    })
    .await
}

pub async fn who_step(session: &Session) -> Result<Gate<WhoAnswers>, ServerFnError> {
    gate(session, Step::Who, async |draft: Draft| {
        Ok(WhoAnswers { given: draft.applicant.as_ref().map(given), at_kiosk: draft.kiosk.is_some() })
    })
    .await
}

pub async fn consent_step(session: &Session) -> Result<Gate<()>, ServerFnError> {
    gate(session, Step::Consent, async |_: Draft| Ok(())).await
}

pub async fn check_step(services: &Services, session: &Session) -> Result<Gate<CheckAnswers>, ServerFnError> {
    gate(session, Step::Check, async |draft: Draft| {
        let place = place_of(services, &draft).await?;
        let applicant = draft.applicant.as_ref().expect("the draft reached the check page");
        Ok(CheckAnswers {
            item_name: item_name(services, draft.item).await?,
            place_name: place.place.name,
            place_address: place.place.address,
            day: draft.day.expect("answered"),
            starts: draft.starts.expect("answered"),
            wait_if_full: draft.wait_if_full,
            applicant: given(applicant),
            key: draft.key.clone(),
        })
    })
    .await
}

/// The kiosk a booking in progress was started at: its pages keep that kiosk's frame. `None` on a phone.
pub async fn kiosk_of_draft(session: &Session) -> Result<Option<StartedAtKiosk>, ServerFnError> {
    Ok(draft(session).await?.and_then(|d| d.kiosk))
}

/// Today's board at a place, from the slot under way on: the slot stays on the board until it ends.
pub async fn board_today(services: &Services, place_id: &str) -> Result<Board, ServerFnError> {
    let now = services.site.clock.now().naive_local();
    let current = now.time() - chrono::Duration::minutes(crate::booking::slots::SLOT_MINUTES);
    let rows = services.booking.board(place_id, now.date()).await?;
    Ok(Board { day: now.date(), rows: rows.into_iter().filter(|r| r.starts > current).collect() })
}

pub async fn my_bookings(services: &Services, session: &Session) -> Result<Option<Vec<BookingLine>>, ServerFnError> {
    let Some(phone) = session.get::<String>(LOOKUP_KEY).await.map_err(session_failed)? else { return Ok(None) };
    let bookings = services.booking.bookings_by_phone(&phone).await?;
    Ok(Some(
        bookings
            .into_iter()
            .map(|b| BookingLine {
                token: b.token,
                status: b.status,
                item_name: b.item_name,
                place_name: b.place_name,
                day: b.slot.day,
                starts: b.slot.starts,
            })
            .collect(),
    ))
}

pub async fn booking_by_token(
    services: &Services,
    session: &Session,
    token: &str,
) -> Result<Option<BookingView>, ServerFnError> {
    if !is_token_shaped(token) {
        return Ok(None);
    }
    let Some(booking) = services.booking.booking(token).await? else { return Ok(None) };
    let item = services.catalog.store.item(booking.item_id).await?;
    let place = services.booking.bookable_place(&booking.slot.place_id).await?;
    let public_url = format!("{}{}", services.site.public_base_url, booking_page(&booking.token).as_str());
    Ok(Some(BookingView {
        qr_svg: crate::ui::qr::qr_svg(&public_url)?,
        public_url,
        token: booking.token,
        check_in_code: booking.check_in_code,
        status: booking.status,
        item_id: booking.item_id,
        item_name: booking.item_name,
        place_name: booking.place_name,
        place_id: booking.slot.place_id,
        place_address: place.map(|p| p.place.address).unwrap_or_default(),
        day: booking.slot.day,
        starts: booking.slot.starts,
        masked_name: mask_name(&booking.applicant.name),
        on_behalf: booking.applicant.on_behalf,
        promoted_at: booking.promoted_at,
        materials: item.map(|i| i.materials).unwrap_or_default(),
        at_kiosk: kiosk_of_draft(session).await?.is_some(),
    }))
}

pub async fn reschedule_options(
    services: &Services,
    session: &Session,
    token: &str,
    day: Option<NaiveDate>,
) -> Result<Option<MoveChoices>, ServerFnError> {
    let Some(booking) = booking_by_token(services, session, token).await? else { return Ok(None) };
    let Some(place) = services.booking.bookable_place(&booking.place_id).await? else { return Ok(None) };
    let days = days_at(services, &place).await?;
    let slots = match day {
        Some(day) => slots_on(services, &place, day).await?.unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(Some(MoveChoices { booking, days, day, slots }))
}
