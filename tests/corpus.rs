//! The benchmark corpus generator (examples/gen_corpus): a small corpus builds without
//! errors and shows the features the benchmarks are meant to exercise, one seed always
//! gives the same bytes, and the Hugo copy is well-formed; with `--people`, every name in
//! the record matches its person and the papers stay as they were.

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/hugo.rs"]
mod hugo;
#[path = "../examples/gen_corpus/native.rs"]
mod native;
#[path = "../examples/gen_corpus/people.rs"]
mod people;

mod common;

use std::path::Path;

use common::{page, snapshot, texts};

fn generate(out: &Path, papers: usize, meetings: usize, seed: u64) {
    native::write(&corpus::generate(papers, meetings, seed), None, out).expect("corpus written");
}

/// The corpus with `people/` and the record, as `gen_corpus --people` writes it; returns
/// how many people it wrote.
fn generate_with_people(out: &Path, papers: usize, meetings: usize, seed: u64) -> usize {
    let generated = corpus::generate(papers, meetings, seed);
    let record = people::generate(&generated, seed);
    native::write(&generated, Some(&record), out).expect("corpus written");
    record.people.len()
}

#[test]
fn one_seed_gives_the_same_bytes_and_another_seed_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b, c) = (
        dir.path().join("a"),
        dir.path().join("b"),
        dir.path().join("c"),
    );
    generate(&a, 40, 8, 3);
    generate(&b, 40, 8, 3);
    generate(&c, 40, 8, 4);
    let first = snapshot(&a);
    assert_eq!(first.len(), 40 + 8 + 1, "papers, meetings and site.toml");
    assert!(first == snapshot(&b), "same seed, same corpus");
    assert!(first != snapshot(&c), "the seed changes the text");
}

#[test]
fn a_small_corpus_builds_with_every_feature() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    generate(&root, 120, 20, 1);
    let summary = panelpress::build(&root, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!((summary.papers, summary.meetings), (120, 20));
    assert!(summary.decisions > 20, "minutes record decisions");
    let out = root.join("public");
    let broken = common::broken_links(&out);
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));

    let papers: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|p| p.starts_with("papers/"))
        .collect();
    assert_eq!(papers.len(), 120);
    let count = |css: &str| {
        papers
            .iter()
            .filter(|p| page(&out, p).select(&common::sel(css)).next().is_some())
            .count()
    };
    let tables = count("table");
    assert!(
        (20..=60).contains(&tables),
        "about 30 % of papers have tables: {tables}"
    );
    assert!(count("pre.code") >= 1, "some papers have a data extract");
    assert!(count("#series") >= 5, "some papers follow others");
    assert!(count("#outcome") >= 20, "minutes give papers outcomes");
    assert!(
        count("ol.paras ul") >= 50,
        "numbered paragraphs have sub-lists"
    );

    let first = page(&out, &papers[0]);
    let words: usize = texts(&first, "ol.paras > li")
        .iter()
        .map(|t| t.split_whitespace().count())
        .sum();
    assert!(
        (1000..3000).contains(&words),
        "a paper runs to about 1,900 words: {words}"
    );
    let headings = texts(&first, "h2").len();
    let numbered = texts(&first, "ol.paras > li").len();
    assert!(
        headings >= 6 && numbered > headings,
        "paragraphs numbered across headings"
    );
}

#[test]
fn the_hugo_copy_has_front_matter_hugo_can_read() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("hugo");
    let generated = corpus::generate(30, 6, 1);
    hugo::write(&generated, &root).expect("written");
    let files = snapshot(&root.join("content"));
    assert_eq!(
        files.len(),
        30 + 6 + 2,
        "papers, meetings, home and meetings list"
    );
    for (path, bytes) in files {
        let text = String::from_utf8(bytes).unwrap();
        let front = text
            .strip_prefix("---\n")
            .and_then(|t| t.split("\n---").next())
            .unwrap_or_else(|| panic!("{path} has no front matter"));
        let yaml: serde_yaml::Value =
            serde_yaml::from_str(front).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(
            yaml.get("title").and_then(|t| t.as_str()).is_some(),
            "{path} has a title"
        );
    }
    for layout in [
        "layouts/_default/baseof.html",
        "layouts/_default/single.html",
        "layouts/_default/list.html",
        "layouts/index.html",
        "hugo.toml",
    ] {
        assert!(root.join(layout).is_file(), "{layout}");
    }
}

#[test]
fn with_people_every_name_matches_and_the_record_is_full() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    // Twenty meetings four weeks apart cross one annual meeting, where seats change.
    let people = generate_with_people(&root, 120, 20, 1);
    let checked = panelpress::check(&root).unwrap_or_else(|e| panic!("{e}"));
    let warnings: Vec<String> = checked.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "warnings:\n{}", warnings.join("\n"));

    let summary = panelpress::build(&root, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(summary.warnings.is_empty());
    let out = root.join("public");
    let pages: Vec<String> = snapshot(&out.join("people"))
        .into_keys()
        .filter(|p| p.ends_with("/index.html") && p.contains('/') && p != "index.html")
        .collect();
    assert_eq!(pages.len(), people, "a page for each person");
    // 3 bodies of 15 seats, 3 of the sub-committee's held by members of the panel; 2
    // seats of each body changing at each of the annual meetings of May 2008 and May
    // 2009 (the meetings run from January 2008 to June 2009); 5 officers.
    assert_eq!(people, 3 * 15 - 3 + 2 * 3 * 2 + 5);
    let on_two_bodies = snapshot(&out.join("people"))
        .into_keys()
        .filter(|p| p.ends_with("/index.html") && p.contains('/'))
        .filter(|p| texts(&page(&out.join("people"), p), ".attendance-stats").len() == 2)
        .count();
    // At least the panel members on the sub-committee; substitutes at another body's
    // meetings have a record there too.
    assert!(
        on_two_bodies >= 3,
        "the panel members on the sub-committee have a record for each: {on_two_bodies}"
    );

    let meetings: Vec<String> = snapshot(&out)
        .into_keys()
        .filter(|p| p.starts_with("meetings/") && p.ends_with("/index.html"))
        .filter(|p| !p.ends_with("/pack/index.html"))
        .collect();
    let rows = |css: &str| -> usize {
        meetings
            .iter()
            .map(|m| page(&out, m).select(&common::sel(css)).count())
            .sum()
    };
    let held = 20 - 5;
    assert_eq!(rows(".roll-table"), held, "a roll for each held meeting");
    assert_eq!(
        rows(".roll-table tbody tr"),
        held * 15,
        "fifteen seats a roll"
    );
    assert!(
        rows(".roll-table tr.roll-present") > held * 10,
        "most attend"
    );
    assert!(rows(".roll-table tr.roll-apologies") >= 1);
    assert!(rows(".roll-table tr.roll-substituted") >= 1);
    assert!(rows(".roll-table tr.roll-absent") >= 1);
    let first_seats: Vec<String> = meetings
        .iter()
        .filter_map(|m| {
            texts(&page(&out, m), ".roll-table tbody tr:first-child > td")
                .into_iter()
                .next()
        })
        .collect();
    assert_eq!(first_seats.len(), held, "every roll has a first row");
    assert!(
        first_seats.iter().all(|s| s.starts_with("Chair")),
        "the Chair is first on every roll: {first_seats:?}"
    );
    let roles: Vec<String> = meetings
        .iter()
        .flat_map(|m| texts(&page(&out, m), ".roll-table .roll-role"))
        .collect();
    assert!(
        roles.iter().filter(|r| *r == "(Chair)").count() >= held,
        "someone chairs each meeting, the Vice-Chair when the Chair is away: {roles:?}"
    );
    assert!(roles.contains(&"(Vice-Chair)".to_string()));

    let decisions = snapshot(&out)
        .into_keys()
        .filter(|p| p.starts_with("papers/") && p.ends_with(".html"))
        .map(|p| page(&out, &p))
        .collect::<Vec<_>>();
    let named_votes: usize = decisions
        .iter()
        .map(|p| p.select(&common::sel(".vote-names a")).count())
        .sum();
    assert!(
        named_votes > 10,
        "named votes link to people: {named_votes}"
    );
    assert!(
        decisions
            .iter()
            .any(|p| p.select(&common::sel(".vote-summary")).next().is_some()
                && p.select(&common::sel(".vote-names")).next().is_none()),
        "some votes are counts only"
    );
}

#[test]
fn with_people_the_papers_are_the_same_but_for_decision_records() {
    let dir = tempfile::tempdir().unwrap();
    let (plain, with) = (dir.path().join("plain"), dir.path().join("with"));
    generate(&plain, 60, 12, 5);
    generate_with_people(&with, 60, 12, 5);
    let (a, b) = (
        snapshot(&plain.join("content")),
        snapshot(&with.join("content")),
    );
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same files"
    );
    for (path, bytes) in &a {
        if path.ends_with("_meeting.md") {
            continue;
        }
        let (old, new) = (
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&b[path]),
        );
        // Every line of the paper is still there, in order; the record only adds lines.
        let mut added = new.lines();
        for line in old.lines() {
            assert!(
                added.any(|l| l == line),
                "{path}: `{line}` is missing or moved"
            );
        }
    }
    assert!(snapshot(&with.join("people")).len() > 45);
    assert!(snapshot(&plain.join("people")).is_empty());
}
