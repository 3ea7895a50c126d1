//! Text messages (短信) to residents' and staff's phones, shared ground: what is sent (`Text`, from a fixed set of
//! templates, as a gateway requires them registered), how long a text is worth trying and how often (`delivery`),
//! the queue it goes into (`TextQueue`, in `server/src/sms/`: queued with the step that sends it, delivered after
//! commit), and the rule for one-time codes that prove a phone (`phone_code`).

pub mod delivery;
pub mod outbox_page;
pub mod phone_code;

use serde::{Deserialize, Serialize};

/// A message from one of the registered templates, with its values. Gateways in China send only templates
/// approved in advance, so there is no free text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Template {
    /// A one-time code that proves the phone (filing a petition).
    PhoneCode { code: String },
    /// The department has signed for the petition (签收).
    SignedFor { number: String },
    /// The department asks the resident for information; the result clock stands still until they answer.
    InformationAsked { number: String, link: String },
    /// The department has answered and closed it (办结): the resident is asked how it went.
    Closed { number: String, link: String },
    /// The dispatch centre approved the department's decline: the reason is on the status page.
    Declined { number: String, link: String },
    /// To the dispatcher on duty: an emergency or urgent petition has arrived.
    UrgentArrived { number: String, tier: String },
}

impl Template {
    /// Every template's name: a gateway needs a code for each.
    pub const NAMES: [&'static str; 6] =
        ["phone_code", "signed_for", "information_asked", "closed", "declined", "urgent_arrived"];

    /// The template's name, which configuration maps to the gateway's template code.
    pub fn name(&self) -> &'static str {
        match self {
            Template::PhoneCode { .. } => "phone_code",
            Template::SignedFor { .. } => "signed_for",
            Template::InformationAsked { .. } => "information_asked",
            Template::Closed { .. } => "closed",
            Template::Declined { .. } => "declined",
            Template::UrgentArrived { .. } => "urgent_arrived",
        }
    }

    /// The template's values by name, as a gateway takes them (`TemplateParam`).
    pub fn values(&self) -> Vec<(&'static str, &str)> {
        match self {
            Template::PhoneCode { code } => vec![("code", code)],
            Template::SignedFor { number } => vec![("number", number)],
            Template::InformationAsked { number, link }
            | Template::Closed { number, link }
            | Template::Declined { number, link } => {
                vec![("number", number), ("link", link)]
            }
            Template::UrgentArrived { number, tier } => vec![("number", number), ("tier", tier)],
        }
    }

    /// The message as the phone shows it (the registered template's wording, filled in).
    pub fn words(&self) -> String {
        match self {
            Template::PhoneCode { code } => {
                format!("【掌上办】您的验证码是{code}，10分钟内有效。请勿告诉他人，工作人员不会向您索要验证码。")
            }
            Template::SignedFor { number } => format!("【掌上办】您的诉求{number}已由办理部门签收，我们会尽快联系您。"),
            Template::InformationAsked { number, link } => {
                format!("【掌上办】办理部门请您为诉求{number}补充材料，请打开 {link} 查看并回复。")
            }
            Template::Closed { number, link } => {
                format!("【掌上办】您的诉求{number}已办结。请打开 {link} 查看答复，并告诉我们是否解决、是否满意。")
            }
            Template::Declined { number, link } => {
                format!("【掌上办】您的诉求{number}经审核不予受理，原因请打开 {link} 查看。")
            }
            Template::UrgentArrived { number, tier } => format!("【掌上办】新的{tier}诉求{number}待派单，请立即处理。"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Template;

    #[test]
    fn every_template_is_named_in_the_list_a_gateway_is_configured_from() {
        let (number, link) = (String::from("120105 20261125 00001"), String::from("https://x/petitions/t"));
        let all = [
            Template::PhoneCode { code: "123456".into() },
            Template::SignedFor { number: number.clone() },
            Template::InformationAsked { number: number.clone(), link: link.clone() },
            Template::Closed { number: number.clone(), link: link.clone() },
            Template::Declined { number: number.clone(), link },
            Template::UrgentArrived { number, tier: "紧急".into() },
        ];
        let names: Vec<&str> = all.iter().map(Template::name).collect();
        assert_eq!(names, Template::NAMES);
        assert!(all.iter().all(|t| t.words().starts_with("【掌上办】")));
    }
}

/// One text to one phone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub phone: String,
    pub template: Template,
}

/// A text as the queue holds it, its phone masked: for the development outbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kept {
    pub at: String,
    pub phone_masked: String,
    pub words: String,
    /// Where its delivery stands, in words.
    pub state: String,
}

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use super::{Kept, Text};
    use crate::storage::StoreError;
    use chrono::{DateTime, FixedOffset};
    use std::sync::Arc;

    /// Texts that belong to no other write (a phone code): queued in a transaction of their own and delivered at
    /// once. A capability's step queues its texts in its own transaction instead, through its store.
    #[async_trait::async_trait]
    pub trait TextQueue: Send + Sync {
        async fn queue(&self, text: &Text, now: DateTime<FixedOffset>) -> Result<(), StoreError>;
    }

    /// The queued texts, newest first, as the development outbox shows them.
    #[async_trait::async_trait]
    pub trait Outbox: Send + Sync {
        async fn newest(&self, limit: u32) -> Result<Vec<Kept>, StoreError>;
    }

    /// Texts for the capabilities: the queue, and, in development only, the outbox to read them in.
    #[derive(Clone)]
    pub struct Sms {
        pub queue: Arc<dyn TextQueue>,
        pub outbox: Option<Arc<dyn Outbox>>,
    }
}
