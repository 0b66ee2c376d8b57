//! Issue 9, defect 8: front matter cost grew faster than its size. 100,000 nested `[`
//! ran past 20 s inside the YAML parser, and 20,000 decisions took 18.6 s (finding each
//! entry's line rescanned the whole list). Size and nesting are now checked before YAML
//! parsing, and lines are indexed once. The time itself is measured by
//! `examples/front_matter_cost.rs` (BENCHMARKS.md), not here.

mod common;

use common::{Fixture, meeting, paper, snapshot};
use panelpress::internals::{MAX_FRONT_MATTER_BYTES, MAX_FRONT_MATTER_DEPTH};

fn site(front: &str) -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write(
        "content/m/a1.md",
        &paper(
            &format!("title: Minutes\ndate: 2024-03-06\nitem: A1\n{front}"),
            "1. Text.",
        ),
    );
    f
}

/// The one error of a `build` run through the binary, which must fail and leave no output.
fn only_error(f: &Fixture) -> String {
    let out = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "should fail");
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    assert!(snapshot(&f.output()).is_empty(), "an output was written");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.contains(": error: ")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    errors[0].to_string()
}

#[test]
fn defect_8_deep_flow_nesting_is_refused_before_parsing() {
    for open in ["[", "{a: ", "[{"] {
        let f = site(&format!("topics: {}", open.repeat(100_000)));
        let error = only_error(&f);
        assert!(error.starts_with("content/m/a1.md:5:"), "{error}");
        assert!(
            error.contains(&format!("more than {MAX_FRONT_MATTER_DEPTH} deep")),
            "{error}"
        );
    }
}

#[test]
fn defect_8_deep_block_nesting_is_refused_before_parsing() {
    let mut front = String::new();
    for i in 0..200 {
        front += &format!("{}k{i}:\n", " ".repeat(i));
    }
    let f = site(front.trim_end());
    let error = only_error(&f);
    // `title`, `date`, `item` are lines 2-4; `k0` is line 5 and one level deep.
    let line = 5 + MAX_FRONT_MATTER_DEPTH;
    assert!(
        error.starts_with(&format!("content/m/a1.md:{line}:")),
        "{error}"
    );
}

#[test]
fn defect_8_an_oversized_front_matter_is_refused() {
    let big = format!("summary: \"{}\"", "x".repeat(MAX_FRONT_MATTER_BYTES));
    let f = site(&big);
    let error = only_error(&f);
    assert!(error.contains("larger than the limit of 4 MB"), "{error}");
}

/// Brackets inside quotes, comments, block text and plain text are not structure.
#[test]
fn defect_8_brackets_that_are_text_do_not_count() {
    let many = "[".repeat(200);
    let f = site(&format!(
        "to: \"{many}\"\nfrom: Chief [{many}\nclassification: '{many}' # {many}\nrecommendations:\n  - |\n    {many}\n  - That the Panel notes [the] report."
    ));
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Thousands of invalid decisions: every problem is found, each at its own line.
#[test]
fn defect_8_every_entry_of_a_long_list_is_reported_at_its_line() {
    let n = 5_000;
    let mut front = String::from("decisions:");
    for i in 0..n {
        front += &format!("\n  - ref: D/{i}\n    txet: Agreed.\n    date: 2024-02-30");
    }
    let f = site(&front);
    let errors =
        panelpress::check_with(f.root(), &Default::default()).expect_err("invalid decisions");
    let at = |line: usize, words: &str| {
        errors.0.iter().any(|d| {
            d.location.line == Some(line)
                && d.message.contains(words)
                && d.location.file.ends_with("content/m/a1.md")
        })
    };
    // Entry i starts on line 6 + 3i: `- ref:`, then `txet:`, then `date:`.
    for i in [0, 1, 2_500, n - 1] {
        let start = 6 + 3 * i;
        assert!(at(start + 1, "unknown field `txet`"), "entry {i}");
        assert!(at(start, "missing required field `text`"), "entry {i}");
        assert!(at(start + 2, "not a valid date"), "entry {i}");
    }
    assert_eq!(errors.0.len(), 3 * n);
}
