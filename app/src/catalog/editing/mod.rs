//! Editing the disclosure: a department's responsibility list (职责清单) and its items' details, as its editor
//! changes them. Plain rules: which fields an editor may change and which are legal (they wait for the service
//! office's approval), what a form's values are checked against, the changes a form makes, and the line diff a
//! version shows. Every value is kept as text, as a person reads it, so a version's diff shows what changed.

pub mod rows;

use super::model::{Department, Item, ItemId, LimitUnit, TimeLimit};
use chrono::{DateTime, FixedOffset};
use rows::{fee_line, material_line, parse_fee, parse_material};
use serde::{Deserialize, Serialize};

/// What an editor can change. The list is a department's; the others are an item's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Responsibilities,
    Description,
    Conditions,
    Materials,
    Process,
    PromisedLimit,
    Fees,
    Address,
    Hours,
    Phone,
    Complaint,
    LegalBasis,
    StatutoryLimit,
}

impl Field {
    /// An item's fields, in the order its form and its page show them.
    pub const ITEM: [Field; 12] = [
        Field::Description,
        Field::Conditions,
        Field::Materials,
        Field::Process,
        Field::PromisedLimit,
        Field::Fees,
        Field::Address,
        Field::Hours,
        Field::Phone,
        Field::Complaint,
        Field::LegalBasis,
        Field::StatutoryLimit,
    ];

    /// Its name in a form and in a stored version.
    pub fn name(self) -> &'static str {
        match self {
            Field::Responsibilities => "responsibilities",
            Field::Description => "description",
            Field::Conditions => "conditions",
            Field::Materials => "materials",
            Field::Process => "process",
            Field::PromisedLimit => "promised_limit",
            Field::Fees => "fees",
            Field::Address => "address",
            Field::Hours => "hours",
            Field::Phone => "phone",
            Field::Complaint => "complaint",
            Field::LegalBasis => "legal_basis",
            Field::StatutoryLimit => "statutory_limit",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::Responsibilities => "职责清单",
            Field::Description => "事项说明",
            Field::Conditions => "受理条件",
            Field::Materials => "申请材料",
            Field::Process => "办理流程",
            Field::PromisedLimit => "承诺办结时限",
            Field::Fees => "收费标准",
            Field::Address => "办理地点",
            Field::Hours => "办理时间",
            Field::Phone => "咨询电话",
            Field::Complaint => "监督投诉渠道",
            Field::LegalBasis => "设定依据",
            Field::StatutoryLimit => "法定办结时限",
        }
    }

    /// Set by law (a fee only as a pricing authority sets it): an editor's change waits for the district's service
    /// office to approve it.
    pub fn is_legal(self) -> bool {
        matches!(self, Field::LegalBasis | Field::StatutoryLimit | Field::Fees)
    }

    /// One value per line (a list), rather than one text.
    pub fn is_list(self) -> bool {
        matches!(self, Field::Responsibilities | Field::Process) || self.is_rows()
    }

    /// A list of rows of cells (`rows`), edited a row at a time.
    pub fn is_rows(self) -> bool {
        matches!(self, Field::Materials | Field::Fees)
    }

    /// An item may ask for no material and charge nothing; every other field must say something.
    fn may_be_empty(self) -> bool {
        self.is_rows()
    }

    fn is_limit(self) -> bool {
        matches!(self, Field::PromisedLimit | Field::StatutoryLimit)
    }

    /// Longest text (of one line, for a list). None may be empty: a resident needs every one of them.
    pub fn longest(self) -> usize {
        match self {
            Field::Responsibilities => 300,
            // A row's cells are checked one by one (`rows`).
            Field::Materials | Field::Fees => usize::MAX,
            Field::Description | Field::Conditions | Field::LegalBasis => 2_000,
            Field::Process | Field::Address | Field::Hours | Field::Complaint => 200,
            Field::Phone => 40,
            Field::PromisedLimit | Field::StatutoryLimit => 20,
        }
    }
}

/// Most lines a list may have: the longest list in the catalog has 24.
pub const MAX_LINES: usize = 60;
/// Longest limit an editor may set, in days of either kind.
pub const MAX_LIMIT_DAYS: u16 = 365;
/// Longest note an editor or approver may leave.
pub const MAX_NOTE_CHARS: usize = 200;

/// One field's change, as a version keeps it: its text before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    pub field: Field,
    pub before: String,
    pub after: String,
}

/// A field's value as text: a list one entry per line, a limit in words ("20个工作日").
pub fn item_value(item: &Item, field: Field) -> String {
    match field {
        Field::Responsibilities => String::new(),
        Field::Description => item.description.clone(),
        Field::Conditions => item.conditions.clone(),
        Field::Materials => item.materials.iter().map(material_line).collect::<Vec<_>>().join("\n"),
        Field::Process => item.process.join("\n"),
        Field::PromisedLimit => item.promised_limit.describe(),
        Field::Fees => item.fees.iter().map(fee_line).collect::<Vec<_>>().join("\n"),
        Field::Address => item.address.clone(),
        Field::Hours => item.hours.clone(),
        Field::Phone => item.phone.clone(),
        Field::Complaint => item.complaint.clone(),
        Field::LegalBasis => item.legal_basis.clone(),
        Field::StatutoryLimit => item.statutory_limit.describe(),
    }
}

pub fn list_value(department: &Department) -> String {
    department.responsibilities.join("\n")
}

/// Sets `field` of `item` to `text`, a value `item_changes` accepted.
pub fn set_item_value(item: &mut Item, field: Field, text: &str) {
    let lines = || text.lines().map(str::to_string).collect();
    match field {
        Field::Responsibilities => {}
        Field::Description => item.description = text.into(),
        Field::Conditions => item.conditions = text.into(),
        Field::Materials => {
            item.materials =
                text.lines().enumerate().filter_map(|(at, line)| parse_material(line, at + 1).ok()).collect()
        }
        Field::Process => item.process = lines(),
        Field::PromisedLimit => item.promised_limit = parse_limit(text).unwrap_or(item.promised_limit),
        Field::Fees => {
            item.fees = text.lines().enumerate().filter_map(|(at, line)| parse_fee(line, at + 1).ok()).collect()
        }
        Field::Address => item.address = text.into(),
        Field::Hours => item.hours = text.into(),
        Field::Phone => item.phone = text.into(),
        Field::Complaint => item.complaint = text.into(),
        Field::LegalBasis => item.legal_basis = text.into(),
        Field::StatutoryLimit => item.statutory_limit = parse_limit(text).unwrap_or(item.statutory_limit),
    }
}

/// A limit's words back as the limit: the inverse of `TimeLimit::describe`.
pub fn parse_limit(text: &str) -> Option<TimeLimit> {
    if text == "当场办结" {
        return Some(TimeLimit { amount: 0, unit: LimitUnit::WorkingDays });
    }
    let (amount, unit) = if let Some(n) = text.strip_suffix("个工作日") {
        (n, LimitUnit::WorkingDays)
    } else {
        (text.strip_suffix("日（自然日）")?, LimitUnit::CalendarDays)
    };
    Some(TimeLimit { amount: amount.parse().ok()?, unit })
}

/// A form's values by name, as posted.
pub type Posted = [(String, String)];

/// The form's first value named `name`.
pub fn posted<'a>(form: &'a Posted, name: &str) -> Option<&'a str> {
    form.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
}

/// Every value named `name`, in the form's order (a row's column).
fn posted_all<'a>(form: &'a Posted, name: &str) -> Vec<&'a str> {
    form.iter().filter(|(n, _)| n == name).map(|(_, v)| v.as_str()).collect()
}

/// A form's text for `field`, tidied as it will be kept: line ends made `\n`, each line trimmed, a list's empty
/// lines dropped. `None` when the form did not send the field at all.
fn tidied(form: &Posted, field: Field) -> Option<String> {
    if field.is_rows() {
        return rows::tidied_rows(form, field);
    }
    if field.is_limit() {
        let amount = posted(form, &format!("{}_amount", field.name()))?.trim();
        let unit = match posted(form, &format!("{}_unit", field.name()))? {
            "working_days" => LimitUnit::WorkingDays,
            "calendar_days" => LimitUnit::CalendarDays,
            // Kept as typed, so the problem names it.
            _ => return Some(format!("?{amount}")),
        };
        return Some(match amount.parse::<u16>() {
            Ok(amount) if amount <= MAX_LIMIT_DAYS => TimeLimit { amount, unit }.describe(),
            _ => format!("?{amount}"),
        });
    }
    let text = posted(form, field.name())?.replace("\r\n", "\n");
    let lines = text.lines().map(str::trim);
    Some(if field.is_list() {
        lines.filter(|line| !line.is_empty()).collect::<Vec<_>>().join("\n")
    } else {
        lines.collect::<Vec<_>>().join("\n").trim().to_string()
    })
}

/// What is wrong with `text` as `field`'s value, in words for the editor.
fn problem(field: Field, text: &str) -> Option<String> {
    let longest = field.longest();
    let label = field.label();
    if text.is_empty() {
        return (!field.may_be_empty()).then(|| format!("请填写{label}。"));
    }
    if field.is_limit() {
        return parse_limit(text)
            .is_none()
            .then(|| format!("{label}请填写0到{MAX_LIMIT_DAYS}之间的整数天数，并选择工作日或自然日。"));
    }
    if field.is_list() {
        let lines: Vec<_> = text.lines().collect();
        if lines.len() > MAX_LINES {
            return Some(format!("{label}最多{MAX_LINES}条，现在有{}条。", lines.len()));
        }
        let parsed = |(at, line): (usize, &&str)| match field {
            Field::Materials => parse_material(line, at + 1).err(),
            Field::Fees => parse_fee(line, at + 1).err(),
            _ => None,
        };
        if let Some(problem) = lines.iter().enumerate().find_map(parsed) {
            return Some(problem);
        }
        return lines
            .iter()
            .position(|line| line.chars().count() > longest)
            .map(|at| format!("{label}第{}条超过{longest}个字，请分成几条。", at + 1));
    }
    if field == Field::Phone && !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | ' ' | '、' | '（' | '）'))
    {
        return Some("咨询电话只能有数字、短横线、空格和括号，几个号码之间用顿号分开。".into());
    }
    (text.chars().count() > longest).then(|| format!("{label}最多{longest}个字。"))
}

/// The changes a form makes to `current` (the fields it sent whose value differs), or what is wrong with it,
/// by field name. A promised limit may not be longer than the statutory one it promises to beat.
pub fn changes(
    fields: &[Field],
    current: impl Fn(Field) -> String,
    form: &Posted,
) -> Result<Vec<Change>, Vec<(&'static str, String)>> {
    let mut problems = Vec::new();
    let mut changes = Vec::new();
    let after = |field: Field| tidied(form, field).unwrap_or_else(|| current(field));
    let mut values = Vec::new();
    for &field in fields {
        let text = after(field);
        if let Some(message) = problem(field, &text) {
            problems.push((field.name(), message));
        }
        values.push((field, text));
    }
    let limit = |wanted: Field| values.iter().find(|(f, _)| *f == wanted).and_then(|(_, text)| parse_limit(text));
    if let (Some(promised), Some(statutory)) = (limit(Field::PromisedLimit), limit(Field::StatutoryLimit)) {
        if promised.unit == statutory.unit && promised.amount > statutory.amount && statutory.amount > 0 {
            problems.push((Field::PromisedLimit.name(), "承诺办结时限不能长于法定办结时限。".into()));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    for (field, after) in values {
        let before = current(field);
        if after != before {
            changes.push(Change { field, before, after });
        }
    }
    Ok(changes)
}

/// An editor's or approver's note, trimmed; what is wrong with it.
pub fn note(form: &Posted) -> Result<String, String> {
    let note = posted(form, "note").unwrap_or_default().trim().to_string();
    if note.chars().count() > MAX_NOTE_CHARS {
        Err(format!("说明最多{MAX_NOTE_CHARS}个字。"))
    } else {
        Ok(note)
    }
}

/// One line of a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffLine {
    Kept(String),
    Removed(String),
    Added(String),
}

/// `before` and `after` line by line: the lines of a longest common subsequence kept, the others removed or
/// added, each removal before the additions that replace it. Lists are at most `MAX_LINES` long, so the table is
/// small.
pub fn line_diff(before: &str, after: &str) -> Vec<DiffLine> {
    let a: Vec<&str> = before.lines().collect();
    let b: Vec<&str> = after.lines().collect();
    // common[i][j]: the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut diff) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            diff.push(DiffLine::Kept(a[i].into()));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            diff.push(DiffLine::Removed(a[i].into()));
            i += 1;
        } else {
            diff.push(DiffLine::Added(b[j].into()));
            j += 1;
        }
    }
    diff
}

/// What a version is about: a department's responsibility list (`item` none), or one of its items.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entry {
    pub department: String,
    pub item: Option<ItemId>,
}

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum VersionState {
    /// Changes made (ordinary fields take effect at once).
    Applied,
    /// Looked at, nothing changed: only the last-reviewed date moved.
    Reviewed,
    /// Changes to legal fields, waiting for an admin.
    Pending,
    /// Legal changes an admin approved; in effect since the decision.
    Approved,
    /// Legal changes an admin turned down; never in effect.
    Rejected,
}

impl VersionState {
    pub const ALL: [VersionState; 5] = [
        VersionState::Applied,
        VersionState::Reviewed,
        VersionState::Pending,
        VersionState::Approved,
        VersionState::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            VersionState::Applied => "applied",
            VersionState::Reviewed => "reviewed",
            VersionState::Pending => "pending",
            VersionState::Approved => "approved",
            VersionState::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            VersionState::Applied => "已修改",
            VersionState::Reviewed => "已核对，无需修改",
            VersionState::Pending => "法定内容修改，待审核",
            VersionState::Approved => "法定内容修改，已审核通过",
            VersionState::Rejected => "法定内容修改，未通过审核",
        }
    }
}

/// An admin's decision on legal changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub by: String,
    pub at: DateTime<FixedOffset>,
    pub note: String,
}

/// One version of an entry: who, when, what changed, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub id: i64,
    pub entry: Entry,
    pub state: VersionState,
    pub changes: Vec<Change>,
    pub note: String,
    /// The editor's staff number and name.
    pub editor: String,
    pub editor_name: String,
    pub at: DateTime<FixedOffset>,
    pub decided: Option<Decided>,
}

/// How many things have happened to an entry: its versions, and the decisions on them. An editor's form carries
/// the stamp it was opened at, so that a save over someone else's meanwhile is refused, not silently undone.
pub fn stamp(versions: &[Version]) -> u32 {
    stamp_of(versions.iter().map(|v| v.decided.is_some()))
}

/// The stamp of versions given by whether each was decided (as the store reads them inside an edit).
pub fn stamp_of(decided: impl Iterator<Item = bool>) -> u32 {
    decided.map(|decided| 1 + u32::from(decided)).sum()
}

/// An edit as stored: what takes effect now, and what waits for approval, made at `at` by the audited editor.
#[derive(Clone, Debug)]
pub struct Edit {
    pub entry: Entry,
    /// The entry's `stamp` when the editor opened it.
    pub stamp: u32,
    pub applied: Vec<Change>,
    pub proposed: Vec<Change>,
    pub note: String,
    pub editor: String,
    pub editor_name: String,
    pub at: DateTime<FixedOffset>,
}

impl Edit {
    /// Split `changes`: ordinary ones apply now, legal ones are proposed.
    pub fn split(changes: Vec<Change>) -> (Vec<Change>, Vec<Change>) {
        changes.into_iter().partition(|change| !change.field.is_legal())
    }
}

/// Why a stored edit or decision did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Someone else changed the entry since it was opened.
    Outdated,
    /// The decision is on no waiting proposal.
    NotPending,
}

impl Refused {
    pub fn message(self) -> &'static str {
        match self {
            Refused::Outdated => "您打开之后，这一条目已被他人修改或审核。请重新打开，核对最新内容后再提交。",
            Refused::NotPending => "这项修改已经审核过了，或者不存在。",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    fn current(field: Field) -> String {
        match field {
            Field::Description => "为居民办理结婚登记。".into(),
            Field::Process => "申请\n受理\n办结".into(),
            Field::PromisedLimit => "当场办结".into(),
            Field::StatutoryLimit => "30日（自然日）".into(),
            Field::Phone => "022-26260000".into(),
            Field::LegalBasis => "《婚姻登记条例》".into(),
            Field::Materials => "居民身份证｜必需｜原件｜0份｜申请人自备｜".into(),
            Field::Fees => String::new(),
            _ => "原文".into(),
        }
    }

    #[test]
    fn only_the_fields_whose_text_differs_are_changes() {
        let posted = form(&[
            ("description", "  为居民办理结婚登记。  "),
            ("process", "申请\r\n\r\n受理\n 审核 \n办结\n"),
            ("promised_limit_amount", "0"),
            ("promised_limit_unit", "working_days"),
        ]);
        let changes = changes(&Field::ITEM, current, &posted).unwrap();
        assert_eq!(
            changes,
            vec![Change {
                field: Field::Process,
                before: "申请\n受理\n办结".into(),
                after: "申请\n受理\n审核\n办结".into()
            }]
        );
    }

    #[test]
    fn a_legal_field_is_told_apart() {
        let posted = form(&[("legal_basis", "《婚姻登记条例》第四条"), ("hours", "周一至周五 9:00-17:00")]);
        let changes = changes(&Field::ITEM, current, &posted).unwrap();
        let legal: Vec<_> = changes.iter().filter(|c| c.field.is_legal()).map(|c| c.field).collect();
        assert_eq!(legal, vec![Field::LegalBasis]);
        assert_eq!(changes.len(), 2);
    }

    #[test]
    fn a_material_row_changes_at_once_and_a_new_fee_waits_for_approval() {
        fn row(name: &'static str, required: &'static str, copies: &'static str) -> [(&'static str, &'static str); 6] {
            [
                ("materials_name", name),
                ("materials_required", required),
                ("materials_form", "original"),
                ("materials_copies", copies),
                ("materials_source", ""),
                ("materials_notes", ""),
            ]
        }
        let mut pairs: Vec<(&str, &str)> = [row("居民身份证", "yes", "0"), row("户口簿", "yes", "1")].concat();
        pairs.extend([("fees_item", "工本费"), ("fees_amount", "每证9元"), ("fees_basis", "津价费〔2016〕15号")]);
        let changes = changes(&Field::ITEM, current, &form(&pairs)).unwrap();
        assert_eq!(
            changes,
            vec![
                Change {
                    field: Field::Materials,
                    before: "居民身份证｜必需｜原件｜0份｜申请人自备｜".into(),
                    after: "居民身份证｜必需｜原件｜0份｜｜\n户口簿｜必需｜原件｜1份｜｜".into(),
                },
                Change {
                    field: Field::Fees,
                    before: String::new(),
                    after: "工本费｜每证9元｜津价费〔2016〕15号".into()
                },
            ]
        );
        assert_eq!(Edit::split(changes).1.iter().map(|c| c.field).collect::<Vec<_>>(), [Field::Fees]);
        assert_eq!(
            changes_problems(&row("户口簿", "yes", "很多")),
            [("materials", "第1项材料的份数请填写0到20之间的整数（0表示只需出示）。".to_string())]
        );
    }

    fn changes_problems(pairs: &[(&str, &str)]) -> Vec<(&'static str, String)> {
        changes(&Field::ITEM, current, &form(pairs)).unwrap_err()
    }

    #[test]
    fn a_limit_is_kept_in_words_and_read_back() {
        let posted = form(&[("statutory_limit_amount", "20"), ("statutory_limit_unit", "working_days")]);
        let changes = changes(&Field::ITEM, current, &posted).unwrap();
        assert_eq!(changes[0].after, "20个工作日");
        assert_eq!(parse_limit("20个工作日"), Some(TimeLimit { amount: 20, unit: LimitUnit::WorkingDays }));
        assert_eq!(parse_limit("60日（自然日）"), Some(TimeLimit { amount: 60, unit: LimitUnit::CalendarDays }));
        assert_eq!(parse_limit("当场办结").map(|l| l.amount), Some(0));
        assert_eq!(parse_limit("二十天"), None);
    }

    #[test]
    fn a_promise_longer_than_the_law_is_refused() {
        let posted = form(&[
            ("promised_limit_amount", "40"),
            ("promised_limit_unit", "calendar_days"),
            ("statutory_limit_amount", "30"),
            ("statutory_limit_unit", "calendar_days"),
        ]);
        let problems = changes(&Field::ITEM, current, &posted).unwrap_err();
        assert_eq!(problems, vec![("promised_limit", "承诺办结时限不能长于法定办结时限。".to_string())]);
    }

    #[test]
    fn bad_values_are_named_in_chinese() {
        let posted = form(&[
            ("description", "   "),
            ("phone", "请拨打12345"),
            ("statutory_limit_amount", "400"),
            ("statutory_limit_unit", "working_days"),
        ]);
        let problems = changes(&Field::ITEM, current, &posted).unwrap_err();
        let named: Vec<_> = problems.iter().map(|(field, _)| *field).collect();
        assert_eq!(named, vec!["description", "phone", "statutory_limit"]);
        assert_eq!(problems[0].1, "请填写事项说明。");
        assert!(problems[2].1.contains("0到365"));
    }

    #[test]
    fn a_list_over_its_bounds_is_refused() {
        let long = (0..61).map(|i| format!("职责{i}")).collect::<Vec<_>>().join("\n");
        let posted = form(&[("responsibilities", &long)]);
        let problems = changes(&[Field::Responsibilities], |_| String::new(), &posted).unwrap_err();
        assert_eq!(problems[0].1, "职责清单最多60条，现在有61条。");
    }

    #[test]
    fn a_diff_keeps_common_lines_and_puts_removals_first() {
        let diff = line_diff("甲\n乙\n丙", "甲\n丁\n丙\n戊");
        assert_eq!(
            diff,
            vec![
                DiffLine::Kept("甲".into()),
                DiffLine::Removed("乙".into()),
                DiffLine::Added("丁".into()),
                DiffLine::Kept("丙".into()),
                DiffLine::Added("戊".into()),
            ]
        );
        assert_eq!(line_diff("", "新"), vec![DiffLine::Added("新".into())]);
    }

    #[test]
    fn a_long_note_is_refused() {
        assert_eq!(note(&form(&[("note", " 依据新文件调整 ")])), Ok("依据新文件调整".into()));
        assert!(note(&form(&[("note", &"字".repeat(201))])).is_err());
    }
}
