//! What of a petition may be public, as plain rules. Its text is public only if the resident agreed and a
//! dispatcher approved it; what the dispatcher is offered is masked already: phone numbers, ID numbers and door
//! numbers (楼、门、单元、室、号) lose their digits. Photos and the place detail are never public. Similar open public
//! petitions are offered before filing, so a resident can say "me too" instead of filing the same thing again.

/// A masked digit.
const MASK: char = '＊';

/// `text` with every phone number, ID number and door number masked; other numbers (dates, amounts, degrees) kept.
pub fn mask(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        // A run of digits (and an ID number's final X, and the hyphens of 022-2628xxxx or 3-2-501).
        let start = i;
        while i < chars.len()
            && (chars[i].is_ascii_digit() || (chars[i] == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)))
        {
            i += 1;
        }
        if i < chars.len() && matches!(chars[i], 'X' | 'x') && i - start == 17 {
            i += 1;
        }
        let run: String = chars[start..i].iter().collect();
        let digits = run.chars().filter(char::is_ascii_digit).count();
        let rest: String = chars[i..].iter().take(2).collect();
        // Before a unit (3号楼, 2门, 501室), or right after one (2门501, 3单元402).
        let door = ["号楼", "号院", "栋", "门", "单元", "室", "层", "楼"].iter().any(|unit| rest.starts_with(unit))
            || out.ends_with(['门', '元', '楼', '栋']);
        let masked = match () {
            // A mobile: keep its first three and last four, as every masked phone here reads.
            _ if digits == 11 && run.starts_with('1') && !run.contains('-') => {
                format!("{}****{}", &run[..3], &run[7..])
            }
            // A landline, an ID number, a door number, a building-unit-room triple: no digit stays.
            _ if digits >= 7 || door || run.matches('-').count() >= 2 => {
                run.chars().map(|c| if c == '-' { c } else { MASK }).collect()
            }
            _ => run,
        };
        out.push_str(&masked);
    }
    out
}

/// How alike two texts are: the Dice coefficient of their sets of adjacent-character pairs (bigrams), 0 to 1.
/// Chinese has no spaces, and two people writing about the same blocked drain share most of their pairs.
pub fn likeness(a: &str, b: &str) -> f64 {
    let pairs = |text: &str| -> std::collections::HashSet<(char, char)> {
        let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace() && !c.is_ascii_punctuation()).collect();
        chars.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (a, b) = (pairs(a), pairs(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

/// Open public petitions at least this alike (same category and community) are offered before filing.
pub const ALIKE: f64 = 0.25;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_id_numbers_and_door_numbers_are_masked_and_other_numbers_kept() {
        assert_eq!(mask("请打13812345678联系我"), "请打138****5678联系我");
        assert_eq!(mask("座机022-26281000"), "座机＊＊＊-＊＊＊＊＊＊＊＊");
        assert_eq!(mask("身份证12010519491231002X"), "身份证＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊＊");
        assert_eq!(mask("3号楼2门501室漏水"), "＊号楼＊门＊＊＊室漏水");
        assert_eq!(mask("3号楼2门501的住户"), "＊号楼＊门＊＊＊的住户");
        assert_eq!(mask("11月15号开始供暖"), "11月15号开始供暖", "a date is no door");
        assert_eq!(mask("住在3-2-501"), "住在＊-＊-＊＊＊");
        assert_eq!(mask("室温只有14度，11月15日开始"), "室温只有14度，11月15日开始", "degrees and dates stay");
        assert_eq!(mask("交了2400元"), "交了2400元");
    }

    #[test]
    fn two_residents_writing_about_the_same_thing_are_alike_and_different_things_are_not() {
        let first = "小区东门下水道堵塞，污水外溢到路面";
        let second = "东门的下水道堵了，污水都溢到路面上了";
        let other = "楼上邻居装修噪声太大，周末早上七点就开始";
        assert!(likeness(first, second) >= ALIKE, "{}", likeness(first, second));
        assert!(likeness(first, other) < 0.1, "{}", likeness(first, other));
        assert_eq!(likeness(first, first), 1.0);
        assert_eq!(likeness("", first), 0.0);
    }
}
