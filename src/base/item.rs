//! Agenda item numbers: how they match and the order clerks expect them in.

use std::cmp::Ordering;

/// One run of an item number: digits or letters. Digits sort before letters, so numeric
/// items (1, 2, 6, 10) come before lettered ones (A1, B1, B2, B10, C1).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Token {
    /// Compared by length without leading zeros, then by digits: numerically, at any size.
    Number(usize, String),
    Letters(String),
}

fn tokens(item: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut chars = item.trim().chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut digits = String::new();
            while let Some(d) = chars.next_if(char::is_ascii_digit) {
                digits.push(d);
            }
            let digits = digits.trim_start_matches('0').to_string();
            out.push(Token::Number(digits.len(), digits));
        } else if c.is_alphanumeric() {
            let mut letters = String::new();
            while let Some(l) = chars.next_if(|c| c.is_alphanumeric() && !c.is_ascii_digit()) {
                letters.extend(l.to_uppercase());
            }
            out.push(Token::Letters(letters));
        } else {
            chars.next();
        }
    }
    out
}

/// Sort key: 1, 2, 4.1, 4.2, 4.10, 6, 10, 10a, 10(b), A1, B1, B2, B10, C1.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct ItemKey(Vec<Token>);

impl ItemKey {
    pub(crate) fn new(item: &str) -> Self {
        ItemKey(tokens(item))
    }
}

/// Compares optional items: numbered entries before unnumbered ones.
pub(crate) fn compare(a: Option<&str>, b: Option<&str>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => ItemKey::new(a).cmp(&ItemKey::new(b)).then_with(|| a.cmp(b)),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

/// The form two spellings of one item share: "b1", "B 1" and "B1" are one item, as are
/// "06" and "6", and "10b" and "10(b)"; "4.10" and "4.1" are not.
pub(crate) fn normalise(item: &str) -> String {
    let parts: Vec<String> = tokens(item)
        .into_iter()
        .map(|t| match t {
            Token::Number(_, digits) if digits.is_empty() => "0".to_string(),
            Token::Number(_, digits) => digits,
            Token::Letters(letters) => letters,
        })
        .collect();
    if parts.is_empty() {
        item.trim().to_string()
    } else {
        parts.join(".")
    }
}

pub(crate) fn same(a: &str, b: &str) -> bool {
    normalise(a) == normalise(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut items: Vec<&str>) -> Vec<&str> {
        items.sort_by(|a, b| compare(Some(a), Some(b)));
        items
    }

    #[test]
    fn orders_numbers_then_letters() {
        let items = vec!["B10", "C1", "6", "A1", "B2", "2", "B1", "1", "10"];
        assert_eq!(
            sorted(items),
            ["1", "2", "6", "10", "A1", "B1", "B2", "B10", "C1"]
        );
    }

    #[test]
    fn sub_items_follow_their_item_in_number_order() {
        let items = vec![
            "4.10", "10(b)", "4.2", "10a", "4.1", "4", "B 11", "C1", "10",
        ];
        assert_eq!(
            sorted(items),
            [
                "4", "4.1", "4.2", "4.10", "10", "10a", "10(b)", "B 11", "C1"
            ]
        );
    }

    #[test]
    fn spellings_of_one_item_match() {
        assert!(same("b1", "B 1"));
        assert!(same("06", "6"));
        assert!(same("10(b)", "10B"));
        assert!(!same("4.10", "4.1"));
        assert!(!same("41.0", "4.10"));
        assert_eq!(normalise("0"), "0");
    }
}
