//! The "Declarations of interest" minute of a set of minutes, read into `declarations:`
//! entries: who declared, on which item, what interest, of what kind, and whether they
//! left the room. The minute's text stays as the minutes give it.

use std::sync::LazyLock;

use regex::Regex;

use super::DeclarationOut;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("declaration patterns are valid")
}

/// A name as minutes write it before what the member did: titles, then one to four
/// capitalised words or initials (`Cllr T Iley`, `Mrs Quarry`, `Councillor Dr Ann Lee`).
const NAME: &str = r"(?:(?:Cllr|Councillor|County Councillor|Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Rev|Revd|Prof)\.?\s+)*(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+";
const VERBS: &str = r"declared|declares|disclosed|said|stated|informed|advised|reported|indicated|noted|made|registered|confirmed|mentioned|explained|reminded";

/// `Cllr T Iley declared ...`: the name at the start, before a verb.
static ACTIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:The\s+)?(?P<name>{NAME})\s+(?:{VERBS})\b\s*(?P<rest>.*)$"
    ))
});
/// `An interest was declared by Mr P Dunmore in item B1 ...`.
static PASSIVE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"\b(?:declared|disclosed|made)\s+by\s+(?P<name>{NAME})\b"
    ))
});
/// `None were declared`, `There were no declarations of interest`, `No interests were made`.
static NONE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:there\s+were\s+no\b|no\s+(?:declarations?|interests?|disclosures?)\b|none\b|nil\b)",
    )
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\b(?:agenda\s+)?item\s+(?:no\.?\s*)?(?P<item>[A-Z]{0,2}\d{1,3}[a-z]?)\b")
});
static MINUTE: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bminute\s+(?:no\.?\s*)?(\d{1,4})\b"));
static WITHDREW: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\b(?:left|leaving)\s+the\s+(?:room|meeting|chamber)\b|\bwithdrew\b|\bwithdrawn\s+from\s+the\s+(?:room|meeting)\b",
    )
});
/// Where the interest itself starts after `declared an interest in item B1`.
static BECAUSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)\binterests?\b.*?(?:\s+as\s+|\s+because\s+|:\s*|,\s+being\s+|\s+in\s+that\s+)")
});
/// A clause saying the member left, cut from the interest's text.
static LEAVING: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:,?\s+and\s+|[;,]\s*(?:he|she|they)?\s*)(?:left|withdrew|took no part|did not take part)\b.*$",
    )
});

/// What one paragraph of the minute records.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Read {
    /// "None were declared": no entry.
    None,
    Declared(DeclarationOut),
    /// A paragraph naming no member: left to the clerk.
    Unread,
}

/// Whether a heading opens the declarations minute.
pub(super) fn is_heading(title: &str) -> bool {
    let t = title.to_lowercase();
    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ' ');
    ["declaration", "disclosure"]
        .iter()
        .any(|w| t.starts_with(w))
        && t.contains("interest")
}

/// Reads one paragraph, which may record several declarations ("Mr A declared that ...
/// Mr B declared that ..." on lines the conversion joined); a sentence naming no one
/// goes with the declaration before it ("He left the room."). `item_of_minute` gives
/// the item a minute number records, `known_item` the item as the minutes number it.
/// Each entry comes with an item it names that the minutes do not record.
pub(super) fn read(
    text: &str,
    item_of_minute: impl Fn(u64) -> Option<String>,
    known_item: impl Fn(&str) -> Option<String>,
) -> Vec<(Read, Option<String>)> {
    let text = text.replace("**", "");
    let mut found: Vec<(DeclarationOut, String)> = Vec::new();
    let (mut none, mut unread) = (false, false);
    for sentence in sentences(text.trim()) {
        if NONE.is_match(sentence) {
            none = true;
        } else if let Some((name, rest)) = who(sentence) {
            let d = DeclarationOut {
                name,
                item: None,
                interest: interest(&rest),
                kind: None,
                withdrew: false,
            };
            found.push((d, sentence.to_string()));
        } else if let Some((_, context)) = found.last_mut() {
            context.push(' ');
            context.push_str(sentence);
        } else {
            unread = true;
        }
    }
    if found.is_empty() {
        let read = if unread && !none {
            Read::Unread
        } else {
            Read::None
        };
        return vec![(read, None)];
    }
    found
        .into_iter()
        .map(|(mut d, context)| {
            let named = ITEM
                .captures(&context)
                .map(|c| c["item"].to_string())
                .or_else(|| {
                    MINUTE
                        .captures(&context)
                        .and_then(|c| c[1].parse().ok())
                        .and_then(&item_of_minute)
                });
            d.item = named.as_deref().and_then(&known_item);
            let stray = named.filter(|_| d.item.is_none());
            d.kind = kind(&context);
            d.withdrew = WITHDREW.is_match(&context);
            (Read::Declared(d), stray)
        })
        .collect()
}

/// The member a sentence starts with (or names after `declared by`), and what it says
/// after the name.
fn who(sentence: &str) -> Option<(String, String)> {
    let (name, rest) = match (ACTIVE.captures(sentence), PASSIVE.captures(sentence)) {
        (Some(c), _) => (c["name"].to_string(), c["rest"].to_string()),
        (None, Some(c)) => (c["name"].to_string(), sentence.to_string()),
        (None, None) => return None,
    };
    is_name(&name).then(|| (name.trim().to_string(), rest))
}

fn kind(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    if lower.contains("disclosable pecuniary") {
        Some("disclosable-pecuniary")
    } else if lower.contains("non-registrable") || lower.contains("non registrable") {
        Some("non-registrable")
    } else if lower.contains("other registrable") || lower.contains("other registerable") {
        Some("other-registrable")
    } else {
        None
    }
}

/// A paragraph's sentences: split after a full stop and a space before a capital, but
/// not after an initial or a title (`Cllr P. Feacey`, `Mr. Hill`).
fn sentences(text: &str) -> Vec<&str> {
    const SHORT: &[&str] = &["mr", "mrs", "ms", "dr", "cllr", "st", "rev", "prof", "no"];
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in text.match_indices(". ") {
        let capital = text[i + 2..].chars().next().is_some_and(char::is_uppercase);
        let word = text[start..i]
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let short = word.chars().count() <= 1 || SHORT.contains(&word.to_lowercase().as_str());
        if capital && !short {
            out.push(text[start..=i].trim());
            start = i + 2;
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// A person's name, not "The Chair" or "Members": a title, or two words at least.
fn is_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("");
    crate::model::names::is_title(first) || words.next().is_some()
}

/// The interest itself: after `interest ... as`, else what follows the verb, to the end
/// of its first sentence and without a clause about leaving the room.
fn interest(rest: &str) -> String {
    let rest = rest.trim();
    let from = BECAUSE.find(rest).map_or(0, |m| m.end());
    let mut text = rest[from..].trim_start();
    text = text.strip_prefix("that ").unwrap_or(text);
    let sentence = match text.find(". ") {
        Some(end) => &text[..end],
        None => text,
    };
    let sentence = LEAVING.replace(sentence, "");
    let sentence = sentence.trim().trim_end_matches(['.', ',', ';']);
    let mut chars = sentence.chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => rest.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> DeclarationOut {
        let items = ["1", "A1", "B1"];
        let known = |i: &str| {
            items
                .iter()
                .find(|k| k.eq_ignore_ascii_case(i))
                .map(|k| k.to_string())
        };
        let mut all = read(text, |n| (n == 44).then(|| "B1".to_string()), known);
        assert_eq!(all.len(), 1, "{text}: {all:?}");
        match all.remove(0).0 {
            Read::Declared(d) => d,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn reads_who_what_item_kind_and_leaving() {
        let d = one(
            "Cllr T Iley declared an other registrable interest in Item A1 as he sits on the board of a rural transport charity, and left the room while it was discussed.",
        );
        assert_eq!(d.name, "Cllr T Iley");
        assert_eq!(d.item.as_deref(), Some("A1"));
        assert_eq!(d.kind, Some("other-registrable"));
        assert!(d.withdrew);
        assert_eq!(
            d.interest,
            "He sits on the board of a rural transport charity."
        );
        let d = one("Mrs Quarry said that she volunteers with a victims' charity in Eastmere.");
        assert_eq!(
            (d.name.as_str(), d.item, d.kind),
            ("Mrs Quarry", None, None)
        );
        assert_eq!(
            d.interest,
            "She volunteers with a victims' charity in Eastmere."
        );
        assert!(!d.withdrew);
        let d = one(
            "A disclosable pecuniary interest was declared by Mr P Dunmore in minute 44: his wife works in the complaints unit. He withdrew for the item.",
        );
        assert_eq!(d.name, "Mr P Dunmore");
        assert_eq!(d.item.as_deref(), Some("B1"));
        assert_eq!(d.kind, Some("disclosable-pecuniary"));
        assert!(d.withdrew);
    }

    #[test]
    fn none_declared_is_no_entry_and_a_stray_item_is_left_out() {
        let nothing = |_: u64| None;
        let unknown = |_: &str| None;
        for none in [
            "None were declared.",
            "There were no declarations of interest.",
            "No interests were declared.",
        ] {
            assert_eq!(read(none, nothing, unknown), [(Read::None, None)]);
        }
        let found = read(
            "Cllr K Brereton declared an interest in item Z9.",
            nothing,
            unknown,
        );
        assert!(matches!(
            found[..],
            [(Read::Declared(DeclarationOut { item: None, .. }), Some(ref z))] if z == "Z9"
        ));
        assert_eq!(
            read("The Chair reminded members to declare.", nothing, unknown),
            [(Read::Unread, None)]
        );
    }

    #[test]
    fn a_paragraph_may_hold_several_declarations_and_what_follows_each() {
        let text = "Mr Meade declared that he was chair of a town charity. Cllr P. Feacey declared that he chairs a volunteer centre. He left the room for item B1.";
        let found = read(text, |_| None, |i| (i == "B1").then(|| "B1".to_string()));
        let names: Vec<(String, bool, Option<String>)> = found
            .into_iter()
            .map(|(r, _)| match r {
                Read::Declared(d) => (d.name, d.withdrew, d.item),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            names,
            [
                ("Mr Meade".to_string(), false, None),
                ("Cllr P. Feacey".to_string(), true, Some("B1".to_string()))
            ]
        );
    }

    #[test]
    fn headings_of_the_minute() {
        assert!(is_heading(
            "Declarations of Interests by Members in Items on the Agenda"
        ));
        assert!(is_heading("Disclosures of interest"));
        assert!(!is_heading("Complaints handling"));
    }
}
