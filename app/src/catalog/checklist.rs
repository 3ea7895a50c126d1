//! The materials checklist a resident ticks while getting ready: saved in their session, so it is still ticked
//! when they come back days later, whichever instance serves them. Ticks are kept by the material's name, so an
//! editor adding, removing or reordering an item's materials never moves a tick onto another material.

use crate::catalog::model::{ItemId, Material};

/// The form field each ticked material sends, with the material's name as its value.
pub const FIELD: &str = "ticked";

/// Where one item's checklist lives in the session. (Sessions from before ticks were named kept positions under
/// `checklist/{item}`; those are left to expire.)
pub fn session_key(item: ItemId) -> String {
    format!("materials/{item}")
}

/// The materials a submitted checklist ticks, each one of the item's own, in the item's order.
pub fn ticked_from_form(fields: &[(String, String)], materials: &[Material]) -> Result<Vec<String>, String> {
    let sent: Vec<&str> = fields.iter().filter(|(name, _)| name == FIELD).map(|(_, value)| value.as_str()).collect();
    if sent.iter().any(|name| !materials.iter().any(|m| m.name == *name)) {
        return Err("勾选的材料不属于这个事项，请回到事项页面重新勾选。".into());
    }
    Ok(still_listed(sent.into_iter().map(String::from).collect(), materials))
}

/// The saved ticks of materials the item still lists, in its order: a material taken off takes its tick with it.
pub fn still_listed(saved: Vec<String>, materials: &[Material]) -> Vec<String> {
    materials.iter().filter(|m| saved.contains(&m.name)).map(|m| m.name.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::model::MaterialForm;

    fn materials(names: &[&str]) -> Vec<Material> {
        names
            .iter()
            .map(|name| Material {
                name: name.to_string(),
                required: true,
                form: MaterialForm::Original,
                copies: 0,
                source: String::new(),
                notes: String::new(),
            })
            .collect()
    }

    fn fields(values: &[&str]) -> Vec<(String, String)> {
        values.iter().map(|v| (FIELD.to_string(), v.to_string())).chain([("other".into(), "x".into())]).collect()
    }

    #[test]
    fn a_checklist_names_only_the_items_own_materials() {
        let item = materials(&["居民身份证", "户口簿", "照片"]);
        assert_eq!(
            ticked_from_form(&fields(&["照片", "居民身份证", "照片"]), &item),
            Ok(vec!["居民身份证".into(), "照片".into()])
        );
        assert_eq!(ticked_from_form(&fields(&[]), &item), Ok(vec![]));
        assert!(ticked_from_form(&fields(&["2"]), &item).unwrap_err().contains("重新勾选"), "a position is no name");
        assert!(ticked_from_form(&fields(&["结婚证"]), &item).is_err(), "another item's material");
    }

    #[test]
    fn a_tick_stays_on_its_material_when_an_editor_reorders_adds_or_removes_materials() {
        let saved = vec!["户口簿".to_string(), "代办人居民身份证".to_string()];
        let edited = materials(&["离婚证", "居民身份证", "户口簿"]);
        assert_eq!(still_listed(saved, &edited), ["户口簿"]);
    }
}
