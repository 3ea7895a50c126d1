//! Server functions behind the booking pages. Each reads the resident's draft from the session and answers with
//! what its page shows, or where to go instead when an earlier question is unanswered.

use crate::booking::flow::Kiosk;
use crate::booking::model::BookingStatus;
use crate::catalog::model::{ItemId, Material, Place};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A booking page's data, or the page to send the resident to instead.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Gate<T> {
    Show(T),
    GoTo(String),
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct PlaceChoices {
    pub item_name: String,
    /// Places by street, halls and points before community centres.
    pub streets: Vec<(String, Vec<Place>)>,
    pub chosen: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DayChoice {
    pub day: NaiveDate,
    /// Seats left over the day's bookable slots, or why the place takes no bookings that day.
    pub open: Result<u32, String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DayChoices {
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub days: Vec<DayChoice>,
    pub chosen: Option<NaiveDate>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SlotChoice {
    pub starts: NaiveTime,
    pub seats_left: u32,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SlotChoices {
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub day: NaiveDate,
    pub slots: Vec<SlotChoice>,
    pub chosen: Option<NaiveTime>,
}

/// What the resident gave before, masked: the page never sends an ID number or phone back in full.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct GivenApplicant {
    pub name: String,
    pub id_type: String,
    pub masked_id: String,
    pub masked_phone: String,
    pub on_behalf: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CheckAnswers {
    pub item_name: String,
    pub place_name: String,
    pub place_address: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub wait_if_full: bool,
    pub applicant: GivenApplicant,
    pub key: String,
}

/// A booking as its QR page shows it: no personal data beyond the masked name.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingView {
    pub token: String,
    pub check_in_code: String,
    pub status: BookingStatus,
    pub item_id: ItemId,
    pub item_name: String,
    pub place_id: String,
    pub place_name: String,
    pub place_address: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
    pub masked_name: String,
    pub on_behalf: bool,
    /// When it got a seat from the waiting list, if it waited for one.
    pub promoted_at: Option<DateTime<FixedOffset>>,
    pub materials: Vec<Material>,
    pub public_url: String,
    pub qr_svg: String,
    /// Shown on a kiosk: the next person at the screen must not reach it, so nothing on it leads anywhere.
    pub at_kiosk: bool,
}

/// Where a booking can move to: the days at its place, and the chosen day's open slots.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct MoveChoices {
    pub booking: BookingView,
    pub days: Vec<DayChoice>,
    pub day: Option<NaiveDate>,
    pub slots: Vec<SlotChoice>,
}

/// The kiosk a booking in progress was started at: its pages keep that kiosk's frame. `None` on a phone.
#[server(endpoint = "booking/kiosk_of_draft")]
pub async fn kiosk_of_draft() -> Result<Option<Kiosk>, ServerFnError> {
    ssr::kiosk_of_draft().await
}

#[server(endpoint = "booking/place_step")]
pub async fn place_step() -> Result<Gate<PlaceChoices>, ServerFnError> {
    ssr::place_step().await
}

#[server(endpoint = "booking/day_step")]
pub async fn day_step() -> Result<Gate<DayChoices>, ServerFnError> {
    ssr::day_step().await
}

#[server(endpoint = "booking/slot_step")]
pub async fn slot_step() -> Result<Gate<SlotChoices>, ServerFnError> {
    ssr::slot_step().await
}

/// What the "who" page shows: what was given before, and whether this is a kiosk (no name asked for).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct WhoAnswers {
    pub given: Option<GivenApplicant>,
    pub at_kiosk: bool,
}

#[server(endpoint = "booking/who_step")]
pub async fn who_step() -> Result<Gate<WhoAnswers>, ServerFnError> {
    ssr::who_step().await
}

/// The consent page shows once the "who" question is answered.
#[server(endpoint = "booking/consent_step")]
pub async fn consent_step() -> Result<Gate<()>, ServerFnError> {
    ssr::consent_step().await
}

#[server(endpoint = "booking/check_step")]
pub async fn check_step() -> Result<Gate<CheckAnswers>, ServerFnError> {
    ssr::check_step().await
}

#[server(endpoint = "booking/reschedule_options")]
pub async fn reschedule_options(token: String, day: Option<NaiveDate>) -> Result<Option<MoveChoices>, ServerFnError> {
    ssr::reschedule_options(token, day).await
}

/// One line of "my bookings": enough to recognise it, nothing personal.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct BookingLine {
    pub token: String,
    pub status: BookingStatus,
    pub item_name: String,
    pub place_name: String,
    pub day: NaiveDate,
    pub starts: NaiveTime,
}

/// The bookings of the phone this session proved (phone + a check-in code); `None` when it proved none.
#[server(endpoint = "booking/mine")]
pub async fn my_bookings() -> Result<Option<Vec<BookingLine>>, ServerFnError> {
    ssr::my_bookings().await
}

#[server(endpoint = "booking/by_token")]
pub async fn booking_by_token(token: String) -> Result<Option<BookingView>, ServerFnError> {
    ssr::booking_by_token(token).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The server side of the functions above; `server/` calls the same helpers from its form handlers.
    use super::*;
    use crate::booking::codes::is_token_shaped;
    use crate::booking::flow::{Draft, Step, SESSION_KEY};
    use crate::booking::model::Applicant;
    use crate::booking::slots::{horizon, opening_on, slot_starts, still_bookable};
    use crate::booking::store::{BookablePlace, SeatCount};
    use crate::calendar::WorkCalendar;
    use crate::catalog::model::PlaceKind;
    use crate::personal::{mask_id, mask_name, mask_phone};
    use crate::services::{services, Services};
    use chrono::NaiveDateTime;
    use std::ops::RangeInclusive;
    use tower_sessions::Session;

    fn session_error(e: impl std::fmt::Display) -> ServerFnError {
        ServerFnError::new(format!("session: {e}"))
    }

    /// The booking in progress. One saved by an older release in another shape is dropped, and the resident
    /// starts again: a draft is nothing acknowledged yet, and failing every page for it would be worse.
    pub async fn draft(session: &Session) -> Result<Option<Draft>, ServerFnError> {
        match session.get(SESSION_KEY).await {
            Err(tower_sessions::session::Error::SerdeJson(_)) => {
                session.remove_value(SESSION_KEY).await.map_err(session_error)?;
                Ok(None)
            }
            read => read.map_err(session_error),
        }
    }

    pub async fn save_draft(session: &Session, draft: &Draft) -> Result<(), ServerFnError> {
        session.insert(SESSION_KEY, draft).await.map_err(session_error)
    }

    /// The draft, if it has reached `step`; otherwise the page to go to.
    async fn draft_at(step: Step) -> Result<Result<(Draft, Services), String>, ServerFnError> {
        let session: Session = leptos_axum::extract().await?;
        let Some(draft) = draft(&session).await? else { return Ok(Err("/book".into())) };
        if let Some(token) = &draft.booked {
            return Ok(Err(format!("/bookings/{token}")));
        }
        if !draft.reaches(step) {
            return Ok(Err(draft.next_step().path().into()));
        }
        Ok(Ok((draft, services()?)))
    }

    async fn item_name(services: &Services, item: ItemId) -> Result<String, ServerFnError> {
        Ok(services.catalog.store.item(item).await?.map(|i| i.name).unwrap_or_default())
    }

    async fn place(services: &Services, draft: &Draft) -> Result<BookablePlace, ServerFnError> {
        let id = draft.place_id.as_deref().unwrap_or_default();
        services.booking.bookable_place(id).await?.ok_or_else(|| ServerFnError::new(format!("no place {id}")))
    }

    pub async fn place_step() -> Result<Gate<PlaceChoices>, ServerFnError> {
        let (draft, services) = match draft_at(Step::Place).await? {
            Ok(ready) => ready,
            Err(path) => return Ok(Gate::GoTo(path)),
        };
        let mut places = services.catalog.store.places_handling(draft.item).await?;
        let rank = |kind: PlaceKind| match kind {
            PlaceKind::Hall => 0,
            PlaceKind::Point => 1,
            PlaceKind::Community => 2,
        };
        places.sort_by(|a, b| (&a.street, rank(a.kind), &a.name).cmp(&(&b.street, rank(b.kind), &b.name)));
        let mut streets: Vec<(String, Vec<Place>)> = Vec::new();
        for place in places {
            match streets.last_mut() {
                Some((street, list)) if *street == place.street => list.push(place),
                _ => streets.push((place.street.clone(), vec![place])),
            }
        }
        Ok(Gate::Show(PlaceChoices {
            item_name: item_name(&services, draft.item).await?,
            streets,
            chosen: draft.place_id,
        }))
    }

    /// What is stored about a place's `days`, read at once: closures and seats taken.
    struct Occupancy {
        closures: Vec<(NaiveDate, String)>,
        seats: Vec<SeatCount>,
    }

    async fn occupancy(
        services: &Services,
        place: &BookablePlace,
        days: RangeInclusive<NaiveDate>,
    ) -> Result<Occupancy, ServerFnError> {
        let id = &place.place.id;
        Ok(Occupancy {
            closures: services.booking.closures(id, days.clone()).await?,
            seats: services.booking.seats(id, days).await?,
        })
    }

    /// Seats left in each slot of `day` that can still be booked now.
    pub async fn open_slots(
        services: &Services,
        place: &BookablePlace,
        day: NaiveDate,
    ) -> Result<Result<Vec<SlotChoice>, String>, ServerFnError> {
        let occupancy = occupancy(services, place, day..=day).await?;
        Ok(open_slots_in(&occupancy, place, day, services.site.clock.now().naive_local()))
    }

    /// Seats left in each slot of `day` that can still be booked at `now`, or why none can; `occupancy` covers
    /// `day`.
    fn open_slots_in(
        occupancy: &Occupancy,
        place: &BookablePlace,
        day: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<Vec<SlotChoice>, String> {
        if let Some((_, reason)) = occupancy.closures.iter().find(|(closed, _)| *closed == day) {
            return Err(format!("临时停止办公：{reason}"));
        }
        let opening = opening_on(&place.hours, day, WorkCalendar::official()).map_err(|closed| closed.describe())?;
        Ok(slot_starts(opening)
            .into_iter()
            .filter(|starts| still_bookable(day.and_time(*starts), now))
            .map(|starts| {
                let (capacity, taken) = occupancy
                    .seats
                    .iter()
                    .find(|s| s.day == day && s.starts == starts)
                    .map_or((place.capacity, 0), |s| (s.capacity, s.taken));
                SlotChoice { starts, seats_left: capacity.saturating_sub(taken) }
            })
            .collect())
    }

    /// The booking horizon's days at `place`, each with its seats left or why it is closed.
    pub async fn days_at(services: &Services, place: &BookablePlace) -> Result<Vec<DayChoice>, ServerFnError> {
        let days: Vec<NaiveDate> = horizon(services.site.clock.today()).collect();
        let (Some(&first), Some(&last)) = (days.first(), days.last()) else { return Ok(Vec::new()) };
        let occupancy = occupancy(services, place, first..=last).await?;
        let now = services.site.clock.now().naive_local();
        Ok(days
            .into_iter()
            .map(|day| {
                let open = match open_slots_in(&occupancy, place, day, now) {
                    Ok(slots) if slots.is_empty() => Err("今天的预约已截止".to_string()),
                    Ok(slots) => Ok(slots.iter().map(|s| s.seats_left).sum()),
                    Err(reason) => Err(reason),
                };
                DayChoice { day, open }
            })
            .collect())
    }

    pub async fn day_step() -> Result<Gate<DayChoices>, ServerFnError> {
        let (draft, services) = match draft_at(Step::Day).await? {
            Ok(ready) => ready,
            Err(path) => return Ok(Gate::GoTo(path)),
        };
        let place = place(&services, &draft).await?;
        let days = days_at(&services, &place).await?;
        Ok(Gate::Show(DayChoices {
            item_name: item_name(&services, draft.item).await?,
            place_id: place.place.id,
            place_name: place.place.name,
            days,
            chosen: draft.day,
        }))
    }

    pub async fn slot_step() -> Result<Gate<SlotChoices>, ServerFnError> {
        let (draft, services) = match draft_at(Step::Slot).await? {
            Ok(ready) => ready,
            Err(path) => return Ok(Gate::GoTo(path)),
        };
        let place = place(&services, &draft).await?;
        let day = draft.day.expect("the draft reached the slot question");
        let slots = open_slots(&services, &place, day).await?.unwrap_or_default();
        Ok(Gate::Show(SlotChoices {
            item_name: item_name(&services, draft.item).await?,
            place_id: place.place.id,
            place_name: place.place.name,
            day,
            slots,
            chosen: draft.starts,
        }))
    }

    pub fn given(applicant: &Applicant) -> GivenApplicant {
        GivenApplicant {
            name: applicant.name.clone(),
            id_type: applicant.id_type.code().into(),
            masked_id: mask_id(&applicant.id_number),
            masked_phone: mask_phone(&applicant.phone),
            on_behalf: applicant.on_behalf,
        }
    }

    pub async fn who_step() -> Result<Gate<WhoAnswers>, ServerFnError> {
        Ok(match draft_at(Step::Who).await? {
            Ok((draft, _)) => {
                Gate::Show(WhoAnswers { given: draft.applicant.as_ref().map(given), at_kiosk: draft.kiosk.is_some() })
            }
            Err(path) => Gate::GoTo(path),
        })
    }

    pub async fn consent_step() -> Result<Gate<()>, ServerFnError> {
        Ok(match draft_at(Step::Consent).await? {
            Ok(_) => Gate::Show(()),
            Err(path) => Gate::GoTo(path),
        })
    }

    pub async fn kiosk_of_draft() -> Result<Option<Kiosk>, ServerFnError> {
        let session: Session = leptos_axum::extract().await?;
        Ok(draft(&session).await?.and_then(|d| d.kiosk))
    }

    pub async fn check_step() -> Result<Gate<CheckAnswers>, ServerFnError> {
        let (draft, services) = match draft_at(Step::Check).await? {
            Ok(ready) => ready,
            Err(path) => return Ok(Gate::GoTo(path)),
        };
        let place = place(&services, &draft).await?;
        let applicant = draft.applicant.as_ref().expect("the draft reached the check page");
        Ok(Gate::Show(CheckAnswers {
            item_name: item_name(&services, draft.item).await?,
            place_name: place.place.name,
            place_address: place.place.address,
            day: draft.day.expect("answered"),
            starts: draft.starts.expect("answered"),
            wait_if_full: draft.wait_if_full,
            applicant: given(applicant),
            key: draft.key.clone(),
        }))
    }

    /// Where the phone proved by a lookup lives in the session.
    pub const LOOKUP_KEY: &str = "booking/lookup-phone";

    pub async fn my_bookings() -> Result<Option<Vec<BookingLine>>, ServerFnError> {
        let session: Session = leptos_axum::extract().await?;
        let Some(phone) = session.get::<String>(LOOKUP_KEY).await.map_err(session_error)? else { return Ok(None) };
        let bookings = services()?.booking.bookings_by_phone(&phone).await?;
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

    pub async fn reschedule_options(
        token: String,
        day: Option<NaiveDate>,
    ) -> Result<Option<MoveChoices>, ServerFnError> {
        let Some(booking) = booking_by_token(token).await? else { return Ok(None) };
        let services = services()?;
        let Some(place) = services.booking.bookable_place(&booking.place_id).await? else { return Ok(None) };
        let days = days_at(&services, &place).await?;
        let slots = match day {
            Some(day) => open_slots(&services, &place, day).await?.unwrap_or_default(),
            None => Vec::new(),
        };
        Ok(Some(MoveChoices { booking, days, day, slots }))
    }

    pub async fn booking_by_token(token: String) -> Result<Option<BookingView>, ServerFnError> {
        if !is_token_shaped(&token) {
            return Ok(None);
        }
        let services = services()?;
        let Some(booking) = services.booking.booking(&token).await? else { return Ok(None) };
        let item = services.catalog.store.item(booking.item_id).await?;
        let place = services.booking.bookable_place(&booking.slot.place_id).await?;
        let public_url = format!("{}/bookings/{}", services.site.public_base_url, booking.token);
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
            at_kiosk: kiosk_of_draft().await?.is_some(),
        }))
    }
}
