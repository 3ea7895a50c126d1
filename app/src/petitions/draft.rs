//! A resident's petition, one question per page: category → tier → where → what → photos → who (name and phone)
//! → the phone's code → public or not → check → filed. The answers so far are a `Draft` in the resident's session;
//! each page asks for the first one still missing. Photos are kept in the database under the draft's key, so the
//! session stays small.

use super::filing::{check, FilingForm};
use super::model::{Channel, Filed, NewPetition};
use super::tiers::Tier;
use crate::categories::category;
use crate::sms::phone_code::SentCode;
use crate::ui::questions::Questions;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum Step {
    Category,
    Tier,
    Place,
    Text,
    Photos,
    Contact,
    Code,
    Sharing,
    Check,
}

impl From<Step> for u8 {
    fn from(step: Step) -> u8 {
        step as u8
    }
}

impl Step {
    pub fn path(self) -> &'static str {
        match self {
            Step::Category => "/petitions/new/category",
            Step::Tier => "/petitions/new/tier",
            Step::Place => "/petitions/new/place",
            Step::Text => "/petitions/new/text",
            Step::Photos => "/petitions/new/photos",
            Step::Contact => "/petitions/new/contact",
            Step::Code => "/petitions/new/code",
            Step::Sharing => "/petitions/new/sharing",
            Step::Check => "/petitions/new/check",
        }
    }
}

/// Where the resident reads their number and code once filed.
pub const FILED_PATH: &str = "/petitions/new/filed";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub street: String,
    pub community: String,
    /// Private: building, door. Never public.
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    pub phone: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sharing {
    /// The resident agrees that its text (masked, approved by a dispatcher) may be shown publicly.
    pub public_wanted: bool,
    /// Shown publicly without even the masked name.
    pub anonymous: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The form's idempotency key, made when the draft starts: the check page sent twice files once. The draft's
    /// photos are kept under it until filing.
    pub key: String,
    pub channel: Option<Channel>,
    pub category: Option<String>,
    pub tier: Option<Tier>,
    pub place: Option<Place>,
    pub title: String,
    pub body: String,
    /// The photos page was passed (with or without photos).
    pub photos_done: bool,
    pub contact: Option<Contact>,
    /// The code last sent, to `contact`'s phone.
    pub code: Option<SentCode>,
    /// `contact`'s phone has been proved by its code.
    pub phone_proved: bool,
    pub sharing: Option<Sharing>,
    /// "Me too": the public petition (its id) the resident joins.
    pub joins: Option<i64>,
    /// Set once filed: the confirmation shows it, and the check page sent again shows it too.
    pub filed: Option<Filed>,
}

impl Questions for Draft {
    const SESSION_KEY: &'static str = "petitions/draft";
    const START: &'static str = "/petitions/new";
    type Step = Step;

    fn next_step(&self) -> Step {
        if self.category.is_none() {
            Step::Category
        } else if self.tier.is_none() {
            Step::Tier
        } else if self.place.is_none() {
            Step::Place
        } else if self.title.is_empty() {
            Step::Text
        } else if !self.photos_done {
            Step::Photos
        } else if self.contact.is_none() {
            Step::Contact
        } else if !self.phone_proved {
            Step::Code
        } else if self.sharing.is_none() {
            Step::Sharing
        } else {
            Step::Check
        }
    }

    fn path(step: Step) -> &'static str {
        step.path()
    }

    #[cfg(feature = "ssr")]
    fn finished(&self) -> Option<crate::ui::page_path::PagePath> {
        self.filed.as_ref().map(|_| crate::ui::page_path::PagePath::fixed(FILED_PATH))
    }
}

impl Draft {
    pub fn new(key: String, channel: Channel) -> Self {
        Self { key, channel: Some(channel), ..Default::default() }
    }

    /// A new category suggests its own tier: the resident confirms it again.
    pub fn choose_category(&mut self, id: String) {
        if self.category.as_ref() != Some(&id) {
            self.tier = None;
        }
        self.category = Some(id);
    }

    /// A new phone must be proved again.
    pub fn give_contact(&mut self, contact: Contact) {
        if self.contact.as_ref().map(|c| &c.phone) != Some(&contact.phone) {
            (self.code, self.phone_proved) = (None, false);
        }
        self.contact = Some(contact);
    }

    /// The petition the answers make, checked by the same rules as every channel's form. `communities` are the
    /// district's, as (street, community).
    pub fn petition(&self, communities: &[(String, String)]) -> Option<NewPetition> {
        let (place, contact, sharing) = (self.place.as_ref()?, self.contact.as_ref()?, self.sharing?);
        let form = FilingForm {
            category: self.category.clone()?,
            tier: self.tier?.code().into(),
            community: format!("{}/{}", place.street, place.community),
            place_detail: place.detail.clone(),
            title: self.title.clone(),
            body: self.body.clone(),
            name: contact.name.clone(),
            phone: contact.phone.clone(),
        };
        let petition = check(&form, self.channel.unwrap_or(Channel::Web), communities).ok()?;
        let (public_wanted, anonymous) = (sharing.public_wanted, sharing.anonymous);
        Some(NewPetition { public_wanted, anonymous, joins: self.joins, ..petition })
    }

    /// The tier the category suggests, for the tier page to preselect.
    pub fn suggested_tier(&self) -> Option<Tier> {
        self.category.as_deref().and_then(category).map(Tier::suggested_for)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sms::phone_code::SentCode;

    fn answered() -> Draft {
        Draft {
            key: "k".into(),
            channel: Some(Channel::Web),
            category: Some("heating".into()),
            tier: Some(Tier::Urgent),
            place: Some(Place {
                street: "望海楼".into(), community: "建国道社区".into(), detail: "3号楼".into()
            }),
            title: "暖气不热".into(),
            body: "入冬以来室温只有14度，孩子在家冷。".into(),
            photos_done: true,
            contact: Some(Contact { name: "张三".into(), phone: "13812345678".into() }),
            code: None,
            phone_proved: true,
            sharing: Some(Sharing { public_wanted: true, anonymous: false }),
            joins: None,
            filed: None,
        }
    }

    #[test]
    fn each_page_asks_the_first_question_still_unanswered() {
        let new = Draft::new("k".into(), Channel::Web);
        assert_eq!(new.next_step(), Step::Category);
        assert!(!new.reaches(Step::Tier));
        let unproved = Draft { phone_proved: false, ..answered() };
        assert_eq!(unproved.next_step(), Step::Code);
        assert!(unproved.reaches(Step::Photos) && !unproved.reaches(Step::Sharing));
        assert_eq!(answered().next_step(), Step::Check);
    }

    #[test]
    fn another_category_asks_for_the_tier_again_and_the_same_one_does_not() {
        let mut draft = answered();
        draft.choose_category("heating".into());
        assert_eq!(draft.tier, Some(Tier::Urgent));
        draft.choose_category("noise".into());
        assert_eq!((draft.tier, draft.next_step()), (None, Step::Tier));
    }

    #[test]
    fn another_phone_must_be_proved_again() {
        let mut draft = answered();
        draft.code = Some(SentCode::new("13812345678".into(), "d".into(), chrono::Utc::now().fixed_offset()));
        draft.give_contact(Contact { name: "张三丰".into(), phone: "13812345678".into() });
        assert!(draft.phone_proved, "a new name, the same phone");
        draft.give_contact(Contact { name: "张三".into(), phone: "13987654321".into() });
        assert_eq!((draft.phone_proved, draft.code.is_none(), draft.next_step()), (false, true, Step::Code));
    }

    #[test]
    fn the_answers_make_the_petition_with_its_sharing_choice() {
        let communities = vec![("望海楼".to_string(), "建国道社区".to_string())];
        let petition = answered().petition(&communities).unwrap();
        assert_eq!((petition.tier, petition.public_wanted, petition.anonymous), (Tier::Urgent, true, false));
        assert_eq!(petition.channel, Channel::Web);
        assert_eq!(Draft { sharing: None, ..answered() }.petition(&communities), None);
        assert_eq!(answered().petition(&[]), None, "a community the district no longer has");
    }
}
