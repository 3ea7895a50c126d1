//! Personal data: checking what a resident types (ID numbers, phone numbers, names) and masking it before any
//! HTML leaves the server. Messages are for the resident, in Chinese.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IdType {
    /// 居民身份证: 18 characters with a GB 11643 check digit.
    ResidentCard,
    Passport,
    /// 港澳居民来往内地通行证
    HongKongMacauPermit,
    /// 台湾居民来往大陆通行证
    TaiwanPermit,
}

impl IdType {
    pub const ALL: [IdType; 4] =
        [IdType::ResidentCard, IdType::Passport, IdType::HongKongMacauPermit, IdType::TaiwanPermit];

    pub fn label(self) -> &'static str {
        match self {
            IdType::ResidentCard => "居民身份证",
            IdType::Passport => "护照",
            IdType::HongKongMacauPermit => "港澳居民来往内地通行证",
            IdType::TaiwanPermit => "台湾居民来往大陆通行证",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            IdType::ResidentCard => "resident_card",
            IdType::Passport => "passport",
            IdType::HongKongMacauPermit => "hk_macau_permit",
            IdType::TaiwanPermit => "taiwan_permit",
        }
    }

    pub fn from_code(code: &str) -> Option<IdType> {
        IdType::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Full-width digits and letters (typed with a Chinese input method) become ASCII; spaces go; letters are upper
/// case, so `11010519491231002ｘ` and `11010519491231002X` are the same number.
pub fn normalise(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Checks an ID number of `kind` and returns it normalised. A resident ID must have its GB 11643 check digit
/// right and carry a real birth date no later than `today`.
pub fn check_id(kind: IdType, raw: &str, today: NaiveDate) -> Result<String, &'static str> {
    let id = normalise(raw);
    if id.is_empty() {
        return Err("请填写证件号码。");
    }
    let all = |ok: fn(char) -> bool| id.chars().all(ok);
    match kind {
        IdType::ResidentCard => {
            if id.chars().count() != 18 || !id[..17].chars().all(|c| c.is_ascii_digit()) {
                return Err("居民身份证号码应为18位：17位数字加1位数字或X。");
            }
            let birth = NaiveDate::parse_from_str(&id[6..14], "%Y%m%d")
                .map_err(|_| "身份证号码中的出生日期不存在，请核对。")?;
            if birth > today {
                return Err("身份证号码中的出生日期晚于今天，请核对。");
            }
            if id.as_bytes()[17] as char != check_digit(&id[..17]) {
                return Err("身份证号码校验位不对，请逐位核对。");
            }
        }
        IdType::Passport if !(5..=17).contains(&id.len()) || !all(|c| c.is_ascii_alphanumeric()) => {
            return Err("护照号码应为5到17位字母或数字。");
        }
        IdType::HongKongMacauPermit
            if !(id.starts_with('H') || id.starts_with('M'))
                || ![9, 11].contains(&id.len())
                || !id[1..].chars().all(|c| c.is_ascii_digit()) =>
        {
            return Err("港澳居民来往内地通行证号码应为H或M开头，后跟8位或10位数字。");
        }
        IdType::TaiwanPermit if ![8, 10].contains(&id.len()) || !all(|c| c.is_ascii_digit()) => {
            return Err("台湾居民来往大陆通行证号码应为8位或10位数字。");
        }
        _ => {}
    }
    Ok(id)
}

/// GB 11643 MOD 11-2 over the first 17 digits of a resident ID.
pub fn check_digit(first17: &str) -> char {
    const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    let sum: u32 = first17.bytes().zip(WEIGHTS).map(|(d, w)| u32::from(d - b'0') * w).sum();
    b"10X98765432"[(sum % 11) as usize] as char
}

/// A mainland mobile number (11 digits from 1[3-9]); full-width digits, spaces, hyphens and a +86 are accepted.
pub fn check_mobile(raw: &str) -> Result<String, &'static str> {
    let digits: String = normalise(raw).chars().filter(|c| *c != '-').collect();
    let digits = digits.strip_prefix("+86").unwrap_or(&digits);
    let bytes = digits.as_bytes();
    if bytes.len() == 11
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1])
        && digits.chars().all(|c| c.is_ascii_digit())
    {
        Ok(digits.to_string())
    } else {
        Err("请填写11位手机号码，例如 13900001234。")
    }
}

/// A person's name as written on their ID: 1–30 characters, no digits or markup.
pub fn check_name(raw: &str) -> Result<String, &'static str> {
    let name = raw.trim();
    if name.is_empty() {
        return Err("请填写姓名。");
    }
    let symbol = |c: char| c.is_ascii_digit() || c.is_control() || "<>{}[]\\/@#$%^&*=+|~`".contains(c);
    if name.chars().count() > 30 || name.chars().any(symbol) {
        return Err("姓名应与证件上一致，不超过30个字，不含数字或符号。");
    }
    Ok(name.to_string())
}

/// Whether typed text is within `chars` characters (after trimming) and holds nothing but text: control
/// characters (a NUL, an escape) other than line breaks and tabs are never part of what a resident writes, and a
/// database may refuse them.
pub fn text_within(text: &str, chars: std::ops::RangeInclusive<usize>) -> bool {
    let text = text.trim();
    chars.contains(&text.chars().count()) && !text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
}

/// 138****1234
pub fn mask_phone(phone: &str) -> String {
    mask_middle(phone, 3, 4)
}

/// A resident ID keeps its first 6 and last 4 (110105********002X); a shorter document number, whose 6 + 4 would
/// be all of it, keeps its first 1 and last 2 (E******78).
pub fn mask_id(id: &str) -> String {
    if id.chars().count() > 10 {
        mask_middle(id, 6, 4)
    } else {
        mask_middle(id, 1, 2)
    }
}

/// A staff number in a sign-in record: A***1.
pub fn mask_staff_number(number: &str) -> String {
    mask_middle(number, 1, 1)
}

/// 张*, 欧阳**: the family name's first character only.
pub fn mask_name(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => std::iter::once(first).chain(chars.map(|_| '*')).collect(),
        None => String::new(),
    }
}

fn mask_middle(value: &str, keep_start: usize, keep_end: usize) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= keep_start + keep_end {
        return "*".repeat(chars.len());
    }
    let hidden = chars.len() - keep_start - keep_end;
    chars[..keep_start]
        .iter()
        .chain(std::iter::repeat_n(&'*', hidden))
        .chain(&chars[chars.len() - keep_end..])
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn resident_ids_carry_a_check_digit_and_a_real_past_birth_date() {
        let check = |id| check_id(IdType::ResidentCard, id, today());
        assert_eq!(check("110101202311012176"), Ok("110101202311012176".into()));
        assert_eq!(check("11010519491231002X"), Ok("11010519491231002X".into()));
        assert_eq!(check("11010519491231002x"), Ok("11010519491231002X".into()), "lower-case x");
        assert_eq!(check("１１０１０５１９４９１２３１００２Ｘ"), Ok("11010519491231002X".into()), "full-width");
        assert_eq!(check(" 110105 19491231 002X "), Ok("11010519491231002X".into()), "spaces");
        assert!(check("110101202311012171").unwrap_err().contains("校验位"));
        assert!(check("11010119490231002X").unwrap_err().contains("出生日期不存在"), "31 February");
        assert!(check("110101203011010000").unwrap_err().contains("晚于今天"));
        assert!(check("1101011949123100").unwrap_err().contains("18位"));
        assert!(check("").unwrap_err().contains("请填写"));
    }

    #[test]
    fn other_documents_are_checked_for_shape_only() {
        assert_eq!(check_id(IdType::Passport, "e12345678", today()), Ok("E12345678".into()));
        assert!(check_id(IdType::Passport, "E1234-567", today()).is_err());
        assert!(check_id(IdType::HongKongMacauPermit, "H12345678", today()).is_ok());
        assert!(check_id(IdType::HongKongMacauPermit, "X12345678", today()).is_err());
        assert!(check_id(IdType::TaiwanPermit, "12345678", today()).is_ok());
        assert!(check_id(IdType::TaiwanPermit, "1234567", today()).is_err());
    }

    #[test]
    fn mobile_numbers_and_names() {
        assert_eq!(check_mobile("138 1234 5678"), Ok("13812345678".into()));
        assert_eq!(check_mobile("+86 138-1234-5678"), Ok("13812345678".into()));
        assert_eq!(check_mobile("１３８１２３４５６７８"), Ok("13812345678".into()));
        assert!(check_mobile("12812345678").is_err());
        assert!(check_mobile("1381234567").is_err());
        assert_eq!(check_name(" 张三 "), Ok("张三".into()));
        assert!(check_name("张3").is_err());
        assert!(check_name("<b>").is_err());
        // Control characters (a NUL cannot even be stored in PostgreSQL text).
        assert!(check_name("张\u{0}三").is_err() && check_name("张\u{7}三").is_err());
        assert_eq!(check_name("阿依·木合买提"), Ok("阿依·木合买提".into()));
    }

    #[test]
    fn masks_keep_only_what_identifies_nobody() {
        assert_eq!(mask_phone("13812341234"), "138****1234");
        assert_eq!(mask_id("11010519491231002X"), "110105********002X");
        assert_eq!(mask_id("E12345678"), "E******78");
        assert_eq!(mask_name("张三"), "张*");
        assert_eq!(mask_staff_number("A0001"), "A***1");
        assert_eq!(mask_name("欧阳娜娜"), "欧***");
    }
}
