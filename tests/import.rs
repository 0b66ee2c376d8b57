//! `panelpress import`: plain-text papers in the UK committee layout (fixtures in
//! tests/fixtures/import/, written for these tests) become papers that build, keep their
//! paragraph numbers, and say what could not be mapped.

mod common;

use std::path::{Path, PathBuf};

use common::{Fixture, attrs, build_drafts, front_matter, paragraph_numbers, sel, texts};
use panelpress::clerk::import::{self, Note, NoteKind};
use serde_yaml::Value;

const MEETING: &str = "2025-03-11";

fn fixture_path(name: &str) -> PathBuf {
    common::project_root()
        .join("tests/fixtures/import")
        .join(name)
}

fn source(name: &str) -> String {
    std::fs::read_to_string(fixture_path(name)).unwrap()
}

/// A site with the meeting papers are imported into and the one the minutes record.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2025/2025-01-14/_meeting.md",
        "---\ndate: 2025-01-14\nstatus: held\n---\n",
    );
    f.write(
        "content/2025/2025-01-14/a1-precept.md",
        "---\ntitle: Precept proposal\ndate: 2025-01-06\nitem: A1\n---\nText.\n",
    );
    f.write(
        &format!("content/2025/{MEETING}/_meeting.md"),
        &format!("---\ndate: {MEETING}\n---\n"),
    );
    f
}

/// Imports one fixture into the meeting's folder; returns the written file and notes.
fn import_one(f: &Fixture, name: &str) -> (PathBuf, Vec<Note>) {
    let reports = import::import(f.root(), &[fixture_path(name)], MEETING, None)
        .unwrap_or_else(|e| panic!("import {name}: {e}"));
    let r = reports.into_iter().next().unwrap();
    (r.written, r.notes)
}

fn field<'v>(v: &'v Value, key: &str) -> &'v Value {
    v.get(key)
        .unwrap_or_else(|| panic!("front matter has no `{key}`: {v:?}"))
}

fn str_of<'v>(v: &'v Value, key: &str) -> &'v str {
    field(v, key)
        .as_str()
        .unwrap_or_else(|| panic!("`{key}` is not text"))
}

/// The built page of an imported paper.
fn paper_page(f: &Fixture, written: &Path) -> scraper::Html {
    let rel = written.strip_prefix(f.root().join("content")).unwrap();
    let id = rel.with_extension("");
    f.page(&format!("papers/{}/index.html", id.display()))
}

/// Paragraph numbers as the source prints them: lines starting `N. `, except minute
/// headings (`21. Title` with `(Item X)` on that line or the next).
fn source_numbers(text: &str) -> Vec<u64> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
        if digits.is_empty() || !t[digits.len()..].starts_with(". ") {
            continue;
        }
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        let minute = line.contains("(Item") || next.is_some_and(|n| n.trim().starts_with("(Item"));
        if !minute {
            out.push(digits.parse().unwrap());
        }
    }
    out
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|l| l.contains(needle)).unwrap() + 1
}

#[test]
fn every_fixture_builds_with_the_sources_paragraph_numbers() {
    for name in [
        "report-header.txt",
        "report-of.txt",
        "minutes.txt",
        "record-of-decision.txt",
    ] {
        let f = site();
        let (written, _) = import_one(&f, name);
        build_drafts(&f);
        let expected = source_numbers(&source(name));
        assert_eq!(
            paragraph_numbers(&paper_page(&f, &written)),
            expected,
            "paragraph numbers of {name}"
        );
    }
}

#[test]
fn numbering_continues_across_headings_and_jumps_where_the_source_does() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    build_drafts(&f);
    let page = paper_page(&f, &written);
    let ids = attrs(&page, "ol.paras > li", "id");
    // Every paragraph keeps its plain anchor: no list restarted under a later heading.
    let plain: Vec<String> = source_numbers(&source("report-header.txt"))
        .iter()
        .map(|n| format!("p{n}"))
        .collect();
    assert_eq!(ids, plain);
    assert!(!ids.contains(&"p8".to_string()));
}

#[test]
fn a_to_subject_date_header_becomes_front_matter() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    let fm = front_matter(&written);
    assert_eq!(
        str_of(&fm, "title"),
        "Rural Crime Partnership: Progress Report"
    );
    assert_eq!(str_of(&fm, "to"), "Testshire Police and Crime Panel");
    assert_eq!(str_of(&fm, "date"), "2025-03-03");
    assert_eq!(str_of(&fm, "item"), "B2");
    assert_eq!(str_of(&fm, "meeting"), MEETING);
    assert!(fm.get("kind").is_none(), "a report is the default kind");
}

#[test]
fn a_recommendations_section_fills_recommendations_and_keeps_its_paragraphs() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    let fm = front_matter(&written);
    let recs: Vec<&str> = field(&fm, "recommendations")
        .as_sequence()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let src = source("report-header.txt");
    let expected: Vec<&str> = src
        .lines()
        .skip_while(|l| *l != "Recommendations:")
        .filter_map(|l| l.split_once(". ").map(|(_, t)| t))
        .collect();
    assert_eq!(recs, expected);
    build_drafts(&f);
    let page = paper_page(&f, &written);
    assert_eq!(texts(&page, "section.recommendations li").len(), 2);
    assert!(page.select(&sel("li#p12")).next().is_some());
}

#[test]
fn headings_ending_in_a_colon_or_in_capitals_become_headings() {
    let f = site();
    let (a, _) = import_one(&f, "report-header.txt");
    let (b, _) = import_one(&f, "report-of.txt");
    build_drafts(&f);
    let lower = |v: Vec<String>| -> Vec<String> { v.iter().map(|s| s.to_lowercase()).collect() };
    let headings = lower(texts(&paper_page(&f, &a), "main h2"));
    for h in ["purpose of the report", "background", "progress so far"] {
        assert!(headings.contains(&h.to_string()), "{h} in {headings:?}");
    }
    let headings = lower(texts(&paper_page(&f, &b), "main h2"));
    for h in [
        "introduction",
        "what the cadets did",
        "next steps",
        "recommendation",
    ] {
        assert!(headings.contains(&h.to_string()), "{h} in {headings:?}");
    }
}

#[test]
fn roman_lettered_and_bulleted_sub_items_stay_under_their_paragraph() {
    let f = site();
    let (a, _) = import_one(&f, "report-header.txt");
    let (b, _) = import_one(&f, "report-of.txt");
    build_drafts(&f);
    let page = paper_page(&f, &a);
    let roman = texts(&page, "li#p4 > ul > li");
    assert_eq!(roman.len(), 3, "{roman:?}");
    assert!(roman[0].starts_with("i. To cut thefts"));
    assert!(roman[2].starts_with("iii. To share"));
    let lettered = texts(&page, "li#p7 > ul > li");
    assert_eq!(lettered.len(), 3);
    assert!(lettered[1].starts_with("(b) a new text alert"));
    let bullets = texts(&paper_page(&f, &b), "li#p4 > ul > li");
    assert_eq!(bullets.len(), 3);
    assert!(bullets[1].starts_with("a new unit in Eastmere"));
}

#[test]
fn a_line_broken_by_a_page_or_a_wrap_joins_its_paragraph() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    build_drafts(&f);
    let page = paper_page(&f, &written);
    let p9 = texts(&page, "li#p9").join(" ");
    assert!(p9.ends_with("as in the printed report."), "{p9}");
    let p10 = texts(&page, "li#p10").join(" ");
    assert!(p10.contains("rota for the winter months"), "{p10}");
}

#[test]
fn tab_separated_lines_become_a_table() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    build_drafts(&f);
    let page = paper_page(&f, &written);
    assert_eq!(
        texts(&page, "table thead th"),
        ["District", "Thefts 2023-24", "Thefts 2024-25"]
    );
    let rows = texts(&page, "table tbody tr");
    assert_eq!(rows, ["Northdale 41 29", "Eastmere 35 30"]);
}

#[test]
fn links_are_kept_bare_addresses_linked_and_empty_links_reported() {
    let f = site();
    let (written, notes) = import_one(&f, "report-header.txt");
    build_drafts(&f);
    let page = paper_page(&f, &written);
    let hrefs = attrs(&page, "ol.paras a:not(.pnum)", "href");
    assert_eq!(
        hrefs,
        [
            "https://commissioner.example.org/rural",
            "https://www.example.org/rural-board"
        ]
    );
    assert!(
        texts(&page, "li#p10")
            .join(" ")
            .contains("set out in the force plan.")
    );
    assert!(notes.iter().any(|n| n.kind == NoteKind::NotMapped
        && n.text.contains("force plan")
        && n.line == Some(line_of(&source("report-header.txt"), "[force plan](#)"))));
}

#[test]
fn the_unmapped_report_lists_exactly_what_was_left_out() {
    let f = site();
    let (_, notes) = import_one(&f, "report-header.txt");
    let src = source("report-header.txt");
    let expected = vec![
        (
            Some(line_of(&src, "intentionally left blank")),
            NoteKind::Dropped,
        ),
        (Some(line_of(&src, "[force plan](#)")), NoteKind::NotMapped),
    ];
    let mut got: Vec<(Option<usize>, NoteKind)> = notes.iter().map(|n| (n.line, n.kind)).collect();
    got.sort_by_key(|(l, _)| *l);
    assert_eq!(got, expected, "{notes:?}");
}

#[test]
fn a_report_of_title_block_gives_from_to_title_and_date() {
    let f = site();
    let (written, notes) = import_one(&f, "report-of.txt");
    let fm = front_matter(&written);
    assert_eq!(str_of(&fm, "from"), "Police and Crime Commissioner");
    assert_eq!(str_of(&fm, "to"), "Testshire Police and Crime Panel");
    assert_eq!(str_of(&fm, "title"), "Volunteer cadets: annual summary");
    assert_eq!(str_of(&fm, "date"), "2025-02-12");
    assert_eq!(
        field(&fm, "recommendations").as_sequence().unwrap().len(),
        1
    );
    let src = source("report-of.txt");
    let address = notes
        .iter()
        .find(|n| n.kind == NoteKind::Dropped && n.text.starts_with("address block"))
        .expect("the address is reported as dropped");
    assert_eq!(address.line, Some(line_of(&src, "Office of the Police")));
    assert!(
        notes
            .iter()
            .any(|n| n.kind == NoteKind::Missing && n.text.contains("item"))
    );
}

#[test]
fn addresses_and_blank_page_notices_appear_nowhere_in_the_output() {
    let f = site();
    import_one(&f, "report-of.txt");
    import_one(&f, "report-header.txt");
    import_one(&f, "record-of-decision.txt");
    build_drafts(&f);
    for (path, bytes) in common::snapshot(&f.output()) {
        let text = String::from_utf8_lossy(&bytes);
        for banned in [
            "NB4 7QT",
            "Riverside House",
            "intentionally left blank",
            "office@pcc",
        ] {
            assert!(!text.contains(banned), "{banned} in {path}");
        }
        // The source's form fields must not become controls; the site's own search box
        // is the only input a page may have.
        if path.ends_with(".html") {
            let html = scraper::Html::parse_document(&text);
            let inputs = html
                .select(&common::sel(".prose input, .prose form"))
                .count();
            assert_eq!(inputs, 0, "form controls in the text of {path}");
        }
    }
}

#[test]
fn minutes_map_items_and_resolutions_to_decisions() {
    let f = site();
    let (written, _) = import_one(&f, "minutes.txt");
    let fm = front_matter(&written);
    assert_eq!(str_of(&fm, "kind"), "minutes");
    assert_eq!(str_of(&fm, "minutes_of"), "2025-01-14");
    assert_eq!(
        str_of(&fm, "title"),
        "Minutes of the meeting held on 14 January 2025"
    );
    let decisions = field(&fm, "decisions").as_sequence().unwrap();
    let items: Vec<&str> = decisions.iter().map(|d| str_of(d, "item")).collect();
    assert_eq!(items, ["4", "A1", "B1"]);
    assert!(decisions.iter().all(|d| str_of(d, "date") == "2025-01-14"));
    assert!(str_of(&decisions[1], "text").starts_with("That the Panel supports"));
    assert!(str_of(&decisions[2], "text").starts_with("To note the update"));
    build_drafts(&f);
    // The decision on item A1 is the outcome of the precept paper at the recorded meeting.
    let precept = f.page("papers/2025/2025-01-14/a1-precept/index.html");
    let outcome = texts(&precept, "section.outcome").join(" ");
    assert!(
        outcome.contains("supports the proposed precept"),
        "{outcome}"
    );
    let minutes = paper_page(&f, &written);
    let headings = texts(&minutes, "main h2");
    assert!(
        headings
            .iter()
            .any(|h| h == "22. Proposed precept for 2025/26"),
        "{headings:?}"
    );
    assert!(texts(&minutes, "p strong").iter().any(|t| t == "Present:"));
}

#[test]
fn a_record_of_decision_gives_its_reference_to_the_decision() {
    let f = site();
    let (written, notes) = import_one(&f, "record-of-decision.txt");
    let fm = front_matter(&written);
    assert_eq!(str_of(&fm, "kind"), "decision");
    assert_eq!(
        str_of(&fm, "title"),
        "Replacement of the Fleet Telematics Contract"
    );
    assert_eq!(str_of(&fm, "from"), "Head of Finance");
    assert_eq!(str_of(&fm, "date"), "2025-04-04", "the last date signed");
    let decisions = field(&fm, "decisions").as_sequence().unwrap();
    assert_eq!(decisions.len(), 1);
    assert_eq!(str_of(&decisions[0], "ref"), "TPCC/D/007/25");
    assert!(str_of(&decisions[0], "text").starts_with("To approve a three-year"));
    let recs = field(&fm, "recommendations").as_sequence().unwrap();
    assert!(
        recs[0]
            .as_str()
            .unwrap()
            .starts_with("That the Commissioner approves")
    );
    let src = source("record-of-decision.txt");
    let form = notes
        .iter()
        .find(|n| n.text.starts_with("form controls"))
        .unwrap();
    assert_eq!(
        (form.line, form.kind),
        (Some(line_of(&src, "<input")), NoteKind::NotMapped)
    );
    assert!(
        notes
            .iter()
            .any(|n| n.kind == NoteKind::Dropped && n.text.starts_with("contact details"))
    );
    build_drafts(&f);
    let register = f.page("decisions/index.html");
    assert!(texts(&register, "main").join(" ").contains("TPCC/D/007/25"));
}

#[test]
fn import_never_overwrites_and_gives_a_second_paper_of_one_title_its_own_name() {
    let f = site();
    let (written, _) = import_one(&f, "report-of.txt");
    let kept = "---\ntitle: Edited by hand\ndate: 2025-02-12\nmeeting: 2025-03-11\n---\nKept.\n";
    std::fs::write(&written, kept).unwrap();
    let (second, _) = import_one(&f, "report-of.txt");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), kept);
    let stem = written.file_stem().unwrap().to_string_lossy().to_string();
    assert_eq!(second, written.with_file_name(format!("{stem}-2.md")));
    assert_eq!(
        str_of(&front_matter(&second), "title"),
        "Volunteer cadets: annual summary"
    );
    // Two files of one title in one import are told apart the same way.
    let reports = import::import(
        f.root(),
        &[fixture_path("report-of.txt"), fixture_path("report-of.txt")],
        MEETING,
        None,
    )
    .unwrap();
    let names: Vec<String> = reports
        .iter()
        .map(|r| r.written.file_name().unwrap().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, [format!("{stem}-3.md"), format!("{stem}-4.md")]);
    build_drafts(&f);
}

#[test]
fn a_meeting_date_the_site_lacks_is_created_and_an_unknown_id_is_refused() {
    let f = site();
    let reports = import::import(
        f.root(),
        &[fixture_path("report-of.txt")],
        "2025-04-22",
        None,
    )
    .expect("a date names a meeting that exists by then");
    let meeting = f.root().join("content/2025/2025-04-22/_meeting.md");
    assert!(reports.iter().any(|r| r.written == meeting));
    assert_eq!(str_of(&front_matter(&meeting), "date"), "2025-04-22");
    let paper = reports.iter().find(|r| r.written != meeting).unwrap();
    assert_eq!(paper.written.parent().unwrap(), meeting.parent().unwrap());
    build_drafts(&f);
    f.page("meetings/2025-04-22/index.html");

    let before = common::snapshot(&f.root().join("content"));
    let err = import::import(
        f.root(),
        &[fixture_path("minutes.txt")],
        "budget-special",
        None,
    )
    .expect_err("an id that is no date names no meeting");
    let shown = err.to_string();
    assert!(
        shown.contains("`budget-special`") && shown.contains("panelpress new meeting"),
        "{shown}"
    );
    assert_eq!(common::snapshot(&f.root().join("content")), before);
}

#[test]
fn the_command_writes_to_out_and_prints_what_it_could_not_map() {
    let f = site();
    let out = f.root().join("content/imported");
    let src = fixture_path("report-header.txt");
    let run = f.run(&[
        "import",
        src.to_str().unwrap(),
        "--meeting",
        MEETING,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let stdout = String::from_utf8_lossy(&run.stdout);
    let line = line_of(&source("report-header.txt"), "[force plan](#)");
    assert!(
        stdout.contains(&format!(
            "report-header.txt:{line}: not mapped: link with no address: force plan"
        )),
        "{stdout}"
    );
    assert!(
        out.join("b2-rural-crime-partnership-progress-report.md")
            .is_file()
    );
    build_drafts(&f);
}

#[test]
fn a_paper_marked_not_for_publication_is_imported_exempt_and_stays_out_of_the_output() {
    let f = site();
    let text = "To: Testshire Police and Crime Panel\n\nSubject: Estates disposal\n\nDate: 1 March 2025\n\nNOT FOR PUBLICATION by virtue of paragraph 3 of Schedule 12A\n\nSummary:\n\n1. The sale price agreed was MARKER-PRICE-4471.\n";
    let path = f.root().join("disposal.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import(f.root(), &[path], MEETING, None).unwrap();
    let fm = front_matter(&reports[0].written);
    assert!(str_of(&fm, "exempt").contains("paragraph 3 of Schedule 12A"));
    assert!(reports[0].notes.iter().any(
        |n| n.kind == NoteKind::Missing && n.line == Some(line_of(text, "NOT FOR PUBLICATION"))
    ));
    build_drafts(&f);
    for (file, bytes) in common::snapshot(&f.output()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("MARKER-PRICE"),
            "in {file}"
        );
    }
}

#[test]
fn a_ticked_confidential_box_withholds_a_record_of_decision() {
    let ctx = import::Context {
        meeting: MEETING.into(),
        meeting_date: chrono::NaiveDate::from_ymd_opt(2025, 3, 11).unwrap(),
        meetings: Vec::new(),
        source_name: "rod".into(),
    };
    let ticked = "Record of Decision\n\nTITLE: Site purchase\n\nOPEN <input type=\"checkbox\"/> CONFIDENTIAL <input checked=\"\" type=\"checkbox\"/>\n\nDECISION\n\nTo buy the site.\n";
    let open = ticked.replace(
        "<input type=\"checkbox\"/> CONFIDENTIAL <input checked=\"\"",
        "<input checked=\"\" type=\"checkbox\"/> CONFIDENTIAL <input",
    );
    assert!(import::convert(ticked, &ctx).front.exempt.is_some());
    assert_eq!(import::convert(&open, &ctx).front.exempt, None);
}

#[test]
fn odd_input_still_gives_a_paper_that_builds() {
    let odd = [
        "",
        "\t\t\n\t",
        "1.",
        "1. \n   - \n2. x",
        "# \n## \n",
        "To:\nSubject:\nDate: 99 Foo 2024\n",
        "RESOLVED\n(Item )\nRESOLVED that\n",
        "---\ntitle: x\n---\n",
        "<input checked> CONFIDENTIAL\n<script>alert(1)</script>",
        "10. ten\n9. nine\n9. nine again\n",
        "| a | b |\n|---|---|\n",
        "Sujet : Café «crème»\n\n1. Ünïcödé ✓ \u{200b}\n",
        "Report of\n\nReport of the\n",
        "MINUTES of a meeting held on Someday.\n22. x\n(Item B1)\nRESOLVED to note.\n",
        "a\tb\tc\n\td\n\n===\n- - -\n> quote\n```\ncode\n",
        "REFERENCE: X/1\nDECISION\n\nRecommendations:\n- \n",
        "Subject: Open comment\n\n<!-- never closed\n\n1. After it. TAIL-MARK\n",
        "\u{feff}Subject: Windows\r\n\r\n1. One.\r\n\u{c}2. Two, after a page break.\r\n",
    ];
    let f = site();
    for (n, text) in odd.iter().enumerate() {
        let path = f.root().join(format!("odd-{n}.txt"));
        std::fs::write(&path, text).unwrap();
        let out = f.root().join(format!("content/2025/{MEETING}/odd-{n}"));
        import::import(f.root(), &[path], MEETING, Some(&out))
            .unwrap_or_else(|e| panic!("odd input {n} {text:?}: {e}"));
    }
    build_drafts(&f);
    for (file, bytes) in common::snapshot(&f.output()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("<script>alert"),
            "in {file}"
        );
        assert!(
            !String::from_utf8_lossy(&bytes).contains("<!-- never"),
            "in {file}"
        );
    }
    let page = f.page(&format!(
        "papers/2025/{MEETING}/odd-16/open-comment/index.html"
    ));
    assert!(texts(&page, "li#p1").join(" ").contains("TAIL-MARK"));
    let page = f.page(&format!("papers/2025/{MEETING}/odd-17/windows/index.html"));
    assert_eq!(paragraph_numbers(&page), [1, 2]);
}

#[test]
fn an_item_number_the_meeting_already_has_is_left_out_and_reported() {
    let f = site();
    f.write(
        &format!("content/2025/{MEETING}/b2-other.md"),
        "---\ntitle: Other\ndate: 2025-03-01\nitem: b 2\n---\nText.\n",
    );
    let (written, notes) = import_one(&f, "report-header.txt");
    assert!(front_matter(&written).get("item").is_none());
    let note = notes
        .iter()
        .find(|n| n.kind == NoteKind::Missing && n.text.contains("already taken"))
        .expect("the clash is reported");
    assert!(note.text.contains("b2-other.md"), "{}", note.text);
    build_drafts(&f);
}

#[test]
fn wrapped_sub_items_bold_minute_headings_and_markdown_titles_are_read() {
    let f = site();
    let text = "# **Briefing: Street Lighting**\n\nAgenda Item: 7\n\n1. The county lights these roads:\n - a. the ring road, which was\n   resurfaced last year;\n - b. the old market square.\n2. Lights go off at midnight.\n\n**23. Any other business**\n(Item 9)\n\n1. None was raised.\n";
    let path = f.root().join("briefing.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import(f.root(), &[path], MEETING, None).unwrap();
    let written = &reports[0].written;
    let fm = front_matter(written);
    assert_eq!(str_of(&fm, "title"), "Briefing: Street Lighting");
    assert_eq!(str_of(&fm, "item"), "7");
    build_drafts(&f);
    let page = paper_page(&f, written);
    assert_eq!(
        texts(&page, "li#p1 > ul > li"),
        [
            "a. the ring road, which was resurfaced last year;",
            "b. the old market square."
        ]
    );
    assert!(
        texts(&page, "main h2")
            .iter()
            .any(|h| h == "23. Any other business")
    );
    assert_eq!(paragraph_numbers(&page), [1, 2, 1]);
}

#[test]
fn an_imported_paper_is_a_draft_until_the_clerk_publishes_it() {
    let f = site();
    let (written, _) = import_one(&f, "report-header.txt");
    assert_eq!(
        front_matter(&written).get("draft"),
        Some(&Value::Bool(true))
    );
    f.build_ok();
    let rel = written.strip_prefix(f.root().join("content")).unwrap();
    let page = f.output().join("papers").join(rel.with_extension(""));
    assert!(!page.exists());
    let text = std::fs::read_to_string(&written).unwrap();
    std::fs::write(&written, text.replace("draft: true\n", "")).unwrap();
    f.build_ok();
    assert!(page.join("index.html").is_file());
}

#[test]
fn minutes_inside_an_agenda_pack_are_pointed_out() {
    let f = site();
    let text = "AGENDA\n\nTESTSHIRE POLICE AND CRIME PANEL\n\nDear Panel Member\n\nA meeting will be held on Tuesday, 11th March, 2025.\n\nMembership\n\nCllr A Ashdown\tNorthby Borough Council\nCllr B Brereton\tEastmere District Council\n\nThis page is intentionally left blank\n\nMINUTES of a meeting of the Testshire Police and Crime Panel held at Shire Hall on Tuesday, 14th January, 2025.\n\n21. Any other business\n(Item 9)\n\nRESOLVED to note the update.\n";
    let path = f.root().join("pack.txt");
    std::fs::write(&path, text).unwrap();
    let reports = import::import(f.root(), &[path], MEETING, None).unwrap();
    let line = line_of(text, "MINUTES of");
    assert!(
        reports[0]
            .notes
            .iter()
            .any(|n| n.line == Some(line) && n.text.contains("import them as a file of their own")),
        "{:?}",
        reports[0].notes
    );
    build_drafts(&f);
}
