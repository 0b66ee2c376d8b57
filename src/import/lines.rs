//! What one line of a plain-text committee paper is: the patterns of the common UK layout.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("import patterns are valid")
}

/// `To: ...`, `Subject: ...`: a header field, with its name in lower case.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(to|subject|date|from|by|title|originator|reference|classification|security classification|agenda item|item)\s*:\s*(.*?)\s*$",
    )
});
static NUMBERED: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*(\d{1,4})\.\s+(\S.*?)\s*$"));
static ITEM_REF: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(.*?)\s*\(\s*item\s+([0-9A-Za-z.()]+?)\s*\)\s*$"));
/// A sub-item: a bullet, or a roman numeral or letter label, or both.
static SUB_LABELLED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^\s*(?:[-•*–·▪]\s*)?(\(?(?:[ivx]{1,5}|[IVX]{1,5}|[a-zA-Z])[.)])\s+(\S.*?)\s*$")
});
static BULLET: LazyLock<Regex> = LazyLock::new(|| re(r"^\s*[-•*–·▪]\s+(\S.*?)\s*$"));
static RESOLVED: LazyLock<Regex> = LazyLock::new(|| re(r"^RESOLVED\b[\s:,–-]*(.*?)\s*$"));
static MINUTES: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^minutes\s+of\s+(?:a|the)\s+meeting\b.*?\bon\s+(.+?)\.?\s*$"));
static REPORT_OF: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^report\s+of\s+(.+?)\s*$"));
static MD_HEADING: LazyLock<Regex> = LazyLock::new(|| re(r"^#{1,6}\s+(.*?)\s*#*\s*$"));
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^([A-Z][A-Za-z ]{1,30}|[A-Z][A-Z ]{1,30}):\s+(\S.*?)\s*$"));
static POSTCODE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$"));
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:office\s+)?(?:tel|telephone|phone|email|e-mail|fax|web|website)\b.*|www\.\S+|\S+@\S+\.\S+)$",
    )
});
static HTML_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"</?[a-zA-Z][^<>]*>"));
static EMPTY_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"\[([^\]]+)\]\(\s*#?\s*\)"));
static BARE_URL: LazyLock<Regex> =
    LazyLock::new(|| re(r"(^|\s)((?:https?://|www\.)[^\s<>()\[\]]*[^\s<>()\[\].,;:!?'])"));
static ORDINAL: LazyLock<Regex> = LazyLock::new(|| re(r"(\d)(?:st|nd|rd|th)\b"));
static WEEKDAY: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"));

static NOT_FOR_PUBLICATION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bnot\s+for\s+publication\b|\bexempt\s+(?:information|report|item)\b|\bschedule\s+12a\b",
    )
});
static CONFIDENTIAL_TICKED: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)\bconfidential\s*<input\b[^>]*\bchecked\b"));

/// The reason a line gives for withholding the paper, if it marks it exempt: "NOT FOR
/// PUBLICATION ... Schedule 12A", or a ticked "CONFIDENTIAL" box.
pub fn exempt_marker(line: &str) -> Option<String> {
    if CONFIDENTIAL_TICKED.is_match(line) {
        return Some("Marked confidential".to_string());
    }
    if line.contains("<input") || !NOT_FOR_PUBLICATION.is_match(line) {
        return None;
    }
    Some(line.trim().trim_end_matches('.').replace("**", ""))
}

pub fn field(line: &str) -> Option<(String, String)> {
    FIELD
        .captures(line)
        .map(|c| (c[1].to_lowercase(), c[2].to_string()))
}

/// Every cell of a tab-separated header line that is a field (`ORIGINATOR: x<TAB>REFERENCE: y`).
pub fn fields_in_cells(line: &str) -> Option<Vec<(String, String)>> {
    let cells: Vec<&str> = line.split('\t').filter(|c| !c.trim().is_empty()).collect();
    if cells.len() < 2 {
        return None;
    }
    cells.iter().map(|c| field(c.trim())).collect()
}

pub fn numbered(line: &str) -> Option<(u64, String)> {
    let c = NUMBERED.captures(line)?;
    Some((c[1].parse().ok()?, c[2].to_string()))
}

/// `(Item B1)` at the end of a line: the text before it and the item.
pub fn item_ref(line: &str) -> Option<(String, String)> {
    ITEM_REF
        .captures(line)
        .map(|c| (c[1].to_string(), c[2].to_string()))
}

/// A sub-item's label as written (`I.`, `(a)`) and its text.
pub fn sub_item(line: &str) -> Option<(Option<String>, String)> {
    if let Some(c) = SUB_LABELLED.captures(line) {
        let bulleted = BULLET.is_match(line);
        let label = &c[1];
        // A bare "A. " without a bullet starts many sentences; letters need a bullet or
        // brackets, roman numerals must be lower case or bracketed.
        let plain_letter = label.len() == 2 && !bulleted && !label.starts_with('(');
        if !plain_letter
            || label
                .chars()
                .next()
                .is_some_and(|ch| ch.is_ascii_lowercase())
        {
            return Some((Some(label.to_string()), c[2].to_string()));
        }
    }
    BULLET.captures(line).map(|c| (None, c[1].to_string()))
}

pub fn resolved(line: &str) -> Option<String> {
    RESOLVED.captures(line).map(|c| c[1].to_string())
}

/// The date of the meeting a "MINUTES of a meeting ... on <date>" line records.
pub fn minutes_date(line: &str) -> Option<Option<NaiveDate>> {
    MINUTES.captures(line).map(|c| parse_date(&c[1]))
}

pub fn report_of(line: &str) -> Option<String> {
    REPORT_OF.captures(line).map(|c| c[1].to_string())
}

pub fn markdown_heading(line: &str) -> Option<String> {
    MD_HEADING
        .captures(line)
        .map(|c| c[1].replace("**", "").trim().to_string())
}

/// `PRESENT: names`, `Comments: text`: a label and what follows it on the line.
pub fn label(line: &str) -> Option<(String, String)> {
    let c = LABEL.captures(line)?;
    Some((c[1].trim().to_string(), c[2].to_string()))
}

/// A heading written as a short line ending in a colon: `Background:`.
pub fn colon_heading(line: &str) -> Option<String> {
    let text = line.trim().strip_suffix(':')?.trim();
    let fits = (2..=80).contains(&text.chars().count())
        && !text.contains(':')
        && !text.ends_with('.')
        && text.chars().next().is_some_and(char::is_alphabetic);
    fits.then(|| text.to_string())
}

/// A heading written in capitals: `EXECUTIVE SUMMARY`.
pub fn capitals_heading(line: &str) -> Option<String> {
    let text = line.trim();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let fits = letters >= 3
        && text.chars().count() <= 80
        && !text.chars().any(char::is_lowercase)
        && text.chars().next().is_some_and(char::is_alphabetic);
    fits.then(|| text.trim_end_matches(':').trim().to_string())
}

/// `**112. Title**` → `112. Title`, when the bold covers the whole line.
pub fn unbold(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("**")?.strip_suffix("**")?;
    (!inner.contains("**") && !inner.trim().is_empty()).then(|| inner.trim().to_string())
}

pub fn is_blank_page(line: &str) -> bool {
    line.trim()
        .trim_end_matches('.')
        .eq_ignore_ascii_case("this page is intentionally left blank")
}

/// A line of dashes or underscores (a rule under a table row, a signature line).
pub fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '—' | '–'))
}

pub fn is_postcode(line: &str) -> bool {
    POSTCODE.is_match(line.trim())
}

pub fn is_contact(line: &str) -> bool {
    CONTACT.is_match(line.trim())
}

pub fn has_html(line: &str) -> bool {
    HTML_TAG.is_match(line)
}

pub fn strip_html(line: &str) -> String {
    HTML_TAG.replace_all(line, "").trim().to_string()
}

/// Links with no address (`[text](#)`, left by PDF export) become their text; returns
/// the texts unlinked.
pub fn unlink_empty(text: &str) -> (String, Vec<String>) {
    let found = EMPTY_LINK
        .captures_iter(text)
        .map(|c| c[1].to_string())
        .collect();
    (EMPTY_LINK.replace_all(text, "$1").into_owned(), found)
}

static ANY_LINK: LazyLock<Regex> =
    LazyLock::new(|| re(r"(!?)\[([^\]]*)\]\(\s*<?((?:[^()\s<>]|\([^()]*\))*)>?(?:\s+[^)]*)?\)"));

/// Links and images whose address a browser would run or read as data
/// (`[x](javascript:…)`, `data:`) become their text; returns the addresses dropped.
pub fn unlink_unsafe(text: &str) -> (String, Vec<String>) {
    let mut dropped = Vec::new();
    let out = ANY_LINK.replace_all(text, |c: &regex::Captures| {
        if crate::html::url_allowed(&c[3]) {
            c[0].to_string()
        } else {
            dropped.push(c[3].to_string());
            c[2].to_string()
        }
    });
    (out.into_owned(), dropped)
}

/// Bare addresses (`https://…`, `www.…`) become Markdown links.
pub fn autolink(text: &str) -> String {
    BARE_URL
        .replace_all(text, |c: &regex::Captures| {
            let url = &c[2];
            let href = if url.starts_with("www.") {
                format!("https://{url}")
            } else {
                url.to_string()
            };
            format!("{}[{url}]({href})", &c[1])
        })
        .into_owned()
}

/// Dates as UK papers write them: `27 June 2023`, `Tuesday, 16th July, 2024`, `4 Jul 2024`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('.');
    if let Some(d) = crate::load::parse_date(text) {
        return Some(d);
    }
    let text = text.replace(',', " ");
    let text = WEEKDAY.replace(text.trim(), "");
    let text = ORDINAL.replace_all(&text, "$1");
    let words: Vec<&str> = text.split_whitespace().collect();
    let [day, month, year] = words[..] else {
        return None;
    };
    let joined = format!("{day} {month} {year}");
    NaiveDate::parse_from_str(&joined, "%d %B %Y")
        .or_else(|_| NaiveDate::parse_from_str(&joined, "%d %b %Y"))
        .ok()
}

/// "EXECUTIVE SUMMARY" → "Executive summary"; text with lower case is kept.
pub fn sentence_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "NORTHSHIRE POLICE AND CRIME PANEL" → "Northshire Police and Crime Panel".
pub fn title_case(text: &str) -> String {
    if text.chars().any(char::is_lowercase) {
        return text.to_string();
    }
    const SMALL: &[&str] = &["and", "of", "the", "for", "in", "on", "to", "a", "an"];
    text.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && SMALL.contains(&lower.as_str()) {
                return lower;
            }
            let mut chars = lower.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default()
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// Names a committee rather than an organisation: it is who a report is addressed to.
pub fn names_committee(text: &str) -> bool {
    let upper = text.to_uppercase();
    ["PANEL", "COMMITTEE", "BOARD", "CABINET", "SUB-COMMITTEE"]
        .iter()
        .any(|w| upper.split_whitespace().any(|x| x == *w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_uk_dates() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 16);
        assert_eq!(parse_date("Tuesday, 16th July, 2024"), d);
        assert_eq!(parse_date("16 July 2024"), d);
        assert_eq!(parse_date("16 Jul 2024."), d);
        assert_eq!(parse_date("2024-07-16"), d);
        assert_eq!(parse_date("July 2024"), None);
    }

    #[test]
    fn tells_sub_items_from_sentences() {
        assert_eq!(
            sub_item(" - IV. To keep"),
            Some((Some("IV.".into()), "To keep".into()))
        );
        assert_eq!(
            sub_item("(b) Second"),
            Some((Some("(b)".into()), "Second".into()))
        );
        assert_eq!(
            sub_item("ii) Third"),
            Some((Some("ii)".into()), "Third".into()))
        );
        assert_eq!(sub_item("• Plain"), Some((None, "Plain".into())));
        assert_eq!(sub_item("A. N. Other attended."), None);
    }

    #[test]
    fn unlinks_addresses_that_run_script() {
        let (text, dropped) = unlink_unsafe(
            "See [the plan](JavaScript:alert(1)) and ![x](data:image/png,1) or [web](https://example.org/a_(b)).",
        );
        assert_eq!(
            text,
            "See the plan and x or [web](https://example.org/a_(b))."
        );
        assert_eq!(dropped, ["JavaScript:alert(1)", "data:image/png,1"]);
    }

    #[test]
    fn links_bare_addresses_but_not_trailing_stops() {
        assert_eq!(
            autolink("See www.example.org/a."),
            "See [www.example.org/a](https://www.example.org/a)."
        );
        assert_eq!(
            unlink_empty("the [Plan](#) says").0,
            "the Plan says".to_string()
        );
    }
}
