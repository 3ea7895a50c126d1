//! Which places the place question shows. An item handled at a dozen places or fewer lists them all; one handled
//! at many (most community services: over a hundred centres, a 15,000-pixel page in 长辈版) asks for the street
//! first, then lists that street's places.

use crate::catalog::model::{Place, PlaceKind};
use serde::{Deserialize, Serialize};

/// Up to this many places are listed at once.
pub const AT_ONCE: usize = 12;

/// What the place question shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceList {
    /// Every street with places handling the item, and how many.
    pub streets: Vec<(String, usize)>,
    /// The places listed, by street, halls and points before community centres; none while a street is asked for.
    pub places: Vec<(String, Vec<Place>)>,
    /// The street whose places are listed, when there are too many to list at once.
    pub street: Option<String>,
}

/// The list for `places`. `street` is the one the resident picked (`Some("")`: they asked for the streets again);
/// without one, the street of the place they chose before is shown, so their answer is there to see.
pub fn place_list(mut places: Vec<Place>, street: Option<&str>, chosen: Option<&str>) -> PlaceList {
    let rank = |kind: PlaceKind| match kind {
        PlaceKind::Hall => 0,
        PlaceKind::Point => 1,
        PlaceKind::Community => 2,
    };
    places.sort_by(|a, b| (&a.street, rank(a.kind), &a.name).cmp(&(&b.street, rank(b.kind), &b.name)));
    let count = places.len();
    let mut by_street: Vec<(String, Vec<Place>)> = Vec::new();
    for place in places {
        match by_street.last_mut() {
            Some((street, list)) if *street == place.street => list.push(place),
            _ => by_street.push((place.street.clone(), vec![place])),
        }
    }
    let streets = by_street.iter().map(|(street, list)| (street.clone(), list.len())).collect();
    if count <= AT_ONCE {
        return PlaceList { streets, places: by_street, street: None };
    }
    let chosen_street = || {
        let chosen = chosen?;
        by_street.iter().find(|(_, list)| list.iter().any(|p| p.id == chosen)).map(|(street, _)| street.clone())
    };
    let street = match street {
        Some(asked) => by_street.iter().any(|(s, _)| s == asked).then(|| asked.to_string()),
        None => chosen_street(),
    };
    let places = by_street.into_iter().filter(|(s, _)| Some(s) == street.as_ref()).collect();
    PlaceList { streets, places, street }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(id: &str, kind: PlaceKind, street: &str) -> Place {
        Place {
            id: id.into(),
            kind,
            name: format!("{id} 的名字"),
            street: street.into(),
            address: String::new(),
            phone: String::new(),
        }
    }

    /// Two streets of 7 community centres, one with the hall too: 15 places.
    fn many() -> Vec<Place> {
        let mut places: Vec<Place> =
            (1..=7).map(|n| place(&format!("community-{n:03}"), PlaceKind::Community, "宁园")).collect();
        places.extend((8..=14).map(|n| place(&format!("community-{n:03}"), PlaceKind::Community, "望海楼")));
        places.push(place("hall-1", PlaceKind::Hall, "望海楼"));
        places
    }

    #[test]
    fn a_dozen_places_or_fewer_are_listed_at_once() {
        let few =
            vec![place("community-001", PlaceKind::Community, "宁园"), place("hall-1", PlaceKind::Hall, "望海楼")];
        let list = place_list(few, None, None);
        assert_eq!(list.street, None);
        assert_eq!(
            list.places.iter().map(|(s, l)| (s.as_str(), l.len())).collect::<Vec<_>>(),
            [("宁园", 1), ("望海楼", 1)]
        );
    }

    #[test]
    fn many_places_ask_for_the_street_first() {
        let list = place_list(many(), None, None);
        assert_eq!(list.streets, [("宁园".to_string(), 7), ("望海楼".to_string(), 8)]);
        assert!(list.places.is_empty(), "no place listed before a street is chosen");
        assert_eq!(list.street, None);
    }

    #[test]
    fn a_street_lists_its_places_with_the_hall_first() {
        let list = place_list(many(), Some("望海楼"), None);
        assert_eq!(list.street.as_deref(), Some("望海楼"));
        let [(street, places)] = list.places.as_slice() else { panic!("one street: {:?}", list.places) };
        assert_eq!(street, "望海楼");
        assert_eq!(places.len(), 8);
        assert_eq!(places[0].id, "hall-1");
    }

    #[test]
    fn an_earlier_answer_shows_its_street_until_the_streets_are_asked_for_again() {
        assert_eq!(place_list(many(), None, Some("community-003")).street.as_deref(), Some("宁园"));
        assert_eq!(place_list(many(), Some(""), Some("community-003")).street, None);
        assert_eq!(place_list(many(), Some("天津"), None).street, None, "a street with no place is not one");
    }
}
