//! Agenda item numbers and the order clerks expect them in.

use std::cmp::Ordering;

/// Sort key: numeric items (1, 2, 6, 10) first by number, then lettered items by letter
/// and number (A1, B1, B2, B10, C1); anything else after, by its text.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ItemKey {
    class: u8,
    letters: String,
    number: u64,
    rest: String,
}

impl ItemKey {
    pub fn new(item: &str) -> Self {
        let item = item.trim();
        let letters: String = item
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let after = &item[letters.len()..];
        let digits: String = after.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = after[digits.len()..].to_ascii_uppercase();
        match digits.parse::<u64>() {
            Ok(number) => ItemKey {
                class: if letters.is_empty() { 0 } else { 1 },
                letters: letters.to_ascii_uppercase(),
                number,
                rest,
            },
            Err(_) => ItemKey {
                class: 2,
                letters: item.to_ascii_uppercase(),
                number: 0,
                rest: String::new(),
            },
        }
    }
}

/// Compares optional items: numbered entries before unnumbered ones.
pub fn compare(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => ItemKey::new(a).cmp(&ItemKey::new(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

pub use crate::text::item_key as normalise;

/// Item numbers match whatever their case or surrounding space: "b1" is "B1".
pub fn same(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_numbers_then_letters() {
        let mut items = vec!["B10", "C1", "6", "A1", "B2", "2", "B1", "1", "10"];
        items.sort_by(|a, b| compare(Some(a), Some(b)));
        assert_eq!(items, ["1", "2", "6", "10", "A1", "B1", "B2", "B10", "C1"]);
    }

    #[test]
    fn sub_items_follow_their_item() {
        let mut items = vec!["6b", "7", "6a", "6"];
        items.sort_by(|a, b| compare(Some(a), Some(b)));
        assert_eq!(items, ["6", "6a", "6b", "7"]);
    }
}
