//! Bad input: each case names the file and line, exits non-zero, and leaves the
//! previous output exactly as it was.

mod common;

use common::{Fixture, meeting, paper, snapshot};

/// A site that builds, built once so that there is an output to protect.
fn built_site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: held"),
    );
    f.write(
        "content/m/b1.md",
        &paper("title: Report\ndate: 2024-03-01\nitem: B1", "1. Text."),
    );
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05"));
    let out = f.run(&["build"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    f
}

/// Runs `build` and checks it fails with `location` (file:line) and `words` in one message,
/// leaving the output untouched. Returns stderr.
fn assert_fails(f: &Fixture, location: &str, words: &str) -> String {
    let before = snapshot(&f.output());
    assert!(!before.is_empty());
    let out = f.run(&["build"]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "build should fail");
    assert_ne!(out.status.code(), Some(101), "panicked: {stderr}");
    let line = stderr
        .lines()
        .find(|l| l.starts_with(location))
        .unwrap_or_else(|| panic!("no `{location}` in:\n{stderr}"));
    assert!(line.contains(words), "`{words}` not in `{line}`");
    assert_eq!(before, snapshot(&f.output()), "the previous output changed");
    let leftovers: Vec<_> = std::fs::read_dir(f.root())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("panelpress"))
        .collect();
    assert!(leftovers.is_empty(), "staging folders left behind");
    stderr
}

#[test]
fn front_matter_that_does_not_parse() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\ndate: 2024-03-01\nitem: [B2\n---\nText.\n",
    );
    assert_fails(&f, "content/m/b2.md:5", "not valid YAML");
}

#[test]
fn front_matter_that_is_not_closed() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\ndate: 2024-03-01\n\nText with no closing line.\n",
    );
    assert_fails(&f, "content/m/b2.md:1", "never closed");
}

#[test]
fn tab_indented_front_matter() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\ndate: 2024-03-01\nrecommendations:\n\t- Note it\n---\nText.\n",
    );
    let err = assert_fails(&f, "content/m/b2.md:5:1", "indented with a tab");
    assert!(err.contains("replace the tab with spaces"));
}

#[test]
fn missing_required_field() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\nitem: B2\n---\nText.\n",
    );
    let err = assert_fails(&f, "content/m/b2.md:1", "missing required field `date`");
    assert!(err.contains("help:"), "says what to do: {err}");
}

#[test]
fn invalid_date() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\nitem: B2\ndate: 2024-13-45\n---\nText.\n",
    );
    assert_fails(&f, "content/m/b2.md:4", "not a valid date: `2024-13-45`");
}

#[test]
fn unknown_meeting() {
    let f = built_site();
    f.write(
        "content/other/x.md",
        "---\ntitle: Report\ndate: 2024-03-01\nmeeting: annual-meting\n---\nText.\n",
    );
    assert_fails(
        &f,
        "content/other/x.md:4",
        "unknown meeting `annual-meting`",
    );
}

#[test]
fn two_papers_with_one_item_number() {
    let f = built_site();
    f.write(
        "content/m/c.md",
        "---\ntitle: Another\ndate: 2024-03-01\nitem: b1\n---\nText.\n",
    );
    let err = assert_fails(
        &f,
        "content/m/c.md:4",
        "item `b1` of meeting `m` is already taken",
    );
    assert!(
        err.contains("content/m/b1.md"),
        "names the other paper: {err}"
    );
}

#[test]
fn duplicate_decision_ref() {
    let f = built_site();
    let d = |r: &str| {
        format!(
            "---\ntitle: Decision\ndate: 2024-03-01\nkind: decision\ndecisions:\n  - text: Agreed.\n    ref: {r}\n---\nText.\n"
        )
    };
    f.write("content/m/c1.md", &d("D/01"));
    f.write("content/n/c1.md", &d("D/01"));
    let err = assert_fails(
        &f,
        "content/n/c1.md:7",
        "decision ref `D/01` is already used",
    );
    assert!(err.contains("content/m/c1.md:7"), "{err}");
}

#[test]
fn follows_that_names_nothing() {
    let f = built_site();
    f.write(
        "content/n/b1.md",
        "---\ntitle: Update\ndate: 2024-06-01\nfollows: m/b9\n---\nText.\n",
    );
    let err = assert_fails(&f, "content/n/b1.md:4", "`follows` names no paper: `m/b9`");
    assert!(err.contains("path under content/"), "{err}");
}

#[test]
fn minutes_of_that_names_nothing() {
    let f = built_site();
    f.write("content/n/mins.md", "---\ntitle: Minutes\ndate: 2024-06-01\nkind: minutes\nminutes_of: \"2023-01-01\"\n---\nText.\n");
    assert_fails(&f, "content/n/mins.md:5", "`minutes_of` names no meeting");
}

#[test]
fn file_that_is_not_utf8() {
    let f = built_site();
    f.write_bytes(
        "content/m/b2.md",
        b"---\ntitle: Caf\xe9 report\ndate: 2024-03-01\n---\n",
    );
    assert_fails(&f, "content/m/b2.md:2:11", "not valid UTF-8");
}

#[test]
fn template_error_names_the_template_and_line() {
    let f = built_site();
    f.write("templates/paper.html", "{% extends \"base.html\" %}\n{% block content %}\n<h1>{{ paper.title }</h1>\n{% endblock content %}\n");
    assert_fails(&f, "templates/paper.html:3", "template error");
}

#[test]
fn template_rendering_error_names_the_template_and_line() {
    let f = built_site();
    f.write("templates/paper.html", "{% extends \"base.html\" %}\n{% block content %}\n\n<h1>{{ paper.no_such_field.title }}</h1>\n{% endblock content %}\n");
    assert_fails(&f, "templates/paper.html:4", "template error");
}

#[test]
fn unknown_field_is_refused_with_a_suggestion() {
    let f = built_site();
    f.write(
        "content/m/g1.md",
        "---\ntitle: Contract\ndate: 2024-03-01\nexmpt: Paragraph 3\n---\nSecret.\n",
    );
    let err = assert_fails(&f, "content/m/g1.md:4", "unknown field `exmpt`");
    assert!(err.contains("did you mean `exempt`?"), "{err}");
}

#[test]
fn every_error_is_reported_in_one_run() {
    let f = built_site();
    f.write("content/m/x.md", "---\ntitle: X\ndate: 2024-02-30\n---\n");
    f.write(
        "content/m/y.md",
        "---\ntitle: Y\ndate: 2024-03-01\nfollows: nowhere\n---\n",
    );
    f.write("content/m/z.md", "---\ntitle: [Z\n---\n");
    let err = assert_fails(&f, "content/m/x.md:3", "not a valid date");
    assert!(err.contains("content/m/y.md:4"), "{err}");
    assert!(err.contains("content/m/z.md:3"), "{err}");
    assert!(err.contains("3 errors found"), "{err}");
}

#[test]
fn an_output_folder_that_would_destroy_the_site_is_refused() {
    let f = built_site();
    let out = f.run(&["build", "--output", "."]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("would replace the site's own files"));
    assert!(f.root().join("content/m/b1.md").is_file());
}

#[test]
fn odd_files_never_panic() {
    let cases: [&[u8]; 9] = [
        b"",
        b"---\n---\n",
        b"---\n- a\n- b\n---\n",
        b"---\ntitle: [1, 2]\ndate: 2024-03-01\n---\n",
        b"---\ntitle: T\ndate: 20240301\n---\n",
        b"---\ntitle: T\ndate: 2024-03-01\ndecisions: nope\nrecommendations: {a: 1}\n---\n",
        b"---\ntitle: T\ndate: 2024-03-01\ndecisions:\n  - 7\n  - {ref: [x]}\n---\n",
        b"\xef\xbb\xbf---\ntitle: T\ndate: 2024-03-01\nitem: ~\n---\n1. x\n\n10000000000000000000. y\n",
        b"---\ntitle: T\ndate: 2024-03-01\n---\n```\n\xe2\x80\x8b\n[^]: x\n# \n<div>\n",
    ];
    for (i, bytes) in cases.iter().enumerate() {
        let f = built_site();
        f.write_bytes("content/m/odd.md", bytes);
        let out = f.run(&["build"]);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.status.code(), Some(101), "case {i} panicked: {stderr}");
        if !out.status.success() {
            assert!(stderr.contains("content/m/odd.md"), "case {i}: {stderr}");
        }
    }
}

#[test]
fn an_item_in_the_agenda_and_a_paper() {
    let f = built_site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05\nagenda:\n  - item: \"1\"\n    title: Apologies\n  - item: B1\n    title: Verbal update"));
    f.write(
        "content/n/b1.md",
        "---\ntitle: Written update\ndate: 2024-06-01\nitem: B1\n---\nText.\n",
    );
    let err = assert_fails(
        &f,
        "content/n/b1.md:4",
        "item `B1` of meeting `n` is already taken by the agenda in",
    );
    assert!(err.contains("content/n/_meeting.md"), "{err}");
}

#[test]
fn an_item_twice_in_the_agenda() {
    let f = built_site();
    f.write("content/n/_meeting.md", &meeting("date: 2024-06-05\nagenda:\n  - item: \"1\"\n    title: Apologies\n  - title: Declarations\n    item: \"1\""));
    assert_fails(
        &f,
        "content/n/_meeting.md:7",
        "item `1` appears twice in the agenda",
    );
}

#[test]
fn a_folder_of_other_files_is_never_replaced() {
    let f = built_site();
    f.write("deploy/CNAME", "papers.example.org\n");
    f.write("deploy/.git/HEAD", "ref: refs/heads/gh-pages\n");
    let before = snapshot(&f.root().join("deploy"));
    let out = f.run(&["build", "--output", "deploy"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "deploy: error: the output folder holds files that panelpress did not write"
        ),
        "{stderr}"
    );
    assert_eq!(before, snapshot(&f.root().join("deploy")));
    // An empty folder, or one an earlier build wrote, is fine.
    std::fs::create_dir(f.root().join("fresh")).unwrap();
    assert!(f.run(&["build", "--output", "fresh"]).status.success());
    assert!(f.run(&["build", "--output", "fresh"]).status.success());
}

#[test]
fn one_broken_paper_brings_no_follow_on_errors() {
    let f = built_site();
    f.write(
        "content/m/b2.md",
        "---\ntitle: Report\ndate: 2024-03-01\nkind: reprot\n---\nText.\n",
    );
    f.write(
        "content/n/b2.md",
        "---\ntitle: Update\ndate: 2024-06-01\nfollows: m/b2\n---\nText.\n",
    );
    let err = assert_fails(&f, "content/m/b2.md:4", "unknown kind `reprot`");
    assert!(err.contains("1 error found"), "only the real error: {err}");
}

#[test]
fn attendance_errors_point_at_their_own_line() {
    let f = built_site();
    f.write(
        "content/n/_meeting.md",
        "---\ndate: 2024-06-05\nattendance:\n  present: [Cllr A]\n  apologise: [Cllr B]\n---\n",
    );
    let err = assert_fails(
        &f,
        "content/n/_meeting.md:5",
        "unknown field `apologise` in attendance",
    );
    assert!(err.contains("did you mean `apologies`?"), "{err}");
}

#[test]
fn a_base_url_that_is_not_a_web_address() {
    let f = built_site();
    f.write(
        "site.toml",
        &format!("{}base_url = \"papers.example.org\"\n", common::SITE_TOML),
    );
    assert_fails(&f, "site.toml:3", "`base_url` must be a web address");
}
