//! The benchmark corpus generator (examples/gen_corpus): a small corpus builds without
//! errors and shows the features the benchmarks are meant to exercise, one seed always
//! gives the same bytes, and the Hugo copy is well-formed.

#[path = "../examples/gen_corpus/corpus.rs"]
mod corpus;
#[path = "../examples/gen_corpus/hugo.rs"]
mod hugo;
#[path = "../examples/gen_corpus/native.rs"]
mod native;

mod common;

use std::path::Path;

use common::{page, snapshot, texts};

fn generate(out: &Path, papers: usize, meetings: usize, seed: u64) {
    native::write(&corpus::generate(papers, meetings, seed), out).expect("corpus written");
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
