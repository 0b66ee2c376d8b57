//! Issue 9, defect 4: fields that decide publication fail closed. An empty or null
//! `draft:` or `publish_from:` published the paper or meeting at once; now each is an
//! error at its line, with a help line, the build stops and the previous output stays.
//! An empty `exempt:` withholds, as documented; a word that reads as "no" is an error.

mod common;

use common::{Fixture, meeting, paper, snapshot, texts};

/// A site built once, so that there is an output to protect.
fn built_site() -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write(
        "content/m/b1.md",
        &paper("title: Report\ndate: 2024-03-01\nitem: B1", "1. Text."),
    );
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    f
}

/// Runs `build`, which must fail naming `location` and `field` with a help line, and
/// leave the output as it was.
fn assert_refused(f: &Fixture, location: &str, field: &str) {
    let before = snapshot(&f.output());
    let out = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "build should fail:\n{stderr}");
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with(&format!("{location}: error:")))
        .unwrap_or_else(|| panic!("no error at `{location}` in:\n{stderr}"));
    assert!(lines[at].contains(&format!("`{field}`")), "{}", lines[at]);
    assert!(
        lines
            .get(at + 1)
            .is_some_and(|l| l.trim_start().starts_with("help:")),
        "no help line after `{}`",
        lines[at]
    );
    assert_eq!(before, snapshot(&f.output()), "the previous output changed");
}

const EMPTY_VALUES: &[&str] = &["", " \"\"", " ''", " null", " ~", " \"  \""];

#[test]
fn defect_4_an_empty_draft_on_a_paper_is_an_error() {
    for empty in EMPTY_VALUES {
        let f = built_site();
        f.write(
            "content/m/b2.md",
            &paper(
                &format!("title: Secret\ndate: 2024-03-01\nitem: B2\ndraft:{empty}"),
                "1. DRAFT-TEXT",
            ),
        );
        assert_refused(&f, "content/m/b2.md:5", "draft");
    }
}

#[test]
fn defect_4_an_empty_draft_on_a_meeting_is_an_error() {
    for empty in EMPTY_VALUES {
        let f = built_site();
        f.write(
            "content/n/_meeting.md",
            &meeting(&format!("date: 2024-06-05\ndraft:{empty}")),
        );
        assert_refused(&f, "content/n/_meeting.md:3", "draft");
    }
}

#[test]
fn defect_4_an_empty_publish_from_is_an_error() {
    for empty in EMPTY_VALUES {
        let f = built_site();
        f.write(
            "content/m/b2.md",
            &paper(
                &format!("title: Estates\ndate: 2024-03-01\nitem: B2\npublish_from:{empty}"),
                "1. EMBARGO-TEXT",
            ),
        );
        assert_refused(&f, "content/m/b2.md:5", "publish_from");
    }
}

#[test]
fn defect_4_yes_or_no_fields_refuse_lists_and_words() {
    for (line, value) in [
        ("draft", " [true]"),
        ("draft", " {a: 1}"),
        ("draft", " \"false\""),
        ("draft", " no"),
        ("publish_from", " [2024-01-01]"),
        ("publish_from", " soon"),
    ] {
        let f = built_site();
        f.write(
            "content/m/b2.md",
            &paper(
                &format!("title: Estates\ndate: 2024-03-01\nitem: B2\n{line}:{value}"),
                "1. HIDDEN-TEXT",
            ),
        );
        assert_refused(&f, "content/m/b2.md:5", line);
    }
}

#[test]
fn defect_4_an_exempt_that_reads_as_no_is_an_error() {
    for value in ["no", "\"false\"", "off", "None", "N", "0"] {
        let f = built_site();
        f.write(
            "content/m/b2.md",
            &paper(
                &format!("title: Contract\ndate: 2024-03-01\nitem: B2\nexempt: {value}"),
                "1. EXEMPT-TEXT",
            ),
        );
        assert_refused(&f, "content/m/b2.md:5", "exempt");
    }
}

/// The documented rule: any value but `false` withholds, an empty one too, with the
/// generic reason; the paper's text reaches no output file.
#[test]
fn defect_4_an_empty_exempt_withholds() {
    for value in ["", " \"\"", " null", " yes", " true"] {
        let f = built_site();
        f.write(
            "content/m/b2.md",
            &paper(
                &format!("title: Contract\ndate: 2024-03-01\nitem: B2\nexempt:{value}"),
                "1. EXEMPT-TEXT",
            ),
        );
        let out = f.run(&["build"]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let leaked: Vec<String> = snapshot(&f.output())
            .into_iter()
            .filter(|(_, b)| String::from_utf8_lossy(b).contains("EXEMPT-TEXT"))
            .map(|(p, _)| p)
            .collect();
        assert!(leaked.is_empty(), "exempt:{value} leaked into {leaked:?}");
        let page = f.page("papers/m/b2/index.html");
        assert_eq!(
            texts(&page, ".notice-exempt p"),
            [
                "This paper contains exempt information and is not published. Reason: Exempt information"
            ],
            "exempt:{value}"
        );
    }
}
