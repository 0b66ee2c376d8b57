//! Issue 9, defect 12 (first half): control characters in a field were echoed raw to
//! the terminal (`date: "\e[2J..."` cleared the screen). Every message, help line and
//! file name is now shown with them escaped (`\u{1b}`); JSON output stays valid JSON
//! and carries the value exactly.

mod common;

use common::{Fixture, meeting, paper};

fn site_with_escapes() -> Fixture {
    let f = Fixture::new();
    // YAML's own escapes: `\e` is ESC, `\a` BEL, `\u202E` a right-to-left override.
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: \"held\\u202E\\a\""),
    );
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Report\ndate: \"\\e[2J\\e[31mFAKE\\x9b\"\nitem: B1",
            "1. Text.",
        ),
    );
    f.write("content/m/b\u{1b}[1mx.md", "no front matter\n");
    f
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\n' || ('\u{202a}'..='\u{202e}').contains(&c)
}

#[test]
fn defect_12_control_characters_in_fields_are_escaped_on_the_terminal() {
    let f = site_with_escapes();
    for command in ["build", "check"] {
        let out = f.run(&[command]);
        assert!(!out.status.success());
        let stderr = String::from_utf8(out.stderr).expect("UTF-8");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        for text in [&stderr, &stdout] {
            let bad: Vec<char> = text.chars().filter(|&c| is_unsafe(c)).collect();
            assert!(bad.is_empty(), "{command}: raw {bad:?} in:\n{text}");
        }
        let date = stderr
            .lines()
            .find(|l| l.starts_with("content/m/b1.md:3: error:"))
            .unwrap_or_else(|| panic!("no date error in:\n{stderr}"));
        assert!(
            date.contains("`\\u{1b}[2J\\u{1b}[31mFAKE\\u{9b}`"),
            "{date}"
        );
        let status = stderr
            .lines()
            .find(|l| l.starts_with("content/m/_meeting.md:3: error:"))
            .unwrap_or_else(|| panic!("no status error in:\n{stderr}"));
        assert!(status.contains("held\\u{202e}\\u{7}"), "{status}");
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("content/m/b\\u{1b}[1mx.md:1: error:")),
            "file name not escaped:\n{stderr}"
        );
    }
}

#[test]
fn defect_12_json_output_stays_valid_and_exact() {
    let f = site_with_escapes();
    let out = f.run(&["check", "--format", "json"]);
    assert!(!out.status.success());
    assert!(!out.stdout.contains(&0x1b), "a raw ESC byte in the JSON");
    let problems: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {e}: {l}")))
        .collect();
    let date = problems
        .iter()
        .find(|p| p["file"] == "content/m/b1.md" && p["line"] == 3)
        .expect("the date problem");
    assert!(
        date["message"]
            .as_str()
            .unwrap()
            .contains("\u{1b}[2J\u{1b}[31mFAKE\u{9b}"),
        "{date}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p["file"] == "content/m/b\u{1b}[1mx.md")
    );
}
