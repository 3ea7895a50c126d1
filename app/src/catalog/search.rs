//! The in-memory search over the 763 items: Chinese substring, full pinyin, pinyin initials (and any mix of the
//! two, since people type "shehuibzk"), one typo in pinyin queries of 4+ letters, and colloquial synonyms.
//! Built once at start-up, an item's entry replaced when its editor changes it; every query is a scan of ~763
//! short names, which stays far under a millisecond.

use super::model::{Item, ItemSummary};
use super::model::{SearchResults, SEARCH_LIMIT};
use pinyin::ToPinyinMulti;
use std::sync::{RwLock, RwLockReadGuard};

/// Why an item matched, best first: the ranking the issue fixes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchTier {
    ExactName,
    NamePrefix,
    NameSubstring,
    Pinyin,
    PinyinWithTypo,
    Synonym,
    Description,
}

/// Typo tolerance only for pinyin queries this long: shorter ones would match almost anything.
const TYPO_MIN_LETTERS: usize = 4;

struct Entry {
    summary: ItemSummary,
    /// Every reading of every character, in order; non-Han letters and digits are their own "reading".
    syllables: Vec<Vec<String>>,
    /// The most common reading of each character, joined: the text typos are measured against.
    primary_pinyin: String,
    /// Free text searched last: the description and the department's name.
    description: String,
}

pub struct SearchIndex {
    /// Written only when an item is edited; every search reads.
    entries: RwLock<Vec<Entry>>,
    /// (what residents say, what the item is called)
    synonyms: Vec<(String, String)>,
}

impl SearchIndex {
    pub fn build(items: &[Item], synonyms_tsv: &str) -> Self {
        let entries = items.iter().map(Entry::new).collect();
        Self { entries: RwLock::new(entries), synonyms: parse_synonyms(synonyms_tsv) }
    }

    fn entries(&self) -> RwLockReadGuard<'_, Vec<Entry>> {
        // A writer that panicked left whole entries: each is replaced in one assignment.
        self.entries.read().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// `items` found as they are now: each replaces its entry, or is added.
    pub fn update(&self, items: &[Item]) {
        let mut entries = self.entries.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        for item in items {
            let entry = Entry::new(item);
            match entries.iter_mut().find(|e| e.summary.id == item.id) {
                Some(old) => *old = entry,
                None => entries.push(entry),
            }
        }
    }

    pub fn len(&self) -> usize {
        self.entries().len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }

    pub fn by_name(&self, name: &str) -> Option<ItemSummary> {
        self.entries().iter().map(|e| &e.summary).find(|s| s.name == name).cloned()
    }

    /// What a search page shows: the best `SEARCH_LIMIT` matches and how many there are in all.
    pub fn results(&self, query: &str) -> SearchResults {
        let hits = self.search(query);
        SearchResults {
            total: hits.len(),
            items: hits.into_iter().take(SEARCH_LIMIT).map(|(summary, _)| summary).collect(),
            query: query.to_string(),
        }
    }

    /// All matching items, best first; ties go to the shorter (more specific) name, then the catalog order.
    pub fn search(&self, query: &str) -> Vec<(ItemSummary, MatchTier)> {
        let query = normalize(query);
        if query.is_empty() {
            return Vec::new();
        }
        let pinyin_query = query.bytes().all(|b| b.is_ascii_lowercase()).then_some(query.as_bytes());
        let typo = pinyin_query.filter(|q| q.len() >= TYPO_MIN_LETTERS).and_then(OneTypo::new);
        let synonym_targets: Vec<&str> = self
            .synonyms
            .iter()
            .filter(|(said, _)| query.contains(said.as_str()))
            .map(|(_, called)| called.as_str())
            .collect();
        let entries = self.entries();
        let mut hits: Vec<_> = entries
            .iter()
            .filter_map(|entry| {
                tier(entry, &query, pinyin_query, typo.as_ref(), &synonym_targets).map(|t| (&entry.summary, t))
            })
            .collect();
        hits.sort_by_key(|(s, t)| (*t, s.name.chars().count(), s.id));
        hits.into_iter().map(|(summary, tier)| (summary.clone(), tier)).collect()
    }
}

impl Entry {
    fn new(item: &Item) -> Self {
        let syllables = syllables(&item.name);
        let primary_pinyin = syllables.iter().map(|readings| readings[0].as_str()).collect();
        Entry {
            summary: item.summary(),
            syllables,
            primary_pinyin,
            description: format!("{} {}", item.description, item.department_name),
        }
    }
}

fn tier(
    entry: &Entry,
    query: &str,
    pinyin_query: Option<&[u8]>,
    typo: Option<&OneTypo>,
    synonym_targets: &[&str],
) -> Option<MatchTier> {
    let name = entry.summary.name.as_str();
    if name == query {
        return Some(MatchTier::ExactName);
    }
    if name.starts_with(query) {
        return Some(MatchTier::NamePrefix);
    }
    if name.contains(query) {
        return Some(MatchTier::NameSubstring);
    }
    if let Some(q) = pinyin_query {
        if matches_pinyin(&entry.syllables, q) {
            return Some(MatchTier::Pinyin);
        }
        if typo.is_some_and(|t| t.found_in(entry.primary_pinyin.as_bytes())) {
            return Some(MatchTier::PinyinWithTypo);
        }
    }
    if synonym_targets.iter().any(|target| name.contains(target)) {
        return Some(MatchTier::Synonym);
    }
    entry.description.contains(query).then_some(MatchTier::Description)
}

/// Lower case, half-width, no spaces: what people type on a phone keyboard varies in all three.
pub fn normalize(query: &str) -> String {
    query
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn syllables(name: &str) -> Vec<Vec<String>> {
    name.chars()
        .zip(name.to_pinyin_multi())
        .filter_map(|(c, multi)| match multi {
            Some(multi) => {
                let mut readings: Vec<String> = multi.into_iter().map(|p| p.plain().to_string()).collect();
                readings.dedup();
                Some(readings)
            }
            None if c.is_ascii_alphanumeric() => Some(vec![c.to_ascii_lowercase().to_string()]),
            // Punctuation such as the parentheses around a variant neither matches nor breaks a match.
            None => None,
        })
        .collect()
}

/// Does the query spell a run of consecutive characters, each by its full reading or its initial, the last one
/// possibly half-typed? Starts anywhere in the name. Failed (character, position) states are remembered, so
/// polyphonic characters cannot make it exponential.
fn matches_pinyin(syllables: &[Vec<String>], query: &[u8]) -> bool {
    let width = query.len() + 1;
    let mut failed = vec![false; (syllables.len() + 1) * width];
    (0..syllables.len()).any(|start| spell_from(syllables, query, start, 0, &mut failed, width))
}

fn spell_from(syllables: &[Vec<String>], q: &[u8], i: usize, p: usize, failed: &mut [bool], width: usize) -> bool {
    if p == q.len() {
        return true;
    }
    if i == syllables.len() || failed[i * width + p] {
        return false;
    }
    let rest = &q[p..];
    for reading in &syllables[i] {
        let r = reading.as_bytes();
        let typed_whole = rest.starts_with(r) && spell_from(syllables, q, i + 1, p + r.len(), failed, width);
        let typed_initial = r[0] == rest[0] && spell_from(syllables, q, i + 1, p + 1, failed, width);
        let typing_it_now = r.starts_with(rest);
        if typed_whole || typed_initial || typing_it_now {
            return true;
        }
    }
    failed[i * width + p] = true;
    false
}

/// Finds the query within one edit (a wrong, missing or extra letter) anywhere in a text: Myers' bit-parallel
/// approximate matching, one pass of a few word operations per text byte. Built once per query.
struct OneTypo {
    /// For each byte value, the query positions holding it, as bits.
    positions: [u64; 256],
    last: u64,
}

impl OneTypo {
    /// Queries longer than 64 letters are not looked at for typos.
    fn new(query: &[u8]) -> Option<Self> {
        if query.is_empty() || query.len() > 64 {
            return None;
        }
        let mut positions = [0u64; 256];
        for (i, &b) in query.iter().enumerate() {
            positions[b as usize] |= 1 << i;
        }
        Some(Self { positions, last: 1 << (query.len() - 1) })
    }

    fn found_in(&self, text: &[u8]) -> bool {
        let (mut plus, mut minus) = (!0u64, 0u64); // vertical deltas of the edit-distance column
        let mut score = self.last.trailing_zeros() + 1; // the query length
        for &byte in text {
            let eq = self.positions[byte as usize];
            let xv = eq | minus;
            let xh = (((eq & plus).wrapping_add(plus)) ^ plus) | eq;
            let hp = minus | !(xh | plus);
            let hm = plus & xh;
            if hp & self.last != 0 {
                score += 1;
            } else if hm & self.last != 0 {
                score -= 1;
            }
            // No carry into the first row: a match may start anywhere in the text.
            let (hp, hm) = (hp << 1, hm << 1);
            plus = hm | !(xv | hp);
            minus = hp & xv;
            if score <= 1 {
                return true;
            }
        }
        false
    }
}

fn parse_synonyms(tsv: &str) -> Vec<(String, String)> {
    tsv.lines()
        .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| line.split_once('\t'))
        .map(|(said, called)| (normalize(said), called.trim().to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::*;

    fn item(id: ItemId, name: &str, description: &str) -> Item {
        Item {
            id,
            code: String::new(),
            name: name.into(),
            kind: ItemKind::PublicService,
            department_id: "d".into(),
            department_name: "河北区民政局".into(),
            audience: Audience::Person,
            topics: vec![],
            description: description.into(),
            legal_basis: String::new(),
            conditions: String::new(),
            process: vec![],
            handling: Handling::Immediate,
            promised_limit: TimeLimit { amount: 0, unit: LimitUnit::WorkingDays },
            statutory_limit: TimeLimit { amount: 1, unit: LimitUnit::WorkingDays },
            fees: vec![],
            visits: 0,
            address: String::new(),
            hours: String::new(),
            phone: String::new(),
            complaint: String::new(),
            materials: vec![],
            channels: Channels::default(),
            reviewed_on: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            version: 1,
        }
    }

    fn index() -> SearchIndex {
        let items = [
            item(1, "社会保障卡申领", ""),
            item(2, "社会保障卡补换（补领）", ""),
            item(3, "结婚登记", ""),
            item(4, "结婚登记（涉外）", ""),
            item(5, "补领婚姻登记证（结婚证）", ""),
            item(6, "银行卡挂失", "需要带上社会保障卡"),
            item(7, "建筑工程施工许可（新办）", ""),
            item(8, "户口迁移（投靠亲属）", ""),
        ];
        SearchIndex::build(&items, "社保卡\t社会保障卡\n# comment\n领证\t结婚登记\n")
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<ItemId> {
        index.search(q).iter().map(|(s, _)| s.id).collect()
    }

    #[test]
    fn chinese_is_ranked_exact_then_prefix_then_substring_then_description() {
        let index = index();
        assert_eq!(ids(&index, "结婚登记"), vec![3, 4]);
        let hits = index.search("结婚登记");
        assert_eq!(hits[0].1, MatchTier::ExactName);
        assert_eq!(hits[1].1, MatchTier::NamePrefix);
        let hits = index.search("社会保障卡");
        assert_eq!(
            hits.iter().map(|(s, t)| (s.id, *t)).collect::<Vec<_>>(),
            vec![(1, MatchTier::NamePrefix), (2, MatchTier::NamePrefix), (6, MatchTier::Description)]
        );
        assert_eq!(index.search("结婚证")[0].1, MatchTier::NameSubstring);
    }

    #[test]
    fn full_pinyin_initials_and_mixtures_find_the_item() {
        let index = index();
        assert_eq!(ids(&index, "shehuibaozhangka")[..2], [1, 2]);
        assert_eq!(ids(&index, "shbzk")[..2], [1, 2]);
        assert_eq!(ids(&index, "shehuibzk")[..2], [1, 2]);
        assert_eq!(index.search("shbzk")[0].1, MatchTier::Pinyin);
        // Half-typed last syllable, upper case and spaces as a phone keyboard gives them.
        assert_eq!(ids(&index, "JieHun Deng")[..2], [3, 4]);
        assert!(ids(&index, "zzz").is_empty());
    }

    #[test]
    fn every_reading_of_a_polyphonic_character_is_indexed() {
        let index = index();
        // 行 of 银行 is "hang"; its other reading "xing" is indexed too.
        assert!(ids(&index, "yinhang").contains(&6));
        assert!(ids(&index, "yinxing").contains(&6));
        // 筑 and 施 are not polyphonic, but 许 是; the common reading still works.
        assert!(ids(&index, "jzgcsgxk").contains(&7));
    }

    #[test]
    fn one_wrong_or_missing_letter_is_tolerated_from_four_letters() {
        let index = index();
        let hits = index.search("shehuibaozhengka"); // a→e
        assert_eq!(hits[0].0.id, 1);
        assert_eq!(hits[0].1, MatchTier::PinyinWithTypo);
        assert_eq!(index.search("jiehundngji")[0].0.id, 3); // missing e
        assert!(ids(&index, "jiehundngjj").is_empty(), "two typos are too many");
        assert!(
            ids(&index, "jhdj").contains(&3) && ids(&index, "jhx").is_empty(),
            "no typo tolerance below four letters"
        );
    }

    #[test]
    fn colloquial_synonyms_rank_below_pinyin_and_above_description() {
        let index = index();
        let hits = index.search("社保卡");
        assert_eq!(hits[0].1, MatchTier::Synonym);
        assert_eq!(ids(&index, "社保卡"), vec![1, 2]);
        assert_eq!(ids(&index, "我要领证"), vec![3, 4]);
    }

    #[test]
    fn the_typo_matcher_finds_one_edit_anywhere_and_no_more() {
        let matcher = OneTypo::new(b"baozhang").unwrap();
        for text in
            ["shehuibaozhangka", "shehuibaozhengka", "shehuibaozhngka", "shehuibaozhhangka", "baozhan", "aozhang"]
        {
            assert!(matcher.found_in(text.as_bytes()), "{text}");
        }
        for text in ["shehuibaozhenqka", "bozhng", "shehui"] {
            assert!(!matcher.found_in(text.as_bytes()), "{text}");
        }
    }

    #[test]
    fn queries_are_normalised() {
        assert_eq!(normalize(" ＳＨＢ zk "), "shbzk");
        assert_eq!(normalize("结婚 登记"), "结婚登记");
    }
}
