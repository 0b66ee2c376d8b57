//! Publication control: drafts, embargoes (`publish_from` and `--now`), supplements,
//! and the guarantee that withheld text reaches no output file.

mod common;

use common::{Fixture, meeting, paper, snapshot, texts};
use panelpress::Moment;
use panelpress::{Options, build_with};

fn at(text: &str) -> Options {
    Options {
        drafts: false,
        now: Some(Moment::parse(text).expect("a moment")),
        ..Default::default()
    }
}

fn build_at(f: &Fixture, now: &str) {
    if let Err(e) = build_with(f.root(), None, &at(now)) {
        panic!("fixture should build, but:\n{e}");
    }
}

/// Every output file that contains `marker`.
fn files_containing(f: &Fixture, marker: &str) -> Vec<String> {
    snapshot(&f.output())
        .into_iter()
        .filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(marker))
        .map(|(path, _)| path)
        .collect()
}

/// A meeting on 2025-03-04 with a published report at B1 and an embargoed one at B2.
fn embargo_site() -> Fixture {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Budget\ndate: 2025-02-20\nitem: B1",
            "1. Published text.",
        ),
    );
    f.write(
        "content/m/b2.md",
        &paper(
            "title: Estates review\ndate: 2025-02-20\nitem: B2\npublish_from: 2025-03-01 09:00\ntopics: [EMBARGO-TOPIC]\nrecommendations:\n  - EMBARGO-REC\ndecisions:\n  - ref: EMB-1\n    text: EMBARGO-DECISION",
            "1. EMBARGO-BODY",
        ),
    );
    f
}

#[test]
fn an_embargoed_paper_is_only_a_title_to_follow_until_its_moment() {
    let f = embargo_site();
    build_at(&f, "2025-03-01 08:59");
    let html = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&html, ".agenda-item .item-title"),
        ["Budget", "Estates review"]
    );
    assert_eq!(
        texts(&html, "#item-b2 .tag-to-follow"),
        ["Report to follow"]
    );
    assert!(
        texts(&html, "#item-b2 a").is_empty(),
        "nothing to link to yet"
    );
    assert!(!f.output().join("papers/m/b2").exists());
    for marker in ["EMBARGO-", "EMB-1"] {
        assert_eq!(files_containing(&f, marker), Vec::<String>::new());
    }

    build_at(&f, "2025-03-01 09:00");
    let html = f.page("meetings/m/index.html");
    assert!(texts(&html, "#item-b2 .tag-to-follow").is_empty());
    let published = f.page("papers/m/b2/index.html");
    assert_eq!(texts(&published, "h1"), ["Estates review"]);
    assert!(!files_containing(&f, "EMBARGO-BODY").is_empty());
}

#[test]
fn publish_from_is_read_in_the_site_timezone() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-07-08"));
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Summer report\ndate: 2025-07-01\nitem: B1\npublish_from: 2025-07-01 09:00",
            "Text.",
        ),
    );
    // 09:00 in London in July is 08:00 UTC.
    build_at(&f, "2025-07-01T07:59:00Z");
    assert!(!f.output().join("papers/m/b1").exists());
    build_at(&f, "2025-07-01T08:00:00Z");
    assert!(f.output().join("papers/m/b1/index.html").is_file());
}

#[test]
fn the_binary_takes_now_and_source_date_epoch() {
    let f = embargo_site();
    let out = f.run(&["build", "--quiet", "--now", "2025-02-28"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!f.output().join("papers/m/b2").exists());
    let out = f.run(&["build", "--quiet", "--now", "2025-03-02"]);
    assert!(out.status.success());
    assert!(f.output().join("papers/m/b2/index.html").is_file());

    // 2025-02-01T00:00:00Z, before the embargo lifts.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["build", "--quiet"])
        .env("SOURCE_DATE_EPOCH", "1738368000")
        .current_dir(f.root())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!f.output().join("papers/m/b2").exists());

    let bad = f.run(&["build", "--now", "next tuesday"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("--now") && stderr.contains("YYYY-MM-DD"),
        "{stderr}"
    );
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    f.write(
        "content/m/b1.md",
        &paper("title: Budget\ndate: 2025-02-20\nitem: B1", "Text."),
    );
    f.write(
        "content/m/b2.md",
        &paper(
            "title: DRAFT-TITLE\ndate: 2025-02-20\nitem: B2\ndraft: true",
            "DRAFT-BODY",
        ),
    );
    f.write(
        "content/later/_meeting.md",
        &meeting("date: 2025-05-06\ntitle: DRAFT-MEETING\ndraft: true"),
    );
    f.write(
        "content/later/c1.md",
        &paper(
            "title: DRAFT-IN-MEETING\ndate: 2025-05-01\nitem: C1",
            "Text.",
        ),
    );
    // Named by date: the draft meeting's date must not conjure up a public meeting.
    f.write(
        "content/loose.md",
        &paper(
            "title: DRAFT-BY-DATE\ndate: 2025-05-01\nmeeting: \"2025-05-06\"\nitem: C2",
            "Text.",
        ),
    );
    f.write(
        "content/m/b3.md",
        &paper(
            "title: Follow-up\ndate: 2025-02-21\nitem: B3\nfollows: m/b2",
            "Text.",
        ),
    );
    f.build_ok();
    assert_eq!(files_containing(&f, "DRAFT-"), Vec::<String>::new());
    assert!(!f.output().join("meetings/2025-05-06").exists());
    let html = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&html, ".agenda-item .item-title"),
        ["Budget", "Follow-up"]
    );

    let with = Options {
        drafts: true,
        now: None,
        ..Default::default()
    };
    build_with(f.root(), None, &with).expect("builds with drafts");
    let html = f.page("meetings/m/index.html");
    assert_eq!(texts(&html, "#item-b2 .tag-draft"), ["Draft"]);
    let later = f.page("meetings/later/index.html");
    assert_eq!(texts(&later, ".notice-draft").len(), 1);
    assert_eq!(
        texts(&later, ".agenda-item .item-title"),
        ["DRAFT-IN-MEETING", "DRAFT-BY-DATE"]
    );
    let out = f.run(&["build", "--quiet", "--drafts"]);
    assert!(out.status.success());
    assert!(!files_containing(&f, "DRAFT-BODY").is_empty());
}

#[test]
fn supplements_are_marked_on_the_meeting_and_the_paper() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2025-03-04"));
    f.write(
        "content/m/b1.md",
        &paper("title: Budget\ndate: 2025-02-20\nitem: B1", "Text."),
    );
    f.write(
        "content/m/b2.md",
        &paper(
            "title: Late update\ndate: 2025-03-03\nitem: B2\nsupplement: true",
            "Text.",
        ),
    );
    f.build_ok();
    let html = f.page("meetings/m/index.html");
    assert!(texts(&html, "#item-b1 .tag-supplement").is_empty());
    assert_eq!(texts(&html, "#item-b2 .tag-supplement"), ["Supplement"]);
    let page = f.page("papers/m/b2/index.html");
    assert_eq!(texts(&page, ".notice-supplement").len(), 1);
}

#[test]
fn bad_publication_fields_name_their_line() {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2025-03-04\ndraft: maybe"),
    );
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Budget\ndate: 2025-02-20\nitem: B1\nsupplement: yes\npublish_from: soon",
            "Text.",
        ),
    );
    let errors = f.build().expect_err("bad fields fail").to_string();
    for expected in [
        "content/m/_meeting.md:3: error: `draft` must be true or false, not `maybe`",
        "content/m/b1.md:5: error: `supplement` must be true or false, not `yes`",
        "content/m/b1.md:6: error: `publish_from` is not a valid date and time: `soon`",
    ] {
        assert!(
            errors.contains(expected),
            "missing {expected:?} in:\n{errors}"
        );
    }
    assert!(!f.output().exists(), "nothing is written");
}

#[test]
fn an_unknown_timezone_is_an_error_on_its_line() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        &format!("{}timezone = \"Europe/Lundon\"\n", common::SITE_TOML),
    );
    let errors = f.build().expect_err("unknown zone").to_string();
    assert!(
        errors.contains("site.toml:3: error: `timezone` must be an IANA time zone name such as Europe/London, not `Europe/Lundon`"),
        "{errors}"
    );
}

/// Every kind of withheld text, with a base_url so that every optional output (such as
/// a sitemap) is written too: none of it may reach any byte of the output.
#[test]
fn withheld_text_reaches_no_output_file() {
    let f = embargo_site();
    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://papers.example.org/\"\n",
            common::SITE_TOML
        ),
    );
    f.write(
        "content/m/g1.md",
        &paper(
            "title: Contract award\ndate: 2025-02-20\nitem: G1\nexempt: \"Paragraph 3\"\ntopics: [EXEMPT-TOPIC]\nrecommendations:\n  - EXEMPT-REC\ndecisions:\n  - ref: EXEMPT-REF\n    text: EXEMPT-DECISION",
            "EXEMPT-BODY\n\n1. EXEMPT-PARA",
        ),
    );
    f.write(
        "content/m/b9.md",
        &paper(
            "title: DRAFT-TITLE\ndate: 2025-02-20\nitem: B9\ndraft: true\nrecommendations:\n  - DRAFT-REC",
            "DRAFT-BODY",
        ),
    );
    build_at(&f, "2025-02-25");
    let files = snapshot(&f.output());
    assert!(files.len() > 5, "the site was built");
    for marker in ["EXEMPT-", "EMBARGO-", "EMB-1", "DRAFT-"] {
        assert_eq!(
            files_containing(&f, marker),
            Vec::<String>::new(),
            "{marker}"
        );
    }
}

#[test]
fn a_link_to_an_embargoed_paper_leads_to_its_item_and_a_link_to_a_draft_is_an_error() {
    let f = embargo_site();
    let cover = paper(
        "title: Cover note\ndate: 2025-02-20\nitem: B3",
        "1. See [the estates review](b2.md#p1) and [budget](@/m/b1).",
    );
    let line = cover.lines().position(|l| l.contains("(b2.md")).unwrap() + 1;
    f.write("content/m/b3.md", &cover);
    let summary = build_with(f.root(), None, &at("2025-02-28")).expect("a warning only");
    let codes: Vec<&str> = summary.warnings.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["link-to-follow"]);
    assert_eq!(summary.warnings[0].location.line, Some(line));
    let rel = "papers/m/b3/index.html";
    let html = f.page(rel);
    let hrefs = common::attrs(&html, ".prose a:not(.pnum)", "href");
    let (target, fragment) = common::resolve(&f.output(), rel, &hrefs[0]);
    assert_eq!(target, f.output().join("meetings/m/index.html"));
    assert_eq!(fragment.as_deref(), Some("item-b2"));
    assert_eq!(common::broken_links(&f.output()), Vec::<String>::new());

    // Once the embargo lifts, the same link leads to the paper's paragraph.
    let summary = build_with(f.root(), None, &at("2025-03-02")).expect("builds");
    assert!(summary.warnings.is_empty());
    let hrefs = common::attrs(&f.page(rel), ".prose a:not(.pnum)", "href");
    let (target, fragment) = common::resolve(&f.output(), rel, &hrefs[0]);
    assert_eq!(target, f.output().join("papers/m/b2/index.html"));
    assert_eq!(fragment.as_deref(), Some("p1"));

    f.write(
        "content/m/b2.md",
        &paper(
            "title: Estates review\ndate: 2025-02-20\nitem: B2\ndraft: true",
            "1. Text.",
        ),
    );
    let errors = build_with(f.root(), None, &at("2025-03-02")).expect_err("a draft target");
    let d = &errors.0[0];
    assert_eq!(
        (d.code.as_str(), d.location.line),
        ("link-to-draft", Some(line))
    );
}
