//! Issue 9: fuzzing on stable Rust. Property tests feed generated front matter,
//! Markdown and plain text to load, model, render and import, and hold that each either
//! succeeds or answers with diagnostics that name a file and a line: never a panic or
//! an abort. Inputs are built from the pieces real papers and hostile ones are made of
//! (field names, brackets, quotes, control characters, long runs, raw HTML), so that
//! few cases reach deep. Case counts are set so the file runs in a few seconds.
//! (`cargo fuzz` needs a nightly toolchain, which this project does not use.)

mod common;

use common::{Fixture, meeting};
use proptest::prelude::*;
use scraper::Html;

/// `default` cases, or `PROPTEST_CASES` for a longer run.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// Pieces of YAML values, good and bad.
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("null".to_string()),
        Just("\"\"".to_string()),
        Just("true".to_string()),
        Just("no".to_string()),
        Just("2024-03-01".to_string()),
        Just("2024-02-30".to_string()),
        Just("2025-03-04 09:00".to_string()),
        Just("B1".to_string()),
        Just("[a, [b, {c: d}]]".to_string()),
        Just("{".to_string()),
        Just("[".repeat(300)),
        Just("\"\\e[2J\\a\"".to_string()),
        Just("|\n  block text\n  [[[".to_string()),
        Just("\n  - x\n  - text: y".to_string()),
        Just("&a [1]".to_string()),
        Just("*a".to_string()),
        Just("9".repeat(3_000)),
        "[ -~]{0,40}",
        "\\PC{0,20}",
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("title"),
        Just("date"),
        Just("item"),
        Just("kind"),
        Just("exempt"),
        Just("draft"),
        Just("publish_from"),
        Just("supplement"),
        Just("recommendations"),
        Just("decisions"),
        Just("topics"),
        Just("follows"),
        Just("minutes_of"),
        Just("attachments"),
        Just("meeting"),
        Just("titel"),
        Just("- item"),
        Just("  text"),
    ]
    .prop_map(str::to_string)
}

fn front_matter() -> impl Strategy<Value = String> {
    prop::collection::vec((key(), value()), 0..8).prop_map(|fields| {
        let mut out = String::from("title: Generated\ndate: 2024-03-01\nitem: B1\n");
        for (k, v) in fields {
            out += &format!("{k}: {v}\n");
        }
        out
    })
}

/// Pieces of Markdown, including what converted documents and hostile ones hold.
fn markdown() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("1. Para".to_string()),
        Just("12. Para".to_string()),
        Just("## Heading {#p1 onclick=x}".to_string()),
        Just("# P2".to_string()),
        Just("- bullet".to_string()),
        Just("| a | b |\n|---|:-:|\n| 1 | 2 |".to_string()),
        Just("```csv\na,1\n```".to_string()),
        Just("[^n]\n\n[^n]: note".to_string()),
        Just("[x](#)".to_string()),
        Just("[x](javascript:alert(1))".to_string()),
        Just("[b](b2.md#p3)".to_string()),
        Just("<script>alert(1)</script>".to_string()),
        Just("<div onclick=\"x\">".to_string()),
        Just("</div>".to_string()),
        Just("<!--".to_string()),
        Just("<img src=x onerror=y>".to_string()),
        Just("<abbr title=\"t\">T</abbr>".to_string()),
        Just(format!("1. {}", "9".repeat(20_000))),
        Just("\u{c}".to_string()),
        "[ -~\n]{0,60}",
        "\\PC{0,30}",
    ];
    prop::collection::vec(piece, 0..10).prop_map(|p| p.join("\n"))
}

/// Every problem must say where: a file, and a line for anything inside a file.
fn assert_located(errors: &panelpress::Errors) {
    for d in &errors.0 {
        assert!(!d.location.file.as_os_str().is_empty(), "no file: {d}");
        let in_content = d.location.file.starts_with("content");
        assert!(!in_content || d.location.line.is_some(), "no line: {d}");
    }
}

fn site_with(paper: &str) -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write("content/m/b1.md", paper);
    f
}

/// No script reaches the page: no `<script>` of the text's own, no `on...`
/// attribute, no script or data address.
fn assert_no_script(html: &str) {
    let doc = Html::parse_fragment(html);
    for node in doc.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        assert!(
            !matches!(el.name(), "script" | "iframe" | "style"),
            "{html}"
        );
        for (name, value) in el.attrs() {
            let v = value.trim().to_lowercase();
            assert!(!name.starts_with("on"), "{name} in {html}");
            assert!(
                !["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| v.starts_with(s)),
                "{name}={value} in {html}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn markdown_renders_without_panic_or_script(text in markdown()) {
        let html = panelpress::internals::render_markdown(&text, &[] as &[&str]);
        assert_no_script(&html);
        assert_no_script(&panelpress::internals::inline(&text, false));
        let removed = panelpress::internals::html_removed(&text, false, false);
        let scan = panelpress::internals::scan(&text, &[] as &[&str]);
        // The one parse a build makes gives what each separate reading gives: `serve`'s
        // link check scans, and a build checks the document's facts.
        let document = panelpress::internals::Document::parse(&text, &[] as &[&str], false);
        let facts = document.facts();
        prop_assert_eq!(&facts.ids, &scan.ids);
        prop_assert_eq!(&facts.links, &scan.links);
        prop_assert_eq!(&facts.removed, &removed);
        let scope = panelpress::internals::Scope {
            id_prefix: "b9-".to_string(),
            section: "b9".to_string(),
            base: "../x/".to_string(),
            demote: 1,
        };
        assert_no_script(&document.html(&scope, &|_| None));
        for w in panelpress::internals::search_words(&text) {
            prop_assert!(w.len() <= panelpress::internals::MAX_TERM_BYTES);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(24), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn front_matter_loads_or_is_located(front in front_matter(), body in markdown()) {
        let f = site_with(&format!("---\n{front}---\n{body}\n"));
        match panelpress::check_with(f.root(), &Default::default()) {
            Ok(_) => {}
            Err(errors) => {
                prop_assert!(!errors.0.is_empty());
                assert_located(&errors);
            }
        }
    }

    #[test]
    fn any_file_text_loads_or_is_located(text in "\\PC{0,200}", tail in markdown()) {
        let f = site_with(&format!("{text}\n{tail}"));
        if let Err(errors) = panelpress::check_with(f.root(), &Default::default()) {
            assert_located(&errors);
        }
    }

    #[test]
    fn plain_text_imports_and_builds_or_is_located(
        lines in prop::collection::vec(prop_oneof![
            Just("To: Testshire Police and Crime Panel".to_string()),
            Just("Subject: Generated report".to_string()),
            Just("Date: 3 March 2025".to_string()),
            Just("Agenda Item: B2".to_string()),
            Just("RECOMMENDATION:".to_string()),
            Just("RESOLVED that the Panel agrees.".to_string()),
            Just("1. A numbered paragraph.".to_string()),
            Just(" - a. a sub item".to_string()),
            Just("EXEMPT ITEM".to_string()),
            Just("[x](javascript:alert(1))".to_string()),
            Just("<!-- open".to_string()),
            Just("---".to_string()),
            Just(String::new()),
            "[ -~]{0,50}",
            "\\PC{0,20}",
        ], 0..20)
    ) {
        let f = Fixture::new();
        f.write("content/2025-03-11/_meeting.md", "---\ndate: 2025-03-11\n---\n");
        let source = f.root().join("paper.txt");
        std::fs::write(&source, lines.join("\n")).unwrap();
        match panelpress::clerk::import::import(f.root(), &[source], "2025-03-11", None) {
            Ok(reports) => {
                let written = std::fs::read_to_string(&reports[0].written).unwrap();
                // The title is plain text, shown escaped; the body is Markdown.
                let body = written.splitn(3, "---\n").nth(2).unwrap_or("");
                prop_assert!(!body.to_lowercase().contains("](javascript:"), "{}", written);
                let options = panelpress::Options { drafts: true, ..Default::default() };
                if let Err(errors) = panelpress::check_with(f.root(), &options) {
                    assert_located(&errors);
                }
            }
            Err(errors) => assert_located(&errors),
        }
    }
}
