//! The booking questions, one per page (GOV.UK style): place → day → slot → who → consent → check. The answers
//! so far are a `Draft` kept in the resident's session; each page asks for the first one still missing.

use crate::booking::model::Applicant;
use crate::catalog::model::ItemId;
use crate::personal::{check_id, check_mobile, check_name, IdType};
use crate::ui::questions::Questions;
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The form's idempotency key, made when the draft starts: submitting the final form twice books once.
    pub key: String,
    pub item: ItemId,
    pub place_id: Option<String>,
    pub day: Option<NaiveDate>,
    pub starts: Option<NaiveTime>,
    /// The slot was full and the resident chose its waiting list.
    pub wait_if_full: bool,
    pub applicant: Option<Applicant>,
    pub consented: bool,
    /// Set once booked: submitting the check page again shows the same booking.
    pub booked: Option<String>,
    /// Started at a kiosk: its pages keep the kiosk's frame, the place is the kiosk's own, and no Chinese text is
    /// asked for (there is no input method).
    pub kiosk: Option<StartedAtKiosk>,
}

/// The kiosk a booking was started at: its place, with the name its frame shows (kept here so that no booking
/// page has to look the place up again).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StartedAtKiosk {
    pub place_id: String,
    pub place_name: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Step {
    Place,
    Day,
    Slot,
    Who,
    Consent,
    Check,
}

impl Step {
    pub fn path(self) -> &'static str {
        match self {
            Step::Place => "/book/place",
            Step::Day => "/book/day",
            Step::Slot => "/book/slot",
            Step::Who => "/book/who",
            Step::Consent => "/book/consent",
            Step::Check => "/book/check",
        }
    }
}

impl From<Step> for u8 {
    fn from(step: Step) -> u8 {
        step as u8
    }
}

impl Questions for Draft {
    const SESSION_KEY: &'static str = "booking/draft";
    const START: &'static str = "/book";
    type Step = Step;

    fn next_step(&self) -> Step {
        if self.place_id.is_none() {
            Step::Place
        } else if self.day.is_none() {
            Step::Day
        } else if self.starts.is_none() {
            Step::Slot
        } else if self.applicant.is_none() {
            Step::Who
        } else if !self.consented {
            Step::Consent
        } else {
            Step::Check
        }
    }

    fn path(step: Step) -> &'static str {
        step.path()
    }

    /// Once booked, the booking's page.
    #[cfg(feature = "ssr")]
    fn finished(&self) -> Option<crate::ui::page_path::PagePath> {
        self.booked.as_ref().map(|token| crate::ui::page_path::PagePath::new(&["bookings", token]))
    }
}

impl Draft {
    pub fn new(item: ItemId, key: String) -> Self {
        Self { key, item, ..Default::default() }
    }

    /// A booking started at `kiosk`, for its place.
    pub fn at_kiosk(item: ItemId, key: String, kiosk: StartedAtKiosk) -> Self {
        Self { key, item, place_id: Some(kiosk.place_id.clone()), kiosk: Some(kiosk), ..Default::default() }
    }

    /// A new place means a new day and slot.
    pub fn choose_place(&mut self, place_id: String) {
        if self.place_id.as_ref() != Some(&place_id) {
            (self.day, self.starts) = (None, None);
        }
        self.place_id = Some(place_id);
    }

    /// The booking is made. Its token stays (a second submission, or the check page again, shows the booking);
    /// who it is for goes: the booking keeps that, and the session lives on for two weeks.
    pub fn finish(&mut self, token: String) {
        self.booked = Some(token);
        self.applicant = None;
    }

    pub fn choose_day(&mut self, day: NaiveDate) {
        if self.day != Some(day) {
            self.starts = None;
        }
        self.day = Some(day);
    }
}

/// The "who" form as submitted. An empty ID number or phone keeps the one already given (the page shows it
/// masked and never sends it back).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct WhoForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub id_type: String,
    #[serde(default)]
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub on_behalf: Option<String>,
}

/// A field's problem, for the error summary and the field itself.
pub type FieldError = (&'static str, String);

/// Checks the "who" answers. At a kiosk (`at_kiosk`) the name is not asked for: there is no way to type it.
pub fn check_who(
    form: &WhoForm,
    before: Option<&Applicant>,
    today: NaiveDate,
    at_kiosk: bool,
) -> Result<Applicant, Vec<FieldError>> {
    let mut errors = Vec::new();
    let mut field = |name: &'static str, result: Result<String, &'static str>| match result {
        Ok(value) => value,
        Err(message) => {
            errors.push((name, message.to_string()));
            String::new()
        }
    };
    let name = if at_kiosk { String::new() } else { field("name", check_name(&form.name)) };
    let id_type = IdType::from_code(&form.id_type);
    let id_number = match (id_type, before) {
        (None, _) => field("id_type", Err("请选择证件类型。")),
        (Some(kind), Some(before)) if form.id_number.trim().is_empty() && before.id_type == kind => {
            before.id_number.clone()
        }
        (Some(kind), _) => field("id_number", check_id(kind, &form.id_number, today)),
    };
    let phone = match before {
        Some(before) if form.phone.trim().is_empty() => before.phone.clone(),
        _ => field("phone", check_mobile(&form.phone)),
    };
    match id_type {
        Some(id_type) if errors.is_empty() => {
            Ok(Applicant { name, id_type, id_number, phone, on_behalf: form.on_behalf.is_some() })
        }
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::questions::Questions;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn form(name: &str, id_number: &str, phone: &str) -> WhoForm {
        WhoForm {
            name: name.into(),
            id_type: "resident_card".into(),
            id_number: id_number.into(),
            phone: phone.into(),
            on_behalf: None,
        }
    }

    #[test]
    fn each_question_waits_for_the_ones_before_it() {
        let mut draft = Draft::new(54, "k".into());
        assert_eq!(draft.next_step(), Step::Place);
        assert!(!draft.reaches(Step::Day));
        draft.choose_place("hall-1".into());
        draft.choose_day(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap());
        draft.starts = NaiveTime::from_hms_opt(9, 0, 0);
        assert_eq!(draft.next_step(), Step::Who);
        assert!(draft.reaches(Step::Slot) && !draft.reaches(Step::Consent));
        // Another place: the day and slot must be chosen again.
        draft.choose_place("hall-2".into());
        assert_eq!(draft.next_step(), Step::Day);
    }

    #[test]
    fn a_finished_booking_keeps_its_token_and_forgets_who() {
        let mut draft = Draft::new(54, "k".into());
        draft.applicant =
            Some(check_who(&form("张三", "11010519491231002X", "13812345678"), None, today(), false).unwrap());
        draft.finish("token".into());
        assert_eq!(draft.booked.as_deref(), Some("token"));
        let kept = serde_json::to_string(&draft).unwrap();
        assert!(!kept.contains("11010519491231002X") && !kept.contains("13812345678") && !kept.contains("张三"));
    }

    #[test]
    fn a_kiosk_asks_for_no_name() {
        let at_kiosk = check_who(&form("", "11010519491231002X", "13812345678"), None, today(), true).unwrap();
        assert_eq!(at_kiosk.name, "");
        let kiosk = StartedAtKiosk {
            place_id: "community-006".into(),
            place_name: "建昌道街道社区党群服务中心".into(),
        };
        let draft = Draft::at_kiosk(54, "k".into(), kiosk);
        assert_eq!(draft.next_step(), Step::Day, "the place is the kiosk's own");
    }

    #[test]
    fn who_reports_every_problem_at_once_and_keeps_what_was_given_before() {
        let errors = check_who(&form("", "110101202311012171", "123"), None, today(), false).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["name", "id_number", "phone"]);

        let applicant = check_who(&form("张三", "11010519491231002x", "13812345678"), None, today(), false).unwrap();
        assert_eq!(applicant.id_number, "11010519491231002X");
        // Changing only the name: the masked ID number and phone are not sent again, and are kept.
        let changed = check_who(&form("李四", "", ""), Some(&applicant), today(), false).unwrap();
        assert_eq!((changed.name.as_str(), changed.id_number.as_str()), ("李四", "11010519491231002X"));
        assert_eq!(changed.phone, "13812345678");
        let mut no_type = form("张三", "", "");
        no_type.id_type = "library_card".into();
        assert_eq!(check_who(&no_type, Some(&applicant), today(), false).unwrap_err()[0].0, "id_type");
    }
}
