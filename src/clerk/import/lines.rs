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
/// "Page 7" or "Page 7 of 12" alone on a line: a page's footer, left by PDF export.
static PAGE_STAMP: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\s*page\s+(\d{1,4})(\s+of\s+\d{1,4})?\s*$"));
/// `UNRESTRICTED ITEMS**110. Declarations…**`: a heading in capitals run on to the next.
static RUN_ON: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*([A-Z][A-Z ,&'-]{2,}[A-Z])\s*(\*\*\d{1,4}\..*)$"));
/// The head of a salutation: never a title.
static SALUTATION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)^dear\s+\S"));
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
pub(super) fn exempt_marker(line: &str) -> Option<String> {
    if CONFIDENTIAL_TICKED.is_match(line) {
        return Some("Marked confidential".to_string());
    }
    if line.contains("<input") || !NOT_FOR_PUBLICATION.is_match(line) {
        return None;
    }
    Some(line.trim().trim_end_matches('.').replace("**", ""))
}

/// A line of the source, by its line number (from 1). A page break is a line of its own:
/// [`PAGE_BREAK`], then the pack's page number when a "Page 7" footer gave one, at the
/// number of the line it was found on.
pub(super) type Src = (usize, String);

pub(super) const PAGE_BREAK: &str = "\u{c}";

/// The lines of a text as the converters read them: a byte-order mark and carriage
/// returns dropped, form feeds and page footers turned into page breaks, and a heading
/// run on to the next line split from it. Line numbers stay those of the source.
pub(super) fn source_lines(text: &str) -> Vec<Src> {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let n = i + 1;
        let raw = raw.trim_end_matches('\r');
        let mut pieces = raw.split('\u{c}').peekable();
        while let Some(piece) = pieces.next() {
            push_line(&mut out, n, piece);
            if pieces.peek().is_some() {
                out.push((n, PAGE_BREAK.to_string()));
            }
        }
    }
    out
}

fn push_line(out: &mut Vec<Src>, n: usize, text: &str) {
    if let Some(c) = PAGE_STAMP.captures(text) {
        // "Page 7 of 12" numbers a paper's own pages; "Page 7" alone, the pack's.
        let pack_page = if c.get(2).is_some() { "" } else { &c[1] };
        out.push((n, format!("{PAGE_BREAK}{pack_page}")));
    } else if let Some(c) = RUN_ON.captures(text) {
        out.push((n, c[1].to_string()));
        out.push((n, c[2].to_string()));
    } else {
        out.push((n, text.to_string()));
    }
}

static TRAILING_DATE: LazyLock<Regex> = LazyLock::new(|| re(r"^(.*?)[,;–-]\s*([^,;–-]*\d{4})\s*$"));
static PIPE_RULE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*\|?(\s*:?-{2,}:?\s*\|)+\s*:?-*:?\s*$"));
static ENDS_SECTION: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:contact\b|contact officer|author|report author|background (?:documents|papers)|appendi(?:x|ces)\b|annex(?:e|es)?\b|list of appendices)",
    )
});
static CAPTION: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(?:table|figure|chart)\s*[0-9A-Z]{0,3}\s*[.:–-]\s*\S"));
static FIGURE_ANNOUNCED: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:\b(?:shown|set out|illustrated|given|provided|displayed)\s+below|\bthe (?:following|table|chart|graph|diagram|figure) below|\bfollowing (?:table|chart|graph|diagram|figure))\s*[:.]?\s*$",
    )
});
static APOLOGIES: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^apologies(?:\s+for\s+absence)?\s+(?:were|was|had been)\s+(?:received|given|submitted)\s+(?:from|by)\s+(.+?)\.?$",
    )
});
static NUMBER_CELL: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[£$€]?\s*-?[0-9][0-9,]*(?:\.[0-9]+)?\s*[%kmKM]?$"));

/// "Meeting Notes", "Notes of meeting": the title line of a board's notes.
pub(super) fn is_meeting_notes(line: &str) -> bool {
    let l = line.trim().trim_end_matches(':').to_lowercase();
    matches!(
        l.as_str(),
        "meeting notes" | "notes of meeting" | "notes of the meeting" | "notes"
    )
}

/// A committee's name in mixed case, as a title block gives it ("Local Policing and
/// Justice Committee"): it names who the paper goes to, never its title.
pub(super) fn is_committee_name(line: &str) -> bool {
    let t = line.trim();
    let last = t.split_whitespace().last().unwrap_or("").to_uppercase();
    let lower = t.to_lowercase();
    t.chars().count() <= 80
        && [
            "PANEL",
            "COMMITTEE",
            "BOARD",
            "CABINET",
            "SUB-COMMITTEE",
            "COUNCIL",
        ]
        .contains(&last.as_str())
        && ![
            "report",
            "minutes",
            "programme",
            "notes",
            "review",
            "update",
        ]
        .iter()
        .any(|w| lower.contains(w))
}

/// "Kent and Medway Police and Crime Panel, 16 July 2024": the name and the date.
pub(super) fn split_trailing_date(value: &str) -> (String, Option<NaiveDate>) {
    if let Some(c) = TRAILING_DATE.captures(value)
        && let Some(d) = parse_date(&c[2])
    {
        return (c[1].trim().to_string(), Some(d));
    }
    (value.to_string(), None)
}

/// A row of a table: tab-separated cells, or a pipe table's `| a | b |`. `Some(None)` is
/// the rule under a pipe table's header row.
pub(super) fn table_row(line: &str) -> Option<Option<Vec<String>>> {
    let t = line.trim();
    if t.starts_with('|') && t.len() > 1 {
        if PIPE_RULE.is_match(t) {
            return Some(None);
        }
        let inner = t.strip_prefix('|').unwrap_or(t);
        let inner = inner.strip_suffix('|').unwrap_or(inner);
        return Some(Some(split_pipes(inner)));
    }
    if line.contains('\t') {
        return Some(Some(
            line.split('\t').map(|c| c.trim().to_string()).collect(),
        ));
    }
    None
}

/// Cells between unescaped pipes.
fn split_pipes(inner: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut escaped = false;
    for c in inner.chars() {
        match c {
            '|' if !escaped => cells.push(String::new()),
            _ => {
                escaped = c == '\\' && !escaped;
                if !escaped {
                    cells.last_mut().expect("one cell").push(c);
                }
            }
        }
    }
    cells.iter().map(|c| c.trim().to_string()).collect()
}

/// Where recommendations and decisions end: a contact block, background documents,
/// an appendix.
pub(super) fn ends_section(text: &str) -> bool {
    ENDS_SECTION.is_match(text.trim())
}

/// A first row of names over columns with figures below is a header; a list of names
/// (a membership) has none.
pub(super) fn names_columns(rows: &[Vec<String>]) -> bool {
    let number = |c: &String| NUMBER_CELL.is_match(c.trim());
    rows.len() > 1
        && rows[0].iter().all(|c| !number(c))
        && rows[1..].iter().any(|r| r.iter().any(number))
}

pub(super) fn is_caption(text: &str) -> bool {
    text.chars().count() <= 120 && CAPTION.is_match(text.trim())
}

pub(super) fn is_work_programme(title: &str) -> bool {
    title.to_lowercase().contains("work programme")
}

pub(super) fn is_annual_report(title: &str) -> bool {
    title.to_lowercase().starts_with("annual report")
}

pub(super) fn announces_figure(text: &str) -> bool {
    FIGURE_ANNOUNCED.is_match(text.trim())
}

/// Which attendance list a minutes label fills.
pub(super) fn attendance_label(label: &str) -> Option<&'static str> {
    let l = label.trim().to_lowercase();
    match l.as_str() {
        "present" | "members present" => Some("present"),
        "in attendance" | "also present" | "officers present" | "also in attendance" => {
            Some("in_attendance")
        }
        "apologies" | "apologies for absence" => Some("apologies"),
        _ => None,
    }
}

/// "Apologies were received from Cllr A and Cllr B.": the names.
pub(super) fn apologies_sentence(text: &str) -> Option<String> {
    APOLOGIES.captures(text.trim()).map(|c| c[1].to_string())
}

/// `Mr P M Hill, OBE (Chairman), Cllr A Bee (Substitute for Cllr C Dee) and Mrs E Eff`
/// as names: split at commas and the last "and", keeping a piece that starts with no
/// honorific ("OBE") with the name before it.
pub(super) fn names(list: &str) -> Vec<String> {
    let starts_name =
        |p: &str| crate::model::names::is_title(p.split_whitespace().next().unwrap_or(""));
    let mut out: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut piece = String::new();
    let mut pieces = Vec::new();
    for c in list.trim().trim_end_matches('.').chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if c == ',' && depth == 0 {
            pieces.push(std::mem::take(&mut piece));
        } else {
            piece.push(c);
        }
    }
    pieces.push(piece);
    let honorific = pieces.iter().filter(|p| starts_name(p.trim())).count() * 2 > pieces.len();
    for p in pieces {
        for (k, part) in split_and(&p).into_iter().enumerate() {
            let part = part.trim().to_string();
            if part.is_empty() {
                continue;
            }
            let joins = k == 0 && honorific && !starts_name(&part) && !out.is_empty();
            match out.last_mut() {
                Some(last) if joins => {
                    last.push_str(", ");
                    last.push_str(&part);
                }
                _ => out.push(part),
            }
        }
    }
    out
}

/// "A and B" → [A, B], but not inside brackets ("(Kent Police and Crime Commissioner)").
fn split_and(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut from = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ' ' if depth == 0 && i >= from && text[i..].starts_with(" and ") => {
                out.push(text[from..i].to_string());
                from = i + 5;
            }
            _ => {}
        }
    }
    out.push(text[from.min(text.len())..].to_string());
    out
}

pub(super) fn is_page_break(line: &str) -> bool {
    line.starts_with(PAGE_BREAK)
}

/// The pack's number of the page a page break ends.
pub(super) fn page_number(line: &str) -> Option<u32> {
    line.strip_prefix(PAGE_BREAK)?.parse().ok()
}

pub(super) fn is_salutation(line: &str) -> bool {
    SALUTATION.is_match(line.trim())
}

pub(super) fn field(line: &str) -> Option<(String, String)> {
    FIELD
        .captures(line)
        .map(|c| (c[1].to_lowercase(), c[2].to_string()))
}

/// Every cell of a tab-separated header line that is a field (`ORIGINATOR: x<TAB>REFERENCE: y`).
pub(super) fn fields_in_cells(line: &str) -> Option<Vec<(String, String)>> {
    let cells: Vec<&str> = line.split('\t').filter(|c| !c.trim().is_empty()).collect();
    if cells.len() < 2 {
        return None;
    }
    cells.iter().map(|c| field(c.trim())).collect()
}

pub(super) fn numbered(line: &str) -> Option<(u64, String)> {
    let c = NUMBERED.captures(line)?;
    Some((c[1].parse().ok()?, c[2].to_string()))
}

/// `(Item B1)` at the end of a line: the text before it and the item.
pub(super) fn item_ref(line: &str) -> Option<(String, String)> {
    ITEM_REF
        .captures(line)
        .map(|c| (c[1].to_string(), c[2].to_string()))
}

/// A sub-item's label as written (`I.`, `(a)`) and its text.
pub(super) fn sub_item(line: &str) -> Option<(Option<String>, String)> {
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

/// The kind of label a sub-item has, which says its level: a list labelled one way
/// holds lists labelled another.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Style {
    Bullet,
    Roman,
    Letter,
    Digit,
}

/// The style of `label`; `i`, `v` and `x` are letters where they follow the letter
/// before them (`h)` then `i)`), else roman numerals.
pub(super) fn style_of(label: Option<&str>, previous: Option<char>) -> Style {
    let Some(label) = label else {
        return Style::Bullet;
    };
    let core: String = label.chars().filter(|c| c.is_alphanumeric()).collect();
    if core.chars().all(|c| c.is_ascii_digit()) {
        return Style::Digit;
    }
    let roman = core
        .chars()
        .all(|c| matches!(c.to_ascii_lowercase(), 'i' | 'v' | 'x'));
    let first = core.chars().next().map(|c| c.to_ascii_lowercase());
    let follows = match (previous, first) {
        (Some(p), Some(c)) => (p as u8).wrapping_add(1) == c as u8,
        _ => false,
    };
    if roman && !(core.len() == 1 && follows) {
        Style::Roman
    } else {
        Style::Letter
    }
}

pub(super) fn resolved(line: &str) -> Option<String> {
    RESOLVED.captures(line).map(|c| c[1].to_string())
}

/// The date of the meeting a "MINUTES of a meeting ... on <date>" line records.
pub(super) fn minutes_date(line: &str) -> Option<Option<NaiveDate>> {
    MINUTES.captures(line).map(|c| parse_date(&c[1]))
}

pub(super) fn report_of(line: &str) -> Option<String> {
    REPORT_OF.captures(line).map(|c| c[1].to_string())
}

pub(super) fn markdown_heading(line: &str) -> Option<String> {
    MD_HEADING
        .captures(line)
        .map(|c| c[1].replace("**", "").trim().to_string())
}

/// `PRESENT: names`, `Comments: text`: a label and what follows it on the line.
pub(super) fn label(line: &str) -> Option<(String, String)> {
    let c = LABEL.captures(line)?;
    Some((c[1].trim().to_string(), c[2].to_string()))
}

/// A heading written as a short line ending in a colon: `Background:`.
pub(super) fn colon_heading(line: &str) -> Option<String> {
    let text = line.trim().strip_suffix(':')?.trim();
    let fits = (2..=80).contains(&text.chars().count())
        && !text.contains(':')
        && !text.ends_with('.')
        && text.chars().next().is_some_and(char::is_uppercase)
        && sub_item(text).is_none();
    fits.then(|| text.to_string())
}

/// A heading written in capitals: `EXECUTIVE SUMMARY`.
pub(super) fn capitals_heading(line: &str) -> Option<String> {
    let text = line.trim();
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    let fits = letters >= 3
        && text.chars().count() <= 80
        && !text.chars().any(char::is_lowercase)
        && text.chars().next().is_some_and(char::is_alphabetic);
    fits.then(|| text.trim_end_matches(':').trim().to_string())
}

/// `**112. Title**` → `112. Title`, when the bold covers the whole line.
pub(super) fn unbold(line: &str) -> Option<String> {
    let inner = line.trim().strip_prefix("**")?.strip_suffix("**")?;
    (!inner.contains("**") && !inner.trim().is_empty()).then(|| inner.trim().to_string())
}

pub(super) fn is_blank_page(line: &str) -> bool {
    line.trim()
        .trim_end_matches('.')
        .eq_ignore_ascii_case("this page is intentionally left blank")
}

/// A line of dashes or underscores (a rule under a table row, a signature line).
pub(super) fn is_rule(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    t.len() >= 3 && t.chars().all(|c| matches!(c, '-' | '_' | '=' | '—' | '–'))
}

pub(super) fn is_postcode(line: &str) -> bool {
    POSTCODE.is_match(line.trim())
}

pub(super) fn is_contact(line: &str) -> bool {
    CONTACT.is_match(line.trim())
}

pub(super) fn has_html(line: &str) -> bool {
    HTML_TAG.is_match(line)
}

pub(super) fn strip_html(line: &str) -> String {
    HTML_TAG.replace_all(line, "").trim().to_string()
}

/// Links with no address (`[text](#)`, left by PDF export) become their text; returns
/// the texts unlinked.
pub(super) fn unlink_empty(text: &str) -> (String, Vec<String>) {
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
pub(super) fn unlink_unsafe(text: &str) -> (String, Vec<String>) {
    let mut dropped = Vec::new();
    let out = ANY_LINK.replace_all(text, |c: &regex::Captures| {
        if crate::base::html::url_allowed(&c[3]) {
            c[0].to_string()
        } else {
            dropped.push(c[3].to_string());
            c[2].to_string()
        }
    });
    (out.into_owned(), dropped)
}

/// Bare addresses (`https://…`, `www.…`) become Markdown links.
pub(super) fn autolink(text: &str) -> String {
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
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim().trim_end_matches('.');
    if let Some(d) = crate::base::dates::parse_date(text) {
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
pub(super) fn sentence_case(text: &str) -> String {
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
pub(super) fn title_case(text: &str) -> String {
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
pub(super) fn names_committee(text: &str) -> bool {
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

    #[test]
    fn splits_attendance_into_names() {
        assert_eq!(
            names("Mr P Hill, OBE (Chair), Cllr D Roe (Substitute for Cllr L Ede) and Mrs E Bee."),
            [
                "Mr P Hill, OBE (Chair)",
                "Cllr D Roe (Substitute for Cllr L Ede)",
                "Mrs E Bee"
            ]
        );
        assert_eq!(
            names("Mr M Scott (Police and Crime Commissioner) and Ms A Lee"),
            ["Mr M Scott (Police and Crime Commissioner)", "Ms A Lee"]
        );
        let long = "Cllr A and ".repeat(50_000);
        assert_eq!(names(&long).len(), 50_000);
    }

    #[test]
    fn reads_a_date_after_the_committee() {
        let d = NaiveDate::from_ymd_opt(2024, 7, 16);
        assert_eq!(
            split_trailing_date("Kent Police and Crime Panel, 16 July 2024"),
            ("Kent Police and Crime Panel".to_string(), d)
        );
        assert_eq!(
            split_trailing_date("Police and Crime Panel \u{2013} 16 July 2024"),
            ("Police and Crime Panel".to_string(), d)
        );
        assert_eq!(split_trailing_date("The Panel").1, None);
    }

    #[test]
    fn tells_roman_numerals_from_letters_by_what_came_before() {
        assert_eq!(style_of(Some("iii)"), None), Style::Roman);
        assert_eq!(style_of(Some("i)"), Some('h')), Style::Letter);
        assert_eq!(style_of(Some("i)"), None), Style::Roman);
        assert_eq!(style_of(Some("b)"), Some('a')), Style::Letter);
        assert_eq!(style_of(Some("2."), None), Style::Digit);
        assert_eq!(style_of(None, None), Style::Bullet);
    }
}
