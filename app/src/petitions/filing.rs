//! What a filed petition must be, as plain rules: a known category, a tier (the category's suggestion when none is
//! chosen), a street and community of the district, a title and a text within their limits, and who to call back.
//! Every channel's form is checked here: the dispatcher's phone-in now, the residents' steps next.

use super::model::{Channel, NewPetition};
use super::tiers::Tier;
use crate::categories::category;
use crate::personal::{check_mobile, check_name, text_within};
use serde::Deserialize;

pub const TITLE_CHARS: std::ops::RangeInclusive<usize> = 4..=40;
pub const BODY_CHARS: std::ops::RangeInclusive<usize> = 10..=1000;
const DETAIL_CHARS: std::ops::RangeInclusive<usize> = 0..=100;

/// A petition's title, trimmed, or what is wrong with it.
pub fn check_title(raw: &str) -> Result<String, &'static str> {
    text_within(raw, TITLE_CHARS).then(|| raw.trim().to_string()).ok_or("标题4到40个字，说清是什么事。")
}

/// A petition's text, trimmed, or what is wrong with it.
pub fn check_body(raw: &str) -> Result<String, &'static str> {
    text_within(raw, BODY_CHARS)
        .then(|| raw.trim().to_string())
        .ok_or("内容10到1000个字：什么时候、在哪里、发生了什么、希望怎样解决。")
}

/// The private place detail (building, door), trimmed, or what is wrong with it.
pub fn check_detail(raw: &str) -> Result<String, &'static str> {
    text_within(raw, DETAIL_CHARS).then(|| raw.trim().to_string()).ok_or("具体位置不超过100个字。")
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct FilingForm {
    #[serde(default)]
    pub category: String,
    /// Empty: the category's suggestion.
    #[serde(default)]
    pub tier: String,
    /// `street/community`, as the form's choice of the district's communities gives it.
    #[serde(default)]
    pub community: String,
    #[serde(default)]
    pub place_detail: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub phone: String,
}

/// The petition the form describes, or each field's problem (in the form's order). `communities` are the
/// district's, as (street, community).
pub fn check(
    form: &FilingForm,
    channel: Channel,
    communities: &[(String, String)],
) -> Result<NewPetition, Vec<(&'static str, String)>> {
    let mut problems: Vec<(&'static str, String)> = Vec::new();
    let mut problem = |field, message: &str| problems.push((field, message.to_string()));
    let category = category(&form.category);
    if category.is_none() {
        problem("category", "请选择诉求类别。");
    }
    let tier = match form.tier.as_str() {
        "" => category.map(Tier::suggested_for),
        code => Tier::from_code(code),
    };
    if tier.is_none() && category.is_some() {
        problem("tier", "请选择紧急程度。");
    }
    let place = form
        .community
        .split_once('/')
        .filter(|(street, community)| communities.iter().any(|(s, c)| s == street && c == community));
    if place.is_none() {
        problem("community", "请选择所在街道和社区。");
    }
    let detail = check_detail(&form.place_detail).map_err(|message| problem("place_detail", message)).ok();
    let title = check_title(&form.title).map_err(|message| problem("title", message)).ok();
    let body = check_body(&form.body).map_err(|message| problem("body", message)).ok();
    let name = check_name(&form.name).map_err(|message| problem("name", message)).ok();
    let phone = check_mobile(&form.phone).map_err(|message| problem("phone", message)).ok();
    match (category, tier, place, (detail, title, body), name, phone) {
        (
            Some(category),
            Some(tier),
            Some((street, community)),
            (Some(place_detail), Some(title), Some(body)),
            Some(name),
            Some(phone),
        ) if problems.is_empty() => Ok(NewPetition {
            channel,
            category: category.id.to_string(),
            tier,
            street: street.to_string(),
            community: community.to_string(),
            place_detail,
            title,
            body,
            applicant_name: name,
            phone,
            public_wanted: false,
            anonymous: false,
            joins: None,
        }),
        _ => Err(problems),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn communities() -> Vec<(String, String)> {
        vec![("望海楼".into(), "建国道社区".into()), ("月牙河".into(), "金海社区".into())]
    }

    fn form() -> FilingForm {
        FilingForm {
            category: "heating".into(),
            tier: String::new(),
            community: "望海楼/建国道社区".into(),
            place_detail: "3号楼2门".into(),
            title: "暖气不热".into(),
            body: "入冬以来室温只有14度，孩子在家冷。".into(),
            name: "张三".into(),
            phone: "138 1234 5678".into(),
        }
    }

    #[test]
    fn a_complete_form_files_with_the_categorys_tier_unless_one_is_chosen() {
        let petition = check(&form(), Channel::Phone, &communities()).unwrap();
        assert_eq!(
            (petition.tier, petition.street.as_str(), petition.community.as_str()),
            (Tier::Urgent, "望海楼", "建国道社区")
        );
        assert_eq!(petition.phone, "13812345678");
        let chosen = FilingForm { tier: "emergency".into(), ..form() };
        assert_eq!(check(&chosen, Channel::Phone, &communities()).unwrap().tier, Tier::Emergency);
    }

    #[test]
    fn each_missing_or_wrong_field_is_named_in_the_forms_order() {
        let empty = check(&FilingForm::default(), Channel::Phone, &communities()).unwrap_err();
        let fields: Vec<&str> = empty.iter().map(|(field, _)| *field).collect();
        assert_eq!(fields, ["category", "community", "title", "body", "name", "phone"]);
        let elsewhere = FilingForm { community: "望海楼/金海社区".into(), ..form() };
        assert_eq!(
            check(&elsewhere, Channel::Phone, &communities()).unwrap_err()[0].0,
            "community",
            "not that street's"
        );
        let long = FilingForm { title: "暖".repeat(41), ..form() };
        assert_eq!(
            check(&long, Channel::Phone, &communities()).unwrap_err(),
            vec![("title", "标题4到40个字，说清是什么事。".to_string())]
        );
        let nul = FilingForm { body: "入冬以来室温只有14度\0，孩子在家冷。".into(), ..form() };
        assert_eq!(check(&nul, Channel::Phone, &communities()).unwrap_err()[0].0, "body", "a NUL is no text");
        let unknown_tier = FilingForm { tier: "whenever".into(), ..form() };
        assert_eq!(check(&unknown_tier, Channel::Phone, &communities()).unwrap_err()[0].0, "tier");
    }

    mod generated {
        use super::*;
        use proptest::prelude::*;

        /// Text a resident could type: Chinese, digits, punctuation, a line break.
        fn text(chars: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop_oneof![
                    Just('暖'),
                    Just('气'),
                    Just('不'),
                    Just('热'),
                    Just('，'),
                    Just('3'),
                    Just('\n'),
                    Just('号')
                ],
                chars,
            )
            .prop_map(|chars| chars.into_iter().collect::<String>())
            .prop_filter("not only blank", |text| !text.trim().is_empty())
        }

        fn valid() -> impl Strategy<Value = FilingForm> {
            (text(4..=40), text(10..=1000), text(0..=100), "1[3-9][0-9]{9}").prop_map(|(title, body, detail, phone)| {
                FilingForm {
                    title: title
                        .trim()
                        .chars()
                        .chain(std::iter::repeat('热'))
                        .take(4.max(title.trim().chars().count()))
                        .collect(),
                    body: body
                        .trim()
                        .chars()
                        .chain(std::iter::repeat('热'))
                        .take(10.max(body.trim().chars().count()))
                        .collect(),
                    place_detail: detail,
                    phone,
                    ..form()
                }
            })
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(300))]

            #[test]
            fn a_generated_valid_form_is_accepted_as_typed(form in valid()) {
                let petition = check(&form, Channel::Web, &communities()).unwrap();
                prop_assert_eq!(petition.title, form.title.trim());
                prop_assert_eq!(petition.phone, form.phone);
            }

            #[test]
            fn any_generated_form_is_accepted_or_refused_with_chinese_messages(
                title in ".{0,60}", body in ".{0,1200}", phone in ".{0,20}", community in ".{0,20}"
            ) {
                let form = FilingForm { title, body, phone, community, ..form() };
                if let Err(problems) = check(&form, Channel::Web, &communities()) {
                    prop_assert!(!problems.is_empty());
                    for (_, message) in problems {
                        prop_assert!(message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{}", message);
                    }
                }
            }
        }
    }
}
