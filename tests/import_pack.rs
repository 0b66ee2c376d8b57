//! `panelpress import PACK`: a whole agenda pack (tests/fixtures/import/pack.txt, a
//! fictional pack written for these tests in the layout real packs use) becomes its
//! meeting, one paper per agenda item, and the meeting its minutes record. Expected
//! values are read from the source text, and the built pages are compared with it.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, attrs, front_matter, texts};
use panelpress::import::{self, NoteKind, Report};
use serde_yaml::Value;

fn pack_path() -> PathBuf {
    common::project_root().join("tests/fixtures/import/pack.txt")
}

fn source() -> String {
    std::fs::read_to_string(pack_path()).unwrap()
}

/// The source's lines as numbered in a report (form feeds do not start lines).
fn source_lines() -> Vec<String> {
    source().split('\n').map(|l| l.replace('\u{c}', "")).collect()
}

fn line_of(needle: &str) -> usize {
    source_lines()
        .iter()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("{needle} not in the pack"))
        + 1
}

/// An empty site: the pack names its meeting, and the meeting its minutes record.
fn site() -> Fixture {
    Fixture::new()
}

fn import_pack(f: &Fixture) -> Vec<Report> {
    import::import_files(f.root(), &[pack_path()], None, None)
        .unwrap_or_else(|e| panic!("import the pack: {e}"))
}

fn paper_reports(reports: &[Report]) -> Vec<&Report> {
    reports
        .iter()
        .filter(|r| !r.written.ends_with("_meeting.md"))
        .collect()
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text `{key}` in {v:?}"))
}

/// The paper whose `item` is `item`.
fn paper<'r>(reports: &'r [Report], item: &str) -> &'r Report {
    paper_reports(reports)
        .into_iter()
        .find(|r| front_matter(&r.written).get("item").and_then(Value::as_str) == Some(item))
        .unwrap_or_else(|| panic!("no paper has item {item}"))
}

fn page_of(f: &Fixture, written: &Path) -> scraper::Html {
    let rel = written.strip_prefix(f.root().join("content")).unwrap();
    f.page(&format!("papers/{}/index.html", rel.with_extension("").display()))
}

/// Publishes everything imported, as the clerk does once it is checked.
fn undraft(f: &Fixture) {
    for (rel, bytes) in common::snapshot(&f.root().join("content")) {
        let text = String::from_utf8(bytes).unwrap();
        let path = f.root().join("content").join(rel);
        std::fs::write(path, text.replace("draft: true\n", "")).unwrap();
    }
}

/// The front sheet's agenda as the source lists it: (item, title, section), where a
/// section is the heading above (`B - Reports ...`, or the unrestricted items').
fn source_agenda() -> Vec<(String, String, String)> {
    let text = source();
    let front = &text[..text.find("EXEMPT ITEMS").unwrap()];
    let mut section = String::new();
    let mut out = Vec::new();
    for line in front.lines() {
        if let Some(entry) = line.strip_prefix("- ") {
            let (item, rest) = entry.split_once(' ').unwrap();
            let title = rest.split(" (Pages").next().unwrap();
            out.push((item.to_string(), title.to_string(), section.clone()));
        } else if line == "UNRESTRICTED ITEMS" {
            section = "Unrestricted items".to_string();
        } else if line.get(1..4) == Some(" - ") {
            section = line.to_string();
        }
    }
    out
}

fn source_sections() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, _, s) in source_agenda() {
        if out.last() != Some(&s) {
            out.push(s);
        }
    }
    out
}

/// The top-level paragraph numbers of the source between the first line holding
/// `from` and the next holding `to` (or the end): unindented `N. ` lines that are not
/// minute headings (those have `(Item X)` on the next line).
fn source_numbers(from: &str, to: Option<&str>) -> Vec<u64> {
    let lines = source_lines();
    let start = lines.iter().position(|l| l.contains(from)).unwrap();
    let end = to.map_or(lines.len(), |to| {
        start + lines[start..].iter().position(|l| l.contains(to)).unwrap()
    });
    let mut out = Vec::new();
    for (k, line) in lines[start..end].iter().enumerate() {
        let digits: String = line.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !line[digits.len()..].starts_with(". ") {
            continue;
        }
        let next = lines[start + k + 1..].iter().find(|l| !l.trim().is_empty());
        if !next.is_some_and(|n| n.starts_with("(Item")) {
            out.push(digits.parse().unwrap());
        }
    }
    out
}

fn page_numbers(page: &scraper::Html) -> Vec<u64> {
    attrs(page, "ol.paras > li", "value")
        .iter()
        .map(|v| v.parse().unwrap())
        .collect()
}

#[test]
fn a_pack_becomes_one_paper_per_agenda_item_with_a_paper() {
    let f = site();
    let reports = import_pack(&f);
    let items: Vec<String> = paper_reports(&reports)
        .iter()
        .map(|r| str_of(&front_matter(&r.written), "item").to_string())
        .collect();
    // Every agenda entry with pages in the pack has its paper, in the pack's order.
    let paged: Vec<String> = source()
        .lines()
        .filter(|l| l.starts_with("- ") && l.contains("(Pages"))
        .map(|l| l[2..].split(' ').next().unwrap().to_string())
        .collect();
    assert_eq!(items, paged);
    for r in paper_reports(&reports) {
        let fm = front_matter(&r.written);
        assert_eq!(str_of(&fm, "meeting"), "2025-06-17");
        let (_, _, section) = source_agenda()
            .into_iter()
            .find(|(i, _, _)| i == str_of(&fm, "item"))
            .unwrap();
        assert_eq!(str_of(&fm, "section"), section, "{}", r.written.display());
    }
}

#[test]
fn titles_come_from_subject_and_title_lines_never_the_committee_or_salutation() {
    let f = site();
    let reports = import_pack(&f);
    let title = |item: &str| str_of(&front_matter(&paper(&reports, item).written), "title").to_string();
    assert_eq!(title("B1"), "Custody suite and detention standards - update");
    // A subject in capitals is put in sentence case.
    assert_eq!(title("B2"), "Victim services commissioning");
    let b3 = front_matter(&paper(&reports, "B3").written);
    assert_eq!(str_of(&b3, "title"), "Protecting farms and villages: progress so far");
    assert_eq!(str_of(&b3, "from"), "Chief Constable");
    assert_eq!(str_of(&b3, "to"), "Testshire Police and Crime Panel");
    assert_eq!(title("C1"), "Replacement of mobile data terminals");
    assert_eq!(title("F1"), "Performance and Delivery Board: meeting notes");
    for r in paper_reports(&reports) {
        let t = str_of(&front_matter(&r.written), "title").to_string();
        assert!(!t.starts_with("Dear") && t != "Testshire Police and Crime Panel" && t != "Meeting Notes", "{t}");
    }
    common::build_drafts(&f);
    let b3 = page_of(&f, &paper(&reports, "B3").written);
    assert!(!texts(&b3, "main").join(" ").contains("Report of the Chief Constable"));
}

#[test]
fn the_front_sheet_becomes_the_meeting_with_its_agenda_order_and_sections() {
    let f = site();
    import_pack(&f);
    let meeting = f.root().join("content/2025/2025-06-17/_meeting.md");
    let fm = front_matter(&meeting);
    assert_eq!(str_of(&fm, "date"), "2025-06-17");
    assert_eq!(str_of(&fm, "time"), "10.30 am");
    assert_eq!(str_of(&fm, "venue"), "Wren Room, Shire Hall, Northby");
    undraft(&f);
    f.build_ok();
    let page = f.page("meetings/2025-06-17/index.html");
    let shown: Vec<String> = texts(&page, "li.agenda-item .item-no");
    let listed: Vec<String> = source_agenda().into_iter().map(|(i, _, _)| i).collect();
    assert_eq!(shown, listed);
    assert_eq!(texts(&page, "h3.agenda-section"), source_sections());
    // Items with no paper keep their agenda title; the others link to their paper.
    let titles = texts(&page, "li#item-d1 .item-title");
    assert_eq!(titles, ["Questions to the Commissioner"]);
    assert_eq!(attrs(&page, "li#item-b2 a.item-title", "href").len(), 1);
}

#[test]
fn the_membership_is_a_table_without_an_invented_header() {
    let f = site();
    import_pack(&f);
    undraft(&f);
    f.build_ok();
    let page = f.page("meetings/2025-06-17/index.html");
    // The lines under "Membership", up to the blank line after them.
    let text = source();
    let members: Vec<String> = text[text.find("Membership\n\n").unwrap()..]
        .lines()
        .skip(2)
        .take_while(|l| !l.is_empty())
        .map(|l| l.replace('\t', " "))
        .collect();
    assert_eq!(members.len(), 4);
    assert_eq!(texts(&page, "main table tbody tr"), members);
    assert!(texts(&page, "main table thead").is_empty());
    assert!(texts(&page, "main table th").is_empty());
}

#[test]
fn the_built_papers_have_the_sources_paragraph_numbers() {
    let f = site();
    let reports = import_pack(&f);
    common::build_drafts(&f);
    let cases = [
        ("3", "MINUTES of a meeting", Some("Subject: Custody")),
        ("B1", "Subject: Custody", Some("By: Director of Commissioning")),
        ("B2", "By: Director of Commissioning", Some("Report of the Chief Constable")),
        ("B3", "Report of the Chief Constable", Some("Record of Decision")),
        ("E1", "Subject: Annual Report", Some("By: Panel Clerk")),
        ("E2", "By: Panel Clerk", Some("Meeting Notes")),
        ("F1", "Meeting Notes", None),
    ];
    for (item, from, to) in cases {
        let expected = source_numbers(from, to);
        assert!(!expected.is_empty());
        let page = page_of(&f, &paper(&reports, item).written);
        assert_eq!(page_numbers(&page), expected, "paragraph numbers of {item}");
    }
}
