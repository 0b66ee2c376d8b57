//! The sample archive in `content/`: it builds, every link and anchor in it resolves, the
//! exempt paper stays out, and it shows each feature the archive offers.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{attrs, page, project_root, sel, snapshot, texts};
use tempfile::TempDir;

/// The sample, built once for all tests here into a temp folder.
fn built() -> &'static Path {
    static OUT: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        panelpress::build(&project_root(), Some(&site)).unwrap_or_else(|e| panic!("{e}"));
        (dir, site)
    })
    .1
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let broken = common::broken_links(built());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_exempt_paper_reaches_no_output_file() {
    let source = std::fs::read_to_string(
        project_root().join("content/2024/2024-11-19/g1-victim-care-hub-contract-award.md"),
    )
    .unwrap();
    assert!(
        source.contains("EXEMPT-SAMPLE-MARKER"),
        "the sample's exempt paper carries the marker"
    );
    for (path, bytes) in snapshot(built()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("EXEMPT-SAMPLE-MARKER"),
            "{path} leaks the exempt paper"
        );
    }
    let meeting = page(built(), "meetings/2024-11-19/index.html");
    assert_eq!(texts(&meeting, ".agenda-item.is-exempt .item-no"), ["G1"]);
}

#[test]
fn the_sample_shows_every_feature() {
    let out = built();
    let meetings = page(out, "meetings/index.html");
    let bodies = texts(&meetings, "main h2");
    assert_eq!(bodies.len(), 2, "two bodies: {bodies:?}");
    assert!(meetings.select(&sel("main li a")).count() >= 4);
    let years = texts(&meetings, "main h3");
    assert!(years.contains(&"2024".to_string()) && years.contains(&"2025".to_string()));

    let implicit = page(out, "meetings/2025-10-14/index.html");
    assert!(
        implicit.select(&sel(".agenda-item a.item-title")).count() >= 2,
        "a meeting known only by its date"
    );

    let series = page(
        out,
        "papers/2024/2024-07-16/b1-neighbourhood-policing-update/index.html",
    );
    assert_eq!(series.select(&sel(".series-list li")).count(), 3);

    let papers_with_outcome = snapshot(out)
        .keys()
        .filter(|p| p.starts_with("papers/"))
        .filter(|p| {
            page(out, p)
                .select(&sel(".outcome .outcome-decision"))
                .next()
                .is_some()
        })
        .count();
    assert!(
        papers_with_outcome >= 5,
        "minutes give outcomes to earlier papers: {papers_with_outcome}"
    );

    let decision = page(
        out,
        "papers/2024/2024-07-16/c1-decision-victim-care-hub-procurement/index.html",
    );
    assert_eq!(
        texts(&decision, "#decisions ~ .decision .ref"),
        ["NPCC/D/021/24"]
    );

    let programme = page(
        out,
        "papers/2024/2024-07-16/e2-work-programme-2024-25/index.html",
    );
    assert!(programme.select(&sel(".prose table tbody tr")).count() >= 3);

    let csv = page(
        out,
        "papers/2024/2024-07-16/b2-performance-quarter-4/index.html",
    );
    assert!(
        csv.select(&sel("pre.code[data-lang=csv] .hl-constant"))
            .count()
            > 5
    );

    let register = page(out, "decisions/index.html");
    assert!(register.select(&sel("tbody tr")).count() >= 20);
    let home = page(out, "index.html");
    let next = texts(&home, ".next-meeting");
    assert!(
        next.iter().any(|c| c.contains("8 December 2026")),
        "next meeting: {next:?}"
    );
}

#[test]
fn paragraph_links_in_minutes_stay_unique() {
    let out = built();
    for (path, _) in snapshot(out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = page(out, path);
        let mut ids = attrs(&html, "[id]", "id");
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{path} repeats an id");
    }
    let minutes = page(
        out,
        "papers/2024/2024-11-19/04-minutes-2024-07-16/index.html",
    );
    let ids = attrs(&minutes, "ol.paras > li", "id");
    assert!(ids.contains(&"p1".to_string()));
    assert!(
        ids.iter().filter(|id| id.ends_with("-p1")).count() >= 2,
        "restarted numbering is qualified: {ids:?}"
    );
}

#[test]
fn sample_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    panelpress::build(&project_root(), Some(&dir.path().join("again"))).unwrap();
    assert_eq!(snapshot(built()), snapshot(&dir.path().join("again")));
}
