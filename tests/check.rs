//! `check`: links between papers, agenda and minutes consistency, warnings against
//! errors, and the JSON Lines report. Every expected position is worked out from the
//! fixture's own text, not copied from output.

mod common;

use common::{Fixture, attrs, meeting, paper, resolve, sel};
use panelpress::Diagnostic;
use panelpress::Severity;
use serde_json::Value;

/// 1-based line and column (in characters) of the first `needle` in `text`.
fn pos(text: &str, needle: &str) -> (usize, usize) {
    let at = text
        .find(needle)
        .unwrap_or_else(|| panic!("`{needle}` not in fixture"));
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, col)
}

/// A fixture with one held meeting, `m`, on 2024-03-05, and two papers in it.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: held\nagenda:\n  - item: \"1\"\n    title: Apologies"),
    );
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Policing report\ndate: 2024-03-01\nitem: B1",
            "## Background\n\n1. First.\n2. Second.\n3. Third.",
        ),
    );
    f.write(
        "content/m/b2.md",
        &paper(
            "title: Budget report\ndate: 2024-03-01\nitem: B2",
            "1. Budget.",
        ),
    );
    f
}

/// Writes `text` to `rel` and returns it, so positions can be found in it.
fn put(f: &Fixture, rel: &str, text: String) -> String {
    f.write(rel, &text);
    text
}

fn check_errors(f: &Fixture) -> Vec<Diagnostic> {
    match panelpress::check(f.root()) {
        Ok(s) => panic!("check should fail; warnings: {:?}", s.warnings),
        Err(e) => e.0,
    }
}

fn check_warnings(f: &Fixture) -> Vec<Diagnostic> {
    match panelpress::check(f.root()) {
        Ok(s) => s.warnings,
        Err(e) => panic!("check should pass, but:\n{e}"),
    }
}

/// The one problem with `code`, asserting there is exactly one.
fn only<'a>(list: &'a [Diagnostic], code: &str) -> &'a Diagnostic {
    let found: Vec<&Diagnostic> = list.iter().filter(|d| d.code.as_str() == code).collect();
    assert_eq!(found.len(), 1, "one `{code}` expected in {list:#?}");
    found[0]
}

fn assert_at(d: &Diagnostic, file: &str, line: usize, column: Option<usize>) {
    assert_eq!(d.location.file.to_string_lossy(), file, "{d}");
    assert_eq!(d.location.line, Some(line), "{d}");
    assert_eq!(d.location.column, column, "{d}");
}

/// The one problem with `code`, found both through the library and in the binary's
/// `--format json` output, at `file`, `line` and `column` with `severity`; the exit
/// status is 1 exactly when there is an error.
fn expect(
    f: &Fixture,
    code: &str,
    file: &str,
    line: usize,
    column: Option<usize>,
    severity: Severity,
) -> Diagnostic {
    let list = match panelpress::check(f.root()) {
        Ok(s) => s.warnings,
        Err(e) => e.0,
    };
    let d = only(&list, code).clone();
    assert_at(&d, file, line, column);
    assert_eq!(d.severity, severity, "{d}");
    let (status, values) = json(f, &["check", "--format", "json"]);
    let failed = list.iter().any(|d| d.is_error());
    assert_eq!(status, Some(i32::from(failed)));
    assert_eq!(values.len(), list.len(), "{values:?}");
    let v = with_code(&values, code);
    assert_eq!(v["file"], file);
    assert_eq!(v["line"], line);
    assert_eq!(v["column"], column.map_or(Value::Null, Value::from));
    let word = match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    assert_eq!(v["severity"], word);
    assert_eq!(v["message"], d.message.as_str());
    assert_eq!(
        v["help"],
        d.help.as_deref().map_or(Value::Null, Value::from)
    );
    d
}

/// Runs the binary with `--format json` and parses every stdout line.
fn json(f: &Fixture, args: &[&str]) -> (Option<i32>, Vec<Value>) {
    let out = f.run(args);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let values = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    (out.status.code(), values)
}

fn with_code<'a>(values: &'a [Value], code: &str) -> &'a Value {
    let found: Vec<&Value> = values.iter().filter(|v| v["code"] == code).collect();
    assert_eq!(found.len(), 1, "one `{code}` expected in {values:#?}");
    found[0]
}

#[test]
fn unknown_paper_in_a_relative_link() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [the report](b9.md#p2) for more.",
        ),
    );
    let (line, col) = pos(&text, "[the report]");
    let d = &expect(
        &f,
        "link-unknown-paper",
        "content/m/c1.md",
        line,
        Some(col),
        Severity::Error,
    );
    assert_eq!(d.severity, Severity::Error);
    assert!(d.message.contains("b9.md"), "{d}");
    // The closest paper is suggested, as a path from this file.
    let help = d.help.as_deref().unwrap_or("");
    assert!(help.contains("`b1.md`") || help.contains("`b2.md`"), "{d}");

    let (code, values) = json(&f, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    let v = with_code(&values, "link-unknown-paper");
    assert_eq!(v["file"], "content/m/c1.md");
    assert_eq!(v["line"], line);
    assert_eq!(v["column"], col);
    assert_eq!(v["severity"], "error");
    assert!(v["message"].as_str().unwrap().contains("b9.md"));
    assert!(v["help"].is_string());
}

#[test]
fn unknown_paper_in_an_at_link_suggests_the_closest_id() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "Intro line.\n\n1. As [reported](@/m/b11) before.",
        ),
    );
    let (line, col) = pos(&text, "[reported]");
    let d = &expect(
        &f,
        "link-unknown-paper",
        "content/m/c1.md",
        line,
        Some(col),
        Severity::Error,
    );
    assert!(d.help.as_deref().unwrap().contains("`@/m/b1`"), "{d}");
}

#[test]
fn unknown_paragraph_in_another_paper_and_in_the_same_one() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [paragraph 9](b1.md#p9).\n2. And [this](#p7), and [fine](#p1).",
        ),
    );
    let errors = check_errors(&f);
    let anchors: Vec<&Diagnostic> = errors
        .iter()
        .filter(|d| d.code.as_str() == "link-unknown-anchor")
        .collect();
    assert_eq!(anchors.len(), 2, "{errors:#?}");
    let (line, col) = pos(&text, "[paragraph 9]");
    assert_at(anchors[0], "content/m/c1.md", line, Some(col));
    assert!(anchors[0].message.contains("m/b1"), "{}", anchors[0]);
    let (line, col) = pos(&text, "[this]");
    assert_at(anchors[1], "content/m/c1.md", line, Some(col));
    assert!(anchors[1].message.contains("m/c1"), "{}", anchors[1]);
    assert!(errors.iter().all(|d| d.is_error()));
    let (status, values) = json(&f, &["check", "--format", "json"]);
    assert_eq!(status, Some(1));
    let lines: Vec<Option<u64>> = values.iter().map(|v| v["line"].as_u64()).collect();
    let want: Vec<Option<u64>> = anchors
        .iter()
        .map(|d| d.location.line.map(|l| l as u64))
        .collect();
    assert_eq!(lines, want);
}

#[test]
fn unknown_heading_anchor_suggests_the_heading() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [the background](@/m/b1#backgrond).",
        ),
    );
    let (line, col) = pos(&text, "[the background]");
    let d = &expect(
        &f,
        "link-unknown-anchor",
        "content/m/c1.md",
        line,
        Some(col),
        Severity::Error,
    );
    assert!(d.help.as_deref().unwrap().contains("`#background`"), "{d}");
}

#[test]
fn a_paragraph_of_an_exempt_paper_cannot_be_linked() {
    let f = site();
    f.write(
        "content/m/e1.md",
        &paper(
            "title: Contract\ndate: 2024-03-01\nitem: E1\nexempt: Paragraph 3",
            "1. Secret.",
        ),
    );
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [it](e1.md#p1).",
        ),
    );
    let (line, col) = pos(&text, "[it]");
    let d = &expect(
        &f,
        "link-unknown-anchor",
        "content/m/c1.md",
        line,
        Some(col),
        Severity::Error,
    );
    assert!(d.help.as_deref().unwrap().contains("exempt"), "{d}");
    // Linking the exempt paper itself is fine.
    f.write(
        "content/m/c1.md",
        &paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [it](e1.md).",
        ),
    );
    assert!(check_warnings(&f).is_empty());
}

#[test]
fn links_in_exempt_papers_are_not_checked_as_they_are_never_published() {
    let f = site();
    f.write(
        "content/m/e1.md",
        &paper(
            "title: Contract\ndate: 2024-03-01\nitem: E1\nexempt: Paragraph 3",
            "1. See [gone](gone.md).",
        ),
    );
    assert!(check_warnings(&f).is_empty());
}

/// Links across folders, to a meeting, by `@/` and relative path, land on a page and an
/// id that exist, from disk and with a base_url.
#[test]
fn links_point_at_the_right_page_and_anchor() {
    let f = site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05"));
    f.write(
        "content/n/b1.md",
        &paper(
            "title: Update\ndate: 2024-06-01\nitem: B1",
            "1. Following [paragraph 2](../m/b1.md#p2) and [the background](@/m/b1#background), \
             see [the agenda](../m/_meeting.md#item-1), [the budget](@/m/b2.md) \
             and [below](#p2).\n2. More.",
        ),
    );
    f.build_ok();
    let page = "papers/n/b1/index.html";
    let html = f.page(page);
    let hrefs = attrs(&html, "main a[href]", "href");
    let wanted = [
        ("papers/m/b1/index.html", Some("p2")),
        ("papers/m/b1/index.html", Some("background")),
        ("meetings/m/index.html", Some("item-1")),
        ("papers/m/b2/index.html", None),
        (page, Some("p2")),
    ];
    for (file, fragment) in wanted {
        let href = hrefs
            .iter()
            .find(|h| {
                let (target, frag) = resolve(&f.output(), page, h);
                target == f.output().join(file) && frag.as_deref() == fragment
            })
            .unwrap_or_else(|| panic!("no link to {file}#{fragment:?} in {hrefs:?}"));
        assert!(!href.contains(".md") && !href.starts_with("@/"), "{href}");
        if let Some(id) = fragment {
            let target = f.page(file);
            let found = target.select(&sel(&format!("[id=\"{id}\"]"))).count();
            assert_eq!(found, 1, "no #{id} in {file}");
        }
    }
    assert!(common::broken_links(&f.output()).is_empty());

    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://papers.example.org/\"\n",
            common::SITE_TOML
        ),
    );
    f.build_ok();
    let html = f.page(page);
    let hrefs = attrs(&html, "main a[href]", "href");
    assert!(
        hrefs.contains(&"https://papers.example.org/papers/m/b1/#p2".to_string()),
        "{hrefs:?}"
    );
    assert!(
        hrefs.contains(&"https://papers.example.org/meetings/m/#item-1".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn links_in_a_meeting_introduction_are_checked_and_rewritten() {
    let f = site();
    let text = put(
        &f,
        "content/n/_meeting.md",
        "---\ndate: 2024-06-05\n---\nFollows up [the report](../m/b1.md#p3) and [this](../m/b7.md).\n"
            .to_string(),
    );
    let (line, col) = pos(&text, "[this]");
    expect(
        &f,
        "link-unknown-paper",
        "content/n/_meeting.md",
        line,
        Some(col),
        Severity::Error,
    );
    f.write(
        "content/n/_meeting.md",
        "---\ndate: 2024-06-05\n---\nFollows up [the report](../m/b1.md#p3).\n",
    );
    f.build_ok();
    let html = f.page("meetings/n/index.html");
    let hrefs = attrs(&html, "main a[href]", "href");
    assert!(
        hrefs.contains(&"../../papers/m/b1/index.html#p3".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn web_and_file_links_are_left_alone() {
    let f = site();
    f.write(
        "content/m/c1.md",
        &paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. [Web](https://example.org/a.md), [pdf](../files/a.pdf), [mail](mailto:x@example.org).",
        ),
    );
    assert!(check_warnings(&f).is_empty());
}

#[test]
fn an_agenda_item_claimed_by_a_paper() {
    let f = site();
    let text = put(
        &f,
        "content/m/a1.md",
        paper(
            "title: Apologies paper\ndate: 2024-03-01\nitem: \"1\"",
            "Text.",
        ),
    );
    let d = &expect(
        &f,
        "agenda-item-claimed-twice",
        "content/m/a1.md",
        pos(&text, "item:").0,
        None,
        Severity::Error,
    );
    assert_eq!(d.severity, Severity::Error);
}

#[test]
fn a_decision_under_an_item_not_on_the_agenda_is_a_warning() {
    let f = site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05"));
    let text = put(
        &f,
        "content/n/a2.md",
        paper(
            "title: Minutes\ndate: 2024-06-01\nitem: A2\nminutes_of: m\ndecisions:\n  - item: B1\n    text: Noted.\n  - item: B7\n    text: Agreed.",
            "1. Minutes.",
        ),
    );
    let d = &expect(
        &f,
        "decision-item-not-on-agenda",
        "content/n/a2.md",
        pos(&text, "item: B7").0,
        None,
        Severity::Warning,
    );
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.help.as_deref().unwrap().contains("B1"), "{d}");

    // A warning does not stop a build, and is reported on stderr and in JSON.
    let out = f.run(&["build"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let (line, _) = pos(&text, "item: B7");
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with(&format!("content/n/a2.md:{line}: warning: "))),
        "{stderr}"
    );
    assert!(f.output().join("meetings/n/index.html").is_file());
    let (code, values) = json(&f, &["build", "--format", "json"]);
    assert_eq!(code, Some(0));
    assert_eq!(values.len(), 1, "{values:?}");
    let v = with_code(&values, "decision-item-not-on-agenda");
    assert_eq!(v["severity"], "warning");
    assert_eq!(v["line"], line);
    assert_eq!(v["column"], Value::Null);
}

#[test]
fn minutes_recorded_twice_is_an_error_unless_one_is_exempt() {
    let f = site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05"));
    f.write(
        "content/n/a2.md",
        &paper(
            "title: Minutes\ndate: 2024-06-01\nitem: A2\nminutes_of: m",
            "1. One.",
        ),
    );
    let text = put(
        &f,
        "content/n/a3.md",
        paper(
            "title: Minutes again\ndate: 2024-06-01\nitem: A3\nminutes_of: m",
            "1. Two.",
        ),
    );
    let d = &expect(
        &f,
        "minutes-recorded-twice",
        "content/n/a3.md",
        pos(&text, "minutes_of:").0,
        None,
        Severity::Error,
    );
    assert!(d.message.contains("content/n/a2.md"), "{d}");

    f.write(
        "content/n/a3.md",
        &paper(
            "title: Exempt minutes\ndate: 2024-06-01\nitem: A3\nminutes_of: m\nexempt: Paragraph 3",
            "1. Two.",
        ),
    );
    assert!(check_warnings(&f).is_empty());
}

#[test]
fn minutes_of_a_later_meeting_is_an_error() {
    let f = site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05"));
    let text = put(
        &f,
        "content/m/a2.md",
        paper(
            "title: Minutes\ndate: 2024-03-01\nitem: A2\nminutes_of: n",
            "1. One.",
        ),
    );
    expect(
        &f,
        "minutes-of-later-meeting",
        "content/m/a2.md",
        pos(&text, "minutes_of:").0,
        None,
        Severity::Error,
    );
    let (code, values) = json(&f, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        with_code(&values, "minutes-of-later-meeting")["severity"],
        "error"
    );
}

#[test]
fn a_paper_dated_long_after_its_meeting_is_a_warning_the_site_can_tune() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper("title: Late note\ndate: 2024-05-01\nitem: C1", "1. Late."),
    );
    let d = &expect(
        &f,
        "paper-dated-after-meeting",
        "content/m/c1.md",
        pos(&text, "date:").0,
        None,
        Severity::Warning,
    );
    assert_eq!(d.severity, Severity::Warning);
    // 2024-03-05 to 2024-05-01 is 57 days.
    assert!(d.message.contains("57 days"), "{d}");

    f.write(
        "site.toml",
        &format!("{}max_days_after_meeting = 57\n", common::SITE_TOML),
    );
    assert!(check_warnings(&f).is_empty());
    f.write(
        "site.toml",
        &format!("{}max_days_after_meeting = 56\n", common::SITE_TOML),
    );
    assert_eq!(check_warnings(&f).len(), 1);
}

#[test]
fn a_meeting_with_papers_but_no_items_is_a_warning() {
    let f = Fixture::new();
    let text = put(&f, "content/m/_meeting.md", meeting("date: 2024-03-05"));
    f.write(
        "content/m/x.md",
        &paper("title: A paper\ndate: 2024-03-01", "1. Text."),
    );
    expect(
        &f,
        "meeting-without-items",
        "content/m/_meeting.md",
        pos(&text, "date:").0,
        None,
        Severity::Warning,
    );

    // A meeting known only by a paper's date is pointed at by that paper's `meeting:`.
    let f = Fixture::new();
    let text = put(
        &f,
        "content/loose.md",
        paper(
            "title: Loose\ndate: 2024-03-01\nmeeting: 2024-03-05",
            "1. Text.",
        ),
    );
    expect(
        &f,
        "meeting-without-items",
        "content/loose.md",
        pos(&text, "meeting:").0,
        None,
        Severity::Warning,
    );
}

#[test]
fn human_format_lists_warnings_with_errors() {
    let f = site();
    f.write(
        "content/m/c1.md",
        &paper(
            "title: Late note\ndate: 2024-05-01\nitem: C1",
            "1. [x](nope.md)",
        ),
    );
    let out = f.run(&["check"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(
        lines.iter().any(|l| l.starts_with("content/m/c1.md:")
            && l.contains(": error: link to an unknown paper")),
        "{stderr}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("content/m/c1.md:") && l.contains(": warning: ")),
        "{stderr}"
    );
    assert_eq!(lines.last(), Some(&"1 error found, and 1 warning"));
}

#[test]
fn existing_errors_get_codes_in_json() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper("title: Bad\ndate: 2024-13-45\nitem: C1", "Text."),
    );
    let (code, values) = json(&f, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    assert_eq!(values.len(), 1, "{values:?}");
    assert_eq!(values[0]["code"], "field");
    assert_eq!(values[0]["line"], pos(&text, "date:").0);
    assert_eq!(values[0]["file"], "content/m/c1.md");
}

#[test]
fn the_sample_site_checks_clean() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["check", "--format", "json", "--root"])
        .arg(common::project_root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn reference_style_links_are_checked_too() {
    let f = site();
    let text = put(
        &f,
        "content/m/c1.md",
        paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. See [the report][r] and [the budget][b].\n\n[r]: b1.md#p3\n[b]: b3.md",
        ),
    );
    let (line, col) = pos(&text, "[the budget]");
    expect(
        &f,
        "link-unknown-paper",
        "content/m/c1.md",
        line,
        Some(col),
        Severity::Error,
    );
}

#[test]
fn two_papers_claiming_one_item() {
    let f = site();
    let text = put(
        &f,
        "content/m/b3.md",
        paper("title: Another\ndate: 2024-03-01\nitem: b2", "Text."),
    );
    let (code, values) = json(&f, &["check", "--format", "json"]);
    assert_eq!(code, Some(1));
    let v = with_code(&values, "agenda-item-claimed-twice");
    assert_eq!(v["file"], "content/m/b3.md");
    assert_eq!(v["line"], pos(&text, "item:").0);
    assert_eq!(v["severity"], "error");
}

#[test]
fn a_broken_link_leaves_the_previous_output_untouched() {
    let f = site();
    f.build_ok();
    let before = common::snapshot(&f.output());
    f.write(
        "content/m/c1.md",
        &paper(
            "title: Note\ndate: 2024-03-01\nitem: C1",
            "1. [x](@/m/b1#p4)",
        ),
    );
    let out = f.run(&["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(before, common::snapshot(&f.output()));
}
