//! An item's materials and fees as an editor changes them: a row a line, its cells joined by `｜`, so a version
//! keeps them as text and its diff shows the row that changed. The form sends each column as a repeated field
//! (`materials_name`, …), a row for each occurrence; a row left blank is dropped.

use super::{posted_all, Field, Posted};
use crate::catalog::model::{Fee, Material, MaterialForm};

const SEPARATOR: char = '｜';
/// Most paper copies a material may ask for.
pub const MAX_COPIES: u8 = 20;
/// Longest cell: a material's or fee's name, a source, a note, an amount, a basis.
pub const LONGEST_CELL: usize = 200;

/// The columns of a field's rows: the form's field suffix and its heading.
pub fn columns(field: Field) -> &'static [(&'static str, &'static str)] {
    match field {
        Field::Materials => &[
            ("name", "材料名称"),
            ("required", "是否必需"),
            ("form", "形式"),
            ("copies", "份数"),
            ("source", "来源"),
            ("notes", "说明"),
        ],
        Field::Fees => &[("item", "收费项目"), ("amount", "收费标准"), ("basis", "收费依据")],
        _ => &[],
    }
}

const FORMS: [(MaterialForm, &str); 3] = [
    (MaterialForm::Original, "original"),
    (MaterialForm::Copy, "copy"),
    (MaterialForm::OriginalAndCopy, "original_and_copy"),
];

/// A material's form as its field sends it.
pub fn form_code(form: MaterialForm) -> &'static str {
    FORMS.iter().find(|(f, _)| *f == form).map_or("original", |(_, code)| code)
}

pub fn material_line(material: &Material) -> String {
    let required = if material.required { "必需" } else { "非必需" };
    let cells = [&material.name, required, material.form.label(), &format!("{}份", material.copies), &material.source];
    format!("{}{SEPARATOR}{}", cells.join(&SEPARATOR.to_string()), material.notes)
}

pub fn fee_line(fee: &Fee) -> String {
    [fee.item.as_str(), &fee.amount, &fee.basis].join(&SEPARATOR.to_string())
}

/// A material's line back as the material, or what is wrong with it (`row` counts from 1).
pub fn parse_material(line: &str, row: usize) -> Result<Material, String> {
    let cells: Vec<&str> = line.split(SEPARATOR).collect();
    let [name, required, form, copies, source, notes] = cells[..] else {
        return Err(format!("第{row}项材料的内容不能含有“{SEPARATOR}”。"));
    };
    check_cells(&[("材料名称", name, true), ("来源", source, false), ("说明", notes, false)], "材料", row)?;
    let required = match required {
        "必需" => true,
        "非必需" => false,
        _ => return Err(format!("第{row}项材料请选择是否必需。")),
    };
    let form = FORMS
        .iter()
        .map(|(f, _)| *f)
        .find(|f| f.label() == form)
        .ok_or_else(|| format!("第{row}项材料请选择原件、复印件或原件和复印件。"))?;
    let copies = copies
        .strip_suffix('份')
        .and_then(|n| n.parse::<u8>().ok())
        .filter(|n| *n <= MAX_COPIES)
        .ok_or_else(|| format!("第{row}项材料的份数请填写0到{MAX_COPIES}之间的整数（0表示只需出示）。"))?;
    Ok(Material { name: name.into(), required, form, copies, source: source.into(), notes: notes.into() })
}

/// A fee's line back as the fee, or what is wrong with it.
pub fn parse_fee(line: &str, row: usize) -> Result<Fee, String> {
    let cells: Vec<&str> = line.split(SEPARATOR).collect();
    let [item, amount, basis] = cells[..] else {
        return Err(format!("第{row}项收费的内容不能含有“{SEPARATOR}”。"));
    };
    check_cells(&[("收费项目", item, true), ("收费标准", amount, true), ("收费依据", basis, true)], "收费", row)?;
    Ok(Fee { item: item.into(), amount: amount.into(), basis: basis.into() })
}

/// Each cell (label, text, required) within `LONGEST_CELL`, and filled in where required.
fn check_cells(cells: &[(&str, &str, bool)], what: &str, row: usize) -> Result<(), String> {
    for (label, text, required) in cells {
        if *required && text.is_empty() {
            return Err(format!("第{row}项{what}请填写{label}。"));
        }
        if text.chars().count() > LONGEST_CELL {
            return Err(format!("第{row}项{what}的{label}最多{LONGEST_CELL}个字。"));
        }
    }
    Ok(())
}

/// The form's rows of `field` as lines, blank rows dropped; `None` when the form sent none of its columns.
pub(super) fn tidied_rows(form: &Posted, field: Field) -> Option<String> {
    let columns: Vec<Vec<String>> = columns(field)
        .iter()
        .map(|(suffix, _)| {
            let name = format!("{}_{suffix}", field.name());
            posted_all(form, &name)
                .into_iter()
                .map(|text| text.split_whitespace().collect::<Vec<_>>().join(" "))
                .collect()
        })
        .collect();
    let rows = columns.iter().map(Vec::len).max()?;
    if rows == 0 {
        return None;
    }
    let cell = |column: usize, row: usize| columns[column].get(row).map_or("", String::as_str);
    let lines = (0..rows).filter_map(|row| {
        let text_cells: Vec<&str> = match field {
            // A blank material row still sends its choices: it is blank when its typed cells are.
            Field::Materials => vec![cell(0, row), cell(3, row), cell(4, row), cell(5, row)],
            _ => (0..columns.len()).map(|column| cell(column, row)).collect(),
        };
        if text_cells.iter().all(|text| text.is_empty()) {
            return None;
        }
        Some(match field {
            Field::Materials => {
                let required = match cell(1, row) {
                    "yes" => "必需",
                    "no" => "非必需",
                    other => other,
                };
                let form =
                    FORMS.iter().find(|(_, code)| *code == cell(2, row)).map_or(cell(2, row), |(f, _)| f.label());
                let cells = [cell(0, row), required, form, &format!("{}份", cell(3, row)), cell(4, row), cell(5, row)];
                cells.join(&SEPARATOR.to_string())
            }
            _ => text_cells.join(&SEPARATOR.to_string()),
        })
    });
    Some(lines.collect::<Vec<_>>().join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id_card() -> Material {
        Material {
            name: "居民身份证".into(),
            required: true,
            form: MaterialForm::Original,
            copies: 0,
            source: "申请人自备".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_material_and_a_fee_are_kept_as_a_line_and_read_back() {
        assert_eq!(material_line(&id_card()), "居民身份证｜必需｜原件｜0份｜申请人自备｜");
        assert_eq!(parse_material("居民身份证｜必需｜原件｜0份｜申请人自备｜", 1), Ok(id_card()));
        let fee =
            Fee { item: "工本费".into(), amount: "每证10元".into(), basis: "津价费〔2016〕15号".into() };
        assert_eq!(fee_line(&fee), "工本费｜每证10元｜津价费〔2016〕15号");
        assert_eq!(parse_fee(&fee_line(&fee), 1), Ok(fee));
    }

    #[test]
    fn a_bad_row_is_named_by_its_number_in_chinese() {
        assert_eq!(parse_material("｜必需｜原件｜0份｜｜", 2), Err("第2项材料请填写材料名称。".into()));
        assert_eq!(
            parse_material("户口簿｜必需｜原件｜21份｜｜", 3),
            Err("第3项材料的份数请填写0到20之间的整数（0表示只需出示）。".into())
        );
        assert_eq!(parse_material("户口簿｜也许｜原件｜1份｜｜", 1), Err("第1项材料请选择是否必需。".into()));
        assert_eq!(
            parse_material("户口簿｜必需｜扫描件｜1份｜｜", 1),
            Err("第1项材料请选择原件、复印件或原件和复印件。".into())
        );
        assert_eq!(parse_material("户口｜簿｜必需｜原件｜1份｜｜", 1), Err("第1项材料的内容不能含有“｜”。".into()));
        assert_eq!(parse_fee("工本费｜每证10元｜", 1), Err("第1项收费请填写收费依据。".into()));
    }

    #[test]
    fn a_forms_columns_make_rows_and_a_blank_row_is_dropped() {
        let sent =
            |pairs: &[(&str, &str)]| pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<Vec<_>>();
        let form = sent(&[
            ("materials_name", "居民身份证"),
            ("materials_required", "yes"),
            ("materials_form", "original"),
            ("materials_copies", "0"),
            ("materials_source", "申请人自备"),
            ("materials_notes", ""),
            ("materials_name", " 户口簿 "),
            ("materials_required", "no"),
            ("materials_form", "original_and_copy"),
            ("materials_copies", "1"),
            ("materials_source", ""),
            ("materials_notes", "本人页"),
            // The blank row the form offers for a new material.
            ("materials_name", ""),
            ("materials_required", "yes"),
            ("materials_form", "original"),
            ("materials_copies", ""),
            ("materials_source", ""),
            ("materials_notes", ""),
        ]);
        assert_eq!(
            tidied_rows(&form, Field::Materials).as_deref(),
            Some("居民身份证｜必需｜原件｜0份｜申请人自备｜\n户口簿｜非必需｜原件和复印件｜1份｜｜本人页")
        );
        assert_eq!(tidied_rows(&form, Field::Fees), None, "no fee columns sent: the fees stay as they are");
        let no_fees = sent(&[("fees_item", ""), ("fees_amount", ""), ("fees_basis", "")]);
        assert_eq!(tidied_rows(&no_fees, Field::Fees).as_deref(), Some(""), "every fee row blank: no fee");
    }
}
