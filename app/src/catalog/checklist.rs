//! The materials checklist a resident ticks while getting ready: saved in their session, so it is still ticked
//! when they come back days later, whichever instance serves them.

use crate::catalog::model::ItemId;

/// The form field each ticked material sends, with the material's index as its value.
pub const FIELD: &str = "ticked";

/// Where one item's checklist lives in the session.
pub fn session_key(item: ItemId) -> String {
    format!("checklist/{item}")
}

/// The materials a submitted checklist ticks, checked against the item's number of materials.
pub fn ticked_from_form(fields: &[(String, String)], material_count: usize) -> Result<Vec<usize>, String> {
    let mut ticked = fields
        .iter()
        .filter(|(name, _)| name == FIELD)
        .map(|(_, value)| value.parse::<usize>().ok().filter(|&n| n < material_count))
        .collect::<Option<Vec<usize>>>()
        .ok_or("勾选的材料不属于这个事项，请回到事项页面重新勾选。")?;
    ticked.sort_unstable();
    ticked.dedup();
    Ok(ticked)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(values: &[&str]) -> Vec<(String, String)> {
        values.iter().map(|v| (FIELD.to_string(), v.to_string())).chain([("other".into(), "x".into())]).collect()
    }

    #[test]
    fn a_checklist_names_only_the_items_own_materials() {
        assert_eq!(ticked_from_form(&fields(&["2", "0", "2"]), 3), Ok(vec![0, 2]));
        assert_eq!(ticked_from_form(&fields(&[]), 3), Ok(vec![]));
        assert!(ticked_from_form(&fields(&["3"]), 3).is_err(), "past the last material");
        assert!(ticked_from_form(&fields(&["-1"]), 3).unwrap_err().contains("重新勾选"));
    }
}
