//! What residents' petitions are about, read from the checked-in categories.tsv: each category is handled by a
//! department of the catalog (its stable id), or routed by the dispatch centre, and suggests a tier the resident
//! confirms. Shared ground: petitions file and route by it, the standings name a department's categories, Open311
//! lists it as its services.

use std::sync::OnceLock;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub id: &'static str,
    pub label: &'static str,
    /// The heading it is listed under.
    pub group: &'static str,
    /// The department that handles it; `None`: the dispatch centre decides.
    pub department: Option<&'static str>,
    /// The code of the tier it suggests (`petitions::tiers::Tier::from_code`, which a petitions test holds every
    /// category to).
    pub suggested_tier: &'static str,
}

/// Every category, in the file's order (grouped).
pub fn categories() -> &'static [Category] {
    static CATEGORIES: OnceLock<Vec<Category>> = OnceLock::new();
    CATEGORIES
        .get_or_init(|| parse(include_str!("categories.tsv")).expect("categories.tsv is well formed (a test checks)"))
}

pub fn category(id: &str) -> Option<&'static Category> {
    categories().iter().find(|category| category.id == id)
}

fn parse(tsv: &'static str) -> Result<Vec<Category>, String> {
    let mut categories: Vec<Category> = Vec::new();
    for line in tsv.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()) {
        let fields: Vec<&'static str> = line.split('\t').collect();
        let [id, label, group, department, tier] = fields[..] else { return Err(format!("not 5 fields: {line}")) };
        if categories.iter().any(|c| c.id == id) {
            return Err(format!("{id} is listed twice"));
        }
        let department = (department != "-").then_some(department);
        categories.push(Category { id, label, group, department, suggested_tier: tier });
    }
    Ok(categories)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_is_well_formed() {
        assert!(categories().len() >= 30, "a catalogue, not a sample");
        assert_eq!(category("heating").map(|c| (c.department, c.suggested_tier)), Some((Some("housing"), "urgent")));
        assert_eq!(category("letters").map(|c| (c.department, c.suggested_tier)), Some((None, "letters")));
        assert_eq!(category("no-such"), None);
    }

    #[test]
    fn a_catalogue_listing_a_category_twice_is_refused() {
        assert!(parse("a\t甲\t组\t-\tordinary\na\t乙\t组\t-\tordinary").unwrap_err().contains("listed twice"));
    }
}
