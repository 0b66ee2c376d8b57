//! `panelpress import PACK`: a whole agenda pack (tests/fixtures/import/pack.txt, a
//! fictional pack written for these tests in the layout real packs use) becomes its
//! meeting, one paper per agenda item, and the meeting its minutes record. Expected
//! values are read from the source text, and the built pages are compared with it.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, attrs, front_matter, paragraph_numbers, texts};
use panelpress::clerk::import::{self, Imported, NoteKind};
use serde_yaml::Value;

fn pack_path() -> PathBuf {
    common::project_root().join("tests/fixtures/import/pack.txt")
}

fn source() -> String {
    std::fs::read_to_string(pack_path()).unwrap()
}

/// The source's lines as numbered in a report (form feeds do not start lines).
fn source_lines() -> Vec<String> {
    source()
        .split('\n')
        .map(|l| l.replace('\u{c}', ""))
        .collect()
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

fn import_pack(f: &Fixture) -> Vec<Imported> {
    import::import_files(f.root(), &[pack_path()], None, None)
        .unwrap_or_else(|e| panic!("import the pack: {e}"))
}

/// The papers written: not meetings' files, nor people's.
fn paper_reports(reports: &[Imported]) -> Vec<&Imported> {
    reports
        .iter()
        .filter(|r| !r.written.ends_with("_meeting.md") && !is_person(r))
        .collect()
}

fn is_person(r: &Imported) -> bool {
    r.written
        .parent()
        .is_some_and(|dir| dir.ends_with("people"))
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text `{key}` in {v:?}"))
}

/// The paper whose `item` is `item`.
fn paper<'r>(reports: &'r [Imported], item: &str) -> &'r Imported {
    paper_reports(reports)
        .into_iter()
        .find(|r| front_matter(&r.written).get("item").and_then(Value::as_str) == Some(item))
        .unwrap_or_else(|| panic!("no paper has item {item}"))
}

fn page_of(f: &Fixture, written: &Path) -> scraper::Html {
    let rel = written.strip_prefix(f.root().join("content")).unwrap();
    f.page(&format!(
        "papers/{}/index.html",
        rel.with_extension("").display()
    ))
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
    let title =
        |item: &str| str_of(&front_matter(&paper(&reports, item).written), "title").to_string();
    assert_eq!(
        title("B1"),
        "Custody suite and detention standards - update"
    );
    // A subject in capitals is put in sentence case.
    assert_eq!(title("B2"), "Victim services commissioning");
    let b3 = front_matter(&paper(&reports, "B3").written);
    assert_eq!(
        str_of(&b3, "title"),
        "Protecting farms and villages: progress so far"
    );
    assert_eq!(str_of(&b3, "from"), "Chief Constable");
    assert_eq!(str_of(&b3, "to"), "Testshire Police and Crime Panel");
    assert_eq!(title("C1"), "Replacement of mobile data terminals");
    // Notes of two meetings under one item take the agenda's title, which names both.
    let f1 = source_agenda()
        .into_iter()
        .find(|(i, _, _)| i == "F1")
        .unwrap()
        .1;
    assert_eq!(title("F1"), f1);
    for r in paper_reports(&reports) {
        let t = str_of(&front_matter(&r.written), "title").to_string();
        assert!(
            !t.starts_with("Dear")
                && t != "Testshire Police and Crime Panel"
                && t != "Meeting Notes",
            "{t}"
        );
    }
    common::build_drafts(&f);
    let b3 = page_of(&f, &paper(&reports, "B3").written);
    assert!(
        !texts(&b3, "main")
            .join(" ")
            .contains("Report of the Chief Constable")
    );
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
        (
            "B1",
            "Subject: Custody",
            Some("By: Director of Commissioning"),
        ),
        (
            "B2",
            "By: Director of Commissioning",
            Some("Report of the Chief Constable"),
        ),
        (
            "B3",
            "Report of the Chief Constable",
            Some("Record of Decision"),
        ),
        ("E1", "4 June 2025", Some("By: Panel Clerk")),
        ("E2", "By: Panel Clerk", Some("Meeting Notes")),
        ("F1", "Meeting Notes", None),
    ];
    for (item, from, to) in cases {
        let expected = source_numbers(from, to);
        assert!(!expected.is_empty());
        let page = page_of(&f, &paper(&reports, item).written);
        assert_eq!(
            paragraph_numbers(&page),
            expected,
            "paragraph numbers of {item}"
        );
    }
}

#[test]
fn minutes_give_their_outcomes_to_the_meeting_they_record() {
    let f = site();
    let reports = import_pack(&f);
    let minutes = front_matter(&paper(&reports, "3").written);
    assert_eq!(str_of(&minutes, "kind"), "minutes");
    assert_eq!(str_of(&minutes, "minutes_of"), "2025-03-11");
    let decisions = minutes.get("decisions").unwrap().as_sequence().unwrap();
    let items: Vec<&str> = decisions.iter().map(|d| str_of(d, "item")).collect();
    // Each RESOLVED is for the "(Item X)" of the minute it sits under.
    let text = source();
    let resolved_items: Vec<String> = text
        .split("\nRESOLVED")
        .skip(1)
        .map(|after| {
            let before = &text[..text.find(after).unwrap()];
            let at = before.rfind("(Item ").unwrap();
            before[at + 6..].split(')').next().unwrap().to_string()
        })
        .collect();
    assert_eq!(items, resolved_items);
    // The recorded meeting is created with who came and its items.
    let recorded = f.root().join("content/2025/2025-03-11/_meeting.md");
    let fm = front_matter(&recorded);
    assert_eq!(str_of(&fm, "status"), "held");
    let list = |key: &str| -> Vec<String> {
        fm["attendance"][key]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        list("present"),
        [
            "Cllr A Kerrigan (Chair)",
            "Mr P Dunmore (Vice-Chair)",
            "Cllr T Iley",
            "Cllr J Oakes (Substitute for Cllr R Mabey)",
            "Mrs F Quarry"
        ]
    );
    assert_eq!(list("apologies"), ["Cllr R Mabey"]);
    assert_eq!(list("in_attendance").len(), 3);
    assert!(list("in_attendance").contains(&"Mr H Lund (Chief Executive, OPCC)".to_string()));
    let agenda: Vec<&str> = fm["agenda"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|e| str_of(e, "item"))
        .collect();
    assert_eq!(agenda, ["1", "2", "A1", "B1"]);
    undraft(&f);
    f.build_ok();
    let page = f.page("meetings/2025-03-11/index.html");
    let a1 = texts(&page, "li#item-a1 .decision-text").join(" ");
    assert!(a1.contains("notes the mid-year review"), "{a1}");
    assert_eq!(
        texts(&page, "li#item-b1 .decision-text"),
        ["To note the report."]
    );
    // Declarations of interest stay in the minutes' text; the run-on heading is split.
    let built = page_of(&f, &paper(&reports, "3").written);
    assert!(
        texts(&built, "main")
            .join(" ")
            .contains("volunteers with a victims")
    );
    let headings = texts(&built, "main h2");
    assert!(
        headings.contains(&"41. Apologies and Substitutes".to_string()),
        "{headings:?}"
    );
}

#[test]
fn the_record_of_decision_is_in_the_register_with_its_reference_and_maker() {
    let f = site();
    let reports = import_pack(&f);
    let fm = front_matter(&paper(&reports, "C1").written);
    assert_eq!(str_of(&fm, "kind"), "decision");
    let d = &fm["decisions"][0];
    let reference = source()
        .lines()
        .find_map(|l| l.split("REFERENCE: ").nth(1))
        .unwrap()
        .to_string();
    assert_eq!(str_of(d, "ref"), reference);
    assert_eq!(
        str_of(d, "by"),
        "Police and Crime Commissioner for Testshire"
    );
    assert!(str_of(d, "text").starts_with("To buy 900 replacement"));
    // The date of the last signature, not the officers' earlier one.
    assert_eq!(str_of(&fm, "date"), "2025-05-23");
    undraft(&f);
    f.build_ok();
    let register = f.page("decisions/index.html");
    let text = texts(&register, "main").join(" ");
    assert!(text.contains(&reference), "{text}");
    assert!(
        text.contains("Police and Crime Commissioner for Testshire"),
        "{text}"
    );
}

#[test]
fn recommendations_stop_at_signatures_contacts_and_background_documents() {
    let f = site();
    let reports = import_pack(&f);
    let recs = |item: &str| -> Vec<String> {
        front_matter(&paper(&reports, item).written)["recommendations"]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(recs("B1"), ["The Panel is asked to note this report."]);
    assert_eq!(
        recs("B2"),
        [
            "The Panel is asked to comment on the proposed contracts.",
            "The Panel is asked to note that a decision will be taken in September."
        ]
    );
    for item in ["3", "B1", "B2", "B3", "C1", "E1", "E2", "F1"] {
        let fm = front_matter(&paper(&reports, item).written);
        for r in fm
            .get("recommendations")
            .and_then(Value::as_sequence)
            .into_iter()
            .flatten()
        {
            let r = r.as_str().unwrap();
            for banned in [
                "Jo Nolan",
                "Contact",
                "Background",
                "Meeting Notes",
                "By:",
                "Subject:",
            ] {
                assert!(!r.contains(banned), "{item}: {r}");
            }
        }
    }
}

#[test]
fn sub_steps_sub_lists_page_breaks_and_captions_keep_their_structure() {
    let f = site();
    let reports = import_pack(&f);
    common::build_drafts(&f);
    let page = page_of(&f, &paper(&reports, "B1").written);
    // Sub-steps numbered 1-3 inside paragraph 6 stay inside it.
    let steps = texts(&page, "li#p6 > ul > li");
    assert_eq!(steps.len(), 3, "{steps:?}");
    assert!(steps[0].starts_with("1. a nurse"));
    // "iii)" keeps its own list of a) and b).
    let romans = texts(&page, "li#p4 > ul > li");
    assert_eq!(romans.len(), 3, "{romans:?}");
    let nested = texts(&page, "li#p4 > ul > li:nth-child(3) > ul > li");
    assert_eq!(nested.len(), 2, "{nested:?}");
    assert!(nested[1].starts_with("b) waits for an interpreter"));
    // A paragraph broken by a page (and its "Page N of M" footer) is one paragraph.
    let p7 = texts(&page, "li#p7").join(" ");
    assert!(
        p7.contains("the Northby Eastmere and Westvale areas"),
        "{p7}"
    );
    assert!(!texts(&page, "main").join(" ").contains("Page 6 of 8"));
    // The line above the table is its caption; its first row is its header.
    assert_eq!(
        texts(&page, "table caption"),
        ["Table 1: Detainees held, by quarter"]
    );
    assert_eq!(
        texts(&page, "table thead th"),
        ["Quarter", "Detainees", "Health checks"]
    );
    let minutes = page_of(&f, &paper(&reports, "3").written);
    let joined = texts(&minutes, "main").join(" ");
    assert!(
        joined.contains("the closure of the Eastmere bridge for repairs"),
        "{joined}"
    );
}

#[test]
fn dates_are_the_papers_own_and_a_stand_in_is_flagged() {
    let f = site();
    let reports = import_pack(&f);
    let date =
        |item: &str| str_of(&front_matter(&paper(&reports, item).written), "date").to_string();
    assert_eq!(date("B1"), "2025-06-02");
    // "To: ..., 17 June 2025" dates the paper.
    assert_eq!(date("B2"), "2025-06-17");
    assert_eq!(date("B3"), "2025-06-05");
    // A work programme's listed meetings are not its date: undated, it takes the
    // meeting's, and says so at its first line.
    assert_eq!(date("E2"), "2025-06-17");
    let e2 = paper(&reports, "E2");
    let flagged = e2
        .notes
        .iter()
        .find(|n| n.kind == NoteKind::Guess && n.text.contains("no date found"))
        .unwrap_or_else(|| panic!("{:?}", e2.notes));
    assert!(
        (line_of("By: Panel Clerk")..line_of("Meeting Notes")).contains(&flagged.line.unwrap())
    );
    // Notes of two meetings are dated by the first's `Date:`.
    assert_eq!(date("F1"), "2025-03-12");
    assert!(
        paper(&reports, "B1")
            .notes
            .iter()
            .all(|n| !n.text.contains("no date found"))
    );
}

#[test]
fn every_guess_is_reported_at_its_source_line() {
    let f = site();
    let reports = import_pack(&f);
    let has = |item: &str, line: usize, what: &str| {
        let r = paper(&reports, item);
        assert!(
            r.notes.iter().any(|n| n.kind == NoteKind::Guess
                && n.line == Some(line)
                && n.text.contains(what)),
            "{item}:{line} {what}: {:?}",
            r.notes
        );
    };
    has("B1", line_of("is shown below:"), "announces a figure");
    has("C1", line_of("EXECUTIVE SUMMARY"), "inferred from capitals");
    // B3's title matches no agenda title: its item comes from its place, and says so.
    let b3 = paper(&reports, "B3");
    let guess = b3
        .notes
        .iter()
        .find(|n| n.text.contains("taken by its place"))
        .expect("the match by order is flagged");
    let line = guess.line.unwrap();
    assert!(
        (line_of("Subject: VICTIM")..line_of("Record of Decision")).contains(&line),
        "{line}"
    );
    // Papers matched by title are not flagged.
    assert!(
        paper(&reports, "B1")
            .notes
            .iter()
            .all(|n| !n.text.contains("taken by its place"))
    );
}

#[test]
fn the_imported_pack_checks_without_errors_once_drafts_are_published() {
    let f = site();
    let run = f.run(&["import", pack_path().to_str().unwrap()]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(
        stdout.contains(&format!("pack.txt:{}: guess", line_of("is shown below:"))),
        "{stdout}"
    );
    undraft(&f);
    let check = f.run(&["check"]);
    let err = String::from_utf8_lossy(&check.stderr);
    assert!(check.status.success(), "{err}");
    assert!(!err.contains("error"), "{err}");
}

#[test]
fn importing_a_pack_twice_gives_the_same_bytes() {
    let a = site();
    let b = site();
    import_pack(&a);
    import_pack(&b);
    let content = |f: &Fixture| common::snapshot(&f.root().join("content"));
    assert_eq!(content(&a), content(&b));
}

#[test]
fn a_meeting_that_exists_is_never_rewritten_and_its_to_do_list_is_reported() {
    let f = site();
    let kept = "---\ndate: 2025-06-17\nvenue: Kept by hand\n---\nKept.\n";
    f.write("content/2025/2025-06-17/_meeting.md", kept);
    let reports = import_pack(&f);
    let path = f.root().join("content/2025/2025-06-17/_meeting.md");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), kept);
    let left = reports
        .iter()
        .find(|r| r.unchanged && r.written == path)
        .expect("the meeting's to-do list");
    let todo: Vec<&str> = left.notes.iter().map(|n| n.text.as_str()).collect();
    assert!(
        todo.iter()
            .any(|t| t.contains("item D1: Questions to the Commissioner")),
        "{todo:?}"
    );
    assert!(todo.iter().any(|t| t.contains("10.30 am")), "{todo:?}");
    undraft(&f);
    f.build_ok();
}

#[test]
fn a_named_meeting_takes_the_pack_and_a_pack_with_no_date_needs_one() {
    let f = site();
    let reports = import::import_files(f.root(), &[pack_path()], Some("2025-06-18"), None).unwrap();
    for r in paper_reports(&reports) {
        assert_eq!(str_of(&front_matter(&r.written), "meeting"), "2025-06-18");
    }
    let undated = source().replace(", 17th June, 2025,", "");
    let path = f.root().join("undated.txt");
    std::fs::write(&path, undated).unwrap();
    let before = common::snapshot(&f.root().join("content"));
    let err = import::import_files(f.root(), &[path], None, None).expect_err("no meeting date");
    assert!(err.to_string().contains("--meeting"), "{err}");
    assert_eq!(common::snapshot(&f.root().join("content")), before);
}

#[test]
fn script_and_data_links_never_survive_an_import() {
    let f = site();
    f.write(
        "content/2025/2025-03-11/_meeting.md",
        "---\ndate: 2025-03-11\n---\n",
    );
    let text = "Subject: Links\n\n1. See [the plan](javascript:alert(1)) and [a picture](DATA:text/html;base64,PHNjcmlwdD4=).\n";
    let path = f.root().join("links.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import(f.root(), &[path], "2025-03-11", None).unwrap();
    let written = std::fs::read_to_string(&reports[0].written).unwrap();
    assert!(
        !written.to_lowercase().contains("javascript:")
            && !written.to_lowercase().contains("data:"),
        "{written}"
    );
    assert_eq!(
        reports[0]
            .notes
            .iter()
            .filter(|n| n.text.contains("script or data"))
            .count(),
        2
    );
    common::build_drafts(&f);
    let page = page_of(&f, &reports[0].written);
    assert!(
        texts(&page, "li#p1")
            .join(" ")
            .contains("See the plan and a picture.")
    );
}

#[test]
fn a_paper_with_no_title_block_starts_on_the_page_the_agenda_gives_it() {
    let f = site();
    let reports = import_pack(&f);
    // The annual report has only a title line: the "Page 18" footer ends the record of
    // decision, and the agenda puts the annual report on pages 19 to 20.
    let e1 = front_matter(&paper(&reports, "E1").written);
    assert_eq!(
        str_of(&e1, "title"),
        "Annual Report of the Testshire Police and Crime Panel 2024/25"
    );
    assert_eq!(str_of(&e1, "date"), "2025-06-04");
    let c1 = std::fs::read_to_string(&paper(&reports, "C1").written).unwrap();
    assert!(!c1.contains("confirmation hearing"), "{c1}");
}

#[test]
fn notes_of_several_meetings_of_a_board_are_one_paper() {
    let f = site();
    let reports = import_pack(&f);
    let notes: Vec<&Imported> = paper_reports(&reports)
        .into_iter()
        .filter(|r| front_matter(&r.written).get("kind").and_then(Value::as_str) == Some("notes"))
        .collect();
    assert_eq!(notes.len(), 1);
    common::build_drafts(&f);
    let page = page_of(&f, &notes[0].written);
    let text = texts(&page, "main").join(" ");
    assert!(
        text.contains("live by the autumn") && text.contains("repeat callers"),
        "{text}"
    );
}

/// Imports `text` as a pack into a new site; the items of its papers, in order.
fn items_of(text: &str) -> (Fixture, Vec<Imported>, Vec<String>) {
    let f = site();
    let path = f.root().join("pack.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import_files(f.root(), &[path], None, None)
        .unwrap_or_else(|e| panic!("import: {e}"));
    let items = paper_reports(&reports)
        .iter()
        .map(|r| str_of(&front_matter(&r.written), "item").to_string())
        .collect();
    (f, reports, items)
}

#[test]
fn a_pack_saved_without_page_breaks_or_with_spaced_members_splits_the_same() {
    let (_site, _, expected) = items_of(&source());
    // Text copied out of a viewer loses its form feeds; some tools space out rows.
    let flat = source()
        .replace('\u{c}', "\n")
        .replace("Northby Borough Council\n", "Northby Borough Council\n\n");
    let (f, reports, items) = items_of(&flat);
    assert_eq!(items, expected);
    let fm = front_matter(&paper(&reports, "C1").written);
    assert_eq!(str_of(&fm, "date"), "2025-05-23");
    undraft(&f);
    f.build_ok();
    let page = f.page("meetings/2025-06-17/index.html");
    assert_eq!(texts(&page, "main table tbody tr").len(), 4);
}

#[test]
fn a_recommendation_on_its_label_line_is_a_recommendation() {
    let text = source().replace(
        "Recommendation:\n\n3. The Panel is asked to agree the annual report.",
        "Recommendation: The Panel is asked to agree the annual report.",
    );
    let (_site, reports, _) = items_of(&text);
    let fm = front_matter(&paper(&reports, "E1").written);
    let recs = fm["recommendations"].as_sequence().unwrap();
    assert_eq!(recs.len(), 1);
    assert_eq!(
        recs[0].as_str(),
        Some("The Panel is asked to agree the annual report.")
    );
}

#[test]
fn a_paper_the_meetings_agenda_already_lists_is_pointed_at_its_entry() {
    let f = site();
    import_pack(&f);
    let text = "To: Testshire Police and Crime Panel\n\nSubject: Questions to the Commissioner\n\nDate: 10 June 2025\n\n1. Three questions were sent in by members.\n";
    let path = f.root().join("questions.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import(f.root(), &[path], "2025-06-17", None).unwrap();
    let paper = &reports[0];
    assert!(front_matter(&paper.written).get("item").is_none());
    assert!(
        paper.notes.iter().any(|n| n.kind == NoteKind::Missing
            && n.text.contains("item D1")
            && n.text.contains("_meeting.md")),
        "{:?}",
        paper.notes
    );
    common::build_drafts(&f);
}

/// The membership list's rows as the source gives them: (line, name cell, other cell).
fn source_members() -> Vec<(usize, String, String)> {
    let lines = source_lines();
    let start = lines.iter().position(|l| l == "Membership").unwrap() + 2;
    lines[start..]
        .iter()
        .take_while(|l| !l.is_empty())
        .enumerate()
        .map(|(k, l)| {
            let (name, seat) = l.split_once('\t').unwrap();
            (start + k + 1, name.to_string(), seat.to_string())
        })
        .collect()
}

fn person_reports(reports: &[Imported]) -> Vec<&Imported> {
    reports.iter().filter(|r| is_person(r)).collect()
}

/// The site's model once everything imported is published, as pages and data see it.
fn model_of(f: &Fixture) -> panelpress::internals::Site {
    use panelpress::internals::{Config, Limits, build_model, load_content};
    undraft(f);
    let config = Config::load(f.root()).unwrap();
    let loaded = load_content(f.root(), Limits::of(&config));
    build_model(config, loaded).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn the_membership_list_becomes_people_files_with_their_seats() {
    let f = site();
    let reports = import_pack(&f);
    let people = person_reports(&reports);
    let members = source_members();
    assert_eq!(people.len(), members.len());
    // The first people of a site: the clerk is told what changes.
    let told: Vec<&Imported> = people
        .iter()
        .copied()
        .filter(|r| r.notes.iter().any(|n| n.text.contains("no people/ folder")))
        .collect();
    assert_eq!(told.len(), 1);
    for (line, cell, seat) in &members {
        // The name as listed, titles kept, without its "(Chair)".
        let name = cell.split(" (").next().unwrap();
        let report = people
            .iter()
            .find(|r| str_of(&front_matter(&r.written), "name") == name)
            .unwrap_or_else(|| panic!("no people file for {name}"));
        assert!(!report.unchanged);
        let fm = front_matter(&report.written);
        let seats = fm["memberships"].as_sequence().unwrap();
        assert_eq!(seats.len(), 1);
        let membership = &seats[0];
        assert_eq!(str_of(membership, "body"), "Testshire Panel");
        // The list is as at the pack's meeting: the seat is not known to start earlier.
        assert_eq!(str_of(membership, "from"), "2025-06-17");
        let council = seat.split(" – ").last().unwrap();
        match membership.get("on_behalf_of").and_then(Value::as_str) {
            Some(given) => assert_eq!(given, council),
            None => assert!(!council.contains("Council"), "{seat}"),
        }
        let role = membership.get("role").and_then(Value::as_str);
        let expected = if cell.contains("(Chair)") {
            Some("Chair")
        } else if seat.contains("Vice-Chair") {
            Some("Vice-Chair")
        } else if seat.starts_with("Co-opted") {
            Some("Co-opted member")
        } else {
            None
        };
        assert_eq!(role, expected, "{cell}");
        assert!(
            report
                .notes
                .iter()
                .any(|n| n.kind == NoteKind::Guess && n.line == Some(*line)),
            "{name}: {:?}",
            report.notes
        );
    }
    // The people are the site's: the minutes' initials find them.
    let site = model_of(&f);
    assert!(site.has_people);
    let recorded = site
        .meetings
        .iter()
        .find(|m| m.date.to_string() == "2025-03-11")
        .unwrap();
    let chair = &recorded.attendance.present[0];
    assert_eq!(chair.name.written, "Cllr A Kerrigan");
    assert_eq!(site.people[chair.name.person.unwrap()].id, "asha-kerrigan");
}

#[test]
fn people_already_in_the_site_are_never_written_over() {
    let f = site();
    let kept = "---\nname: Asha Kerrigan\n---\nWritten by hand.\n";
    f.write("people/asha-kerrigan.md", kept);
    // Known by another id, and written with initials: the same person.
    f.write("people/cllr-iley.md", "---\nname: Cllr T Iley\n---\n");
    let reports = import_pack(&f);
    assert_eq!(
        std::fs::read_to_string(f.root().join("people/asha-kerrigan.md")).unwrap(),
        kept
    );
    assert!(!f.root().join("people/tom-iley.md").exists());
    let members = source_members();
    for (file, listed) in [("asha-kerrigan.md", 0), ("cllr-iley.md", 1)] {
        let report = reports
            .iter()
            .find(|r| r.unchanged && r.written.ends_with(file))
            .unwrap_or_else(|| panic!("{file} is reported"));
        assert_eq!(report.notes[0].line, Some(members[listed].0));
        assert!(report.notes[0].text.contains("left as it is"));
    }
    // A second import finds everyone it wrote the first time.
    let again = import::import_files(
        f.root(),
        &[pack_path()],
        None,
        Some(&f.root().join("again")),
    )
    .unwrap();
    assert!(person_reports(&again).iter().all(|r| r.unchanged));
    assert_eq!(person_reports(&again).len(), members.len());
}

#[test]
fn the_declarations_minute_is_recorded_in_the_minutes_front_matter() {
    let f = site();
    let reports = import_pack(&f);
    let minutes = paper(&reports, "3");
    let fm = front_matter(&minutes.written);
    let declared = fm["declarations"].as_sequence().expect("declarations");
    let text = source();
    let minute = &text[text.find("42. Declarations").unwrap()..text.find("43. ").unwrap()];
    let paragraphs: Vec<&str> = minute
        .split("\n\n")
        .skip(1)
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert_eq!(declared.len(), paragraphs.len());
    for (d, p) in declared.iter().zip(&paragraphs) {
        // The name as the minutes write it, and the interest in their words.
        assert!(p.contains(str_of(d, "name")), "{p}");
        let interest = str_of(d, "interest").trim_end_matches('.');
        assert!(
            p.to_lowercase().contains(&interest.to_lowercase()),
            "{interest} / {p}"
        );
        let left = p.contains("left the room") || p.contains("withdrew");
        assert_eq!(
            d.get("withdrew").and_then(Value::as_bool).unwrap_or(false),
            left
        );
        let line = line_of(p.lines().next().unwrap());
        assert!(
            minutes.notes.iter().any(|n| n.kind == NoteKind::Guess
                && n.line == Some(line)
                && n.text.contains("declaration of interest")),
            "{line}: {:?}",
            minutes.notes
        );
    }
    // Named items as the recorded meeting numbers them: `Item A1`, and minute 44's item.
    let items: Vec<Option<&str>> = declared
        .iter()
        .map(|d| d.get("item").and_then(Value::as_str))
        .collect();
    assert_eq!(items, [None, Some("A1"), Some("B1")]);
    let kinds: Vec<Option<&str>> = declared
        .iter()
        .map(|d| d.get("kind").and_then(Value::as_str))
        .collect();
    assert_eq!(
        kinds,
        [
            None,
            Some("other-registrable"),
            Some("disclosable-pecuniary")
        ]
    );
    // The minutes keep their text; the meeting they record has the declarations.
    let site = model_of(&f);
    let recorded = site
        .meetings
        .iter()
        .find(|m| m.date.to_string() == "2025-03-11")
        .unwrap();
    assert_eq!(recorded.declarations.len(), 3);
    let iley = &recorded.declarations[1];
    assert_eq!(site.people[iley.name.person.unwrap()].id, "tom-iley");
    assert!(iley.withdrew && iley.item_anchor.is_some());
}

#[test]
fn no_declarations_give_no_entries() {
    let text = "MINUTES of a meeting of the Testshire Police and Crime Panel held in the Wren Room on Tuesday, 11 March 2025.\n\nPRESENT: Cllr A Kerrigan (Chair) and Cllr T Iley\n\n2. Declarations of interest\n(Item 2)\n\nThere were no declarations of interest.\n\n3. Complaints handling\n(Item B1)\n\nCllr T Iley said the figures were encouraging.\n\nRESOLVED to note the report.\n";
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 11).unwrap();
    let ctx = import::Context {
        meeting: "2025-06-17".into(),
        meeting_date: date,
        meetings: vec![(date, "2025-03-11".into())],
        source_name: "minutes".into(),
    };
    let converted = import::convert(text, &ctx);
    assert_eq!(converted.front.kind, Some("minutes"));
    assert!(converted.front.declarations.is_empty());
    assert!(!converted.file_text().contains("declarations:"));
    assert!(
        converted
            .notes
            .iter()
            .all(|n| !n.text.contains("declaration"))
    );
    assert_eq!(converted.front.decisions.len(), 1);
}
